/** English UI text. ru.ts must have exactly the same keys (a test checks). */
import gridTools from './grid-tools.en'
import leadFields from './lead-fields.en'

export default {
  ...gridTools,
  ...leadFields,
  app: { title: 'Lead Admin', skipToContent: 'Skip to content' },
  nav: {
    label: 'Main navigation',
    leads: 'Leads',
    userfields: 'Userfields',
    layout: 'Card layout',
    portals: 'Portals',
    jobs: 'Jobs'
  },
  settings: {
    darkTheme: 'Dark theme',
    language: 'Language'
  },
  status: {
    label: 'Status',
    noPortal: 'No portal connected',
    portal: 'Portal: {name}',
    online: 'Online',
    offline: 'Offline'
  },
  syncStatus: {
    connection: 'Portal connection',
    offline: 'Portal unreachable',
    offlineRetryIn:
      'Portal unreachable, trying again in {count} second | Portal unreachable, trying again in {count} seconds',
    offlineRetrying: 'Portal unreachable, trying again…',
    limitRequests:
      'Waiting for the portal’s request limit: {count} second more | Waiting for the portal’s request limit: {count} seconds more',
    limitOperating:
      'Waiting for the portal’s operating-time limit: {count} second more | Waiting for the portal’s operating-time limit: {count} seconds more',
    refused: 'The portal refuses the sign-in. Sign in again on the Portals screen.',
    preparing: 'Checking the portal…',
    sending: 'Sending {count} change | Sending {count} changes',
    progress: '{rows} of {total}',
    rowsSoFar: '{count} lead | {count} leads',
    rate: '{rate} leads/s',
    etaSeconds: 'about {count} second left | about {count} seconds left',
    etaMinutes: 'about {count} minute left | about {count} minutes left',
    firstDownload: 'The portal’s leads are on their way: the first ones appear here in a moment.',
    noLeads: 'No leads here yet.',
    rowsFailed: 'The rows could not be loaded: {reason}',
    reloadRows: 'Load the rows again'
  },
  keychain: {
    unavailable: 'The system keychain is not available, so portals cannot be connected. {reason}',
    memoryOnly: 'Development mode: secrets are kept in memory only and are gone when the app stops.'
  },
  portals: {
    tabs: { connections: 'Connections', console: 'REST console' },
    colourOf: 'Colour of portal {name}',
    rename: 'Rename',
    renameNamed: 'Rename portal {name}',
    newName: 'New name of the portal',
    actsAs: 'as {name}',
    needsSignIn: 'Sign in again',
    scopes: 'Scopes: {scopes}',
    productionNamed: 'Portal {name} is a production portal',
    use: 'Work with it',
    useNamed: 'Work with it: portal {name}',
    inUse: 'In use',
    inUseNamed: 'In use: portal {name}',
    title: 'Portals',
    connected: 'Connected portals',
    none: 'No portal is connected yet. Add one below, or open the demo portal to try the app.',
    remove: 'Remove',
    removeNamed: 'Remove portal {name}',
    removeConfirm:
      'Remove portal {name}? Its saved sign-in is deleted from the keychain, and the local copy of its leads is deleted from this computer, with any changes not yet sent to the portal.',
    removeConfirmUnsent:
      'Remove portal {name}? Its saved sign-in is deleted from the keychain, and the local copy of its leads is deleted from this computer. {unsent}',
    unsentLost:
      '{count} change not yet sent to the portal will be lost. | {count} changes not yet sent to the portal will be lost.',
    move: {
      title: 'Portal {name} answers from another address',
      text: 'The portal redirected the app to {domain}. The app keeps using {current} and sends nothing there until you confirm that the portal really moved (for example, it was renamed).',
      confirm: 'Use the new address',
      confirmNamed: 'Use {domain} as the address of portal {name}',
      keep: 'Keep {current}',
      keepNamed: 'Keep {current} as the address of portal {name}',
      confirmed: 'Portal {name} is now reached at {domain}'
    },
    removed: 'Portal {name} removed',
    cancel: 'Cancel',
    production: 'PROD',
    kinds: { webhook: 'Webhook', oauth: 'OAuth', demo: 'Demo' },
    webhook: {
      title: 'Add by incoming webhook',
      url: 'Webhook URL',
      urlPlaceholder: 'https://your-portal.bitrix24.com/rest/1/abc123def456/',
      hint: 'In Bitrix24 open Developer resources → Other → Incoming webhook, give it the "crm" scope and paste its URL here.',
      connect: 'Connect'
    },
    oauth: {
      title: 'Sign in with OAuth',
      address: 'Portal address',
      addressPlaceholder: 'your-portal.bitrix24.com',
      clientId: 'Client ID',
      clientSecret: 'Client secret',
      clientIdPlaceholder: 'local.65a1b2c3d4e5f6.12345678',
      clientSecretPlaceholder: 'From your local application in Bitrix24',
      handlerHint:
        'In the portal, create a local application with the handler URL {url} and the CRM permission, then copy its client ID and secret here.',
      waiting: 'Approve the access in the browser window that opened…',
      cancel: 'Cancel',
      signIn: 'Sign in'
    },
    demo: {
      title: 'Demo portal',
      hint: 'A local portal with generated leads, to try everything without an account.',
      open: 'Open demo portal'
    }
  },
  console: {
    title: 'REST console',
    noPortal: 'Connect a portal to call its REST methods here.',
    portal: 'Portal',
    method: 'Method',
    params: 'Parameters (JSON)',
    paramsHint: 'A JSON object. Ctrl+Enter sends. The call is made by the app, so your token stays in the keychain.',
    send: 'Send',
    invalidJson: 'The parameters are not valid JSON: {detail}',
    paramsNotObject: "The parameters must be a JSON object, like {'{'} \"id\": 1 {'}'}.",
    answer: 'Answer',
    httpStatus: 'HTTP {status}',
    roundTrip: 'round trip {ms} ms',
    processing: 'server {seconds} s',
    operating: 'operating {seconds} s',
    resetAt: 'resets at {time}',
    total: 'total {total}',
    next: 'next {next}'
  },
  leads: {
    grid: {
      name: 'Leads',
      open: 'Open lead {title}',
      openShort: 'Open',
      sync: { synced: 'Synced', pending: 'Not sent yet', conflict: 'Conflict', error: 'Error' }
    },
    rows: 'Lead rows',
    syncColumn: 'Sync',
    search: 'Search leads',
    searchPlaceholder: 'Search by name, phone, e-mail, company…',
    syncNow: 'Sync now',
    cancelSync: 'Stop syncing',
    syncStatus: 'Sync status',
    phase: {
      grid: 'Downloading leads',
      details: 'Downloading all fields',
      delta: 'Fetching changes',
      sweep: 'Checking for deleted leads',
      push: 'Sending your changes'
    },
    lastSync: 'Synced {time}',
    neverSynced: 'Not synced yet',
    offline: 'Offline: your changes are kept and sent later',
    pending: '{count} change waiting to be sent | {count} changes waiting to be sent',
    conflicts: '{count} conflict | {count} conflicts',
    needsAttention: '{count} change needs attention | {count} changes need attention',
    waitingBehind: '{count} later change waits for them | {count} later changes wait for them',
    sweepRemoved: '{count} lead deleted on the portal was removed | {count} leads deleted on the portal were removed',
    stages: 'Stages',
    allStages: 'All stages',
    stageCount: '{stage} ({total})',
    loading: 'Loading…',
    nothingFound: 'Nothing found for “{search}”.',
    clearSearch: 'Clear the search',
    nothingMatches: 'No lead matches the filter.',
    clearSearchAndFilter: 'Clear the search and the filter',
    undoStatus: 'Last undo',
    undoRow: 'Undo the last change of lead {id}',
    undoHint: 'Undo the last change (Ctrl+Z)',
    undone: 'Undone: the last change of “{title}”',
    undoneRemoved: 'Undone: “{title}”, made offline, is gone',
    editCell: 'New value of {field}'
  },
  fields: {
    yes: 'Yes',
    no: 'No',
    user: 'User {id}',
    inactiveUser: '{name} (inactive)',
    inactive: '(inactive)',
    record: { LEAD: 'Lead {id}', CONTACT: 'Contact {id}', COMPANY: 'Company {id}', DEAL: 'Deal {id}' },
    choices: 'Choices',
    nothingFound: 'Nothing found',
    noMatch: '“{text}” is not one of the choices: pick one from the list',
    remove: 'Remove {value}',
    currency: 'Currency',
    amountWithCurrency: '{field}, currency',
    item: '{field}, item {number}',
    itemKind: '{field}, kind of item {number}',
    addItem: 'Add',
    removeShort: 'Remove',
    valueType: {
      WORK: 'Work',
      MOBILE: 'Mobile',
      FAX: 'Fax',
      HOME: 'Home',
      PAGER: 'Pager',
      MAILING: 'For newsletters',
      OTHER: 'Other',
      USER: 'User'
    }
  },
  card: {
    title: 'Lead {title}',
    back: 'Back to the leads',
    openOnPortal: 'Open on the portal',
    notFound: 'This lead is not in the local copy.',
    loading: 'Loading the lead…',
    tabs: {
      label: 'Lead card',
      fields: 'Fields',
      products: 'Products',
      contacts: 'Contacts',
      history: 'History'
    },
    layoutSource: {
      personal: 'Your own layout',
      common: 'The common layout of the portal',
      default: 'The default layout (the portal has none saved)'
    },
    leadType: { 1: 'Lead', 2: 'Repeat lead' },
    sections: {
      main: 'About the lead',
      contact: 'Contact information',
      more: 'More',
      userfields: 'Custom fields',
      changed: 'Other changed fields'
    },
    showAll: 'Show all fields',
    noneFilled: 'No field of this card is filled in yet.',
    edit: 'Edit {field}',
    newValue: 'New value of {field}',
    save: 'Save',
    cancel: 'Cancel',
    notSent: 'Not sent yet',
    needsAttention: 'Needs attention',
    refusedTitle: 'The portal refused the last change',
    refusedHint: 'Correct the marked fields here: the change is sent again.',
    stages: 'Stage',
    stageSet: 'Set stage {stage}',
    stageCurrent: '{stage} (current)',
    semantics: { process: 'In progress', success: 'Success', failure: 'Failure' },
    products: {
      title: 'Product rows',
      product: 'Product',
      name: 'Name of row {index}',
      price: 'Price of row {index}',
      quantity: 'Quantity of row {index}',
      discount: 'Discount of row {index}',
      discountType: 'Discount type of row {index}',
      percent: '%',
      amount: 'Amount',
      taxRate: 'Tax rate (%) of row {index}',
      taxIncluded: 'Tax included in row {index}',
      sum: 'Sum',
      remove: 'Remove row {index}',
      columns: {
        name: 'Product',
        price: 'Price',
        quantity: 'Quantity',
        discount: 'Discount',
        tax: 'Tax, %',
        taxIncluded: 'Tax included',
        sum: 'Sum',
        actions: 'Actions'
      },
      search: 'Find a product in the catalogue',
      searchPlaceholder: 'Type a product name…',
      searchButton: 'Search',
      results: 'Products found',
      addFound: 'Add {name} ({price})',
      addTyped: 'Add a row by name',
      noneFound: 'No product of the catalogue matches.',
      offline: 'The portal cannot be reached, so its catalogue cannot be searched. You can still add a row by name.',
      none: 'This lead has no product rows.',
      count: '{count} row | {count} rows',
      total: 'Total',
      taxTotal: 'Tax',
      amountFollows: 'The lead’s amount becomes {amount}.',
      saveRows: 'Save the product rows',
      saved: 'The product rows are saved and will be sent to the portal.',
      pending: 'Not sent yet: the portal has not received these rows.',
      localOnly: 'The portal cannot be reached: the rows shown are the ones kept on this computer.',
      newRow: 'New row'
    },
    contacts: {
      title: 'Bound contacts',
      none: 'No contact is bound to this lead.',
      count: '{count} contact | {count} contacts',
      primary: 'Primary',
      makePrimary: 'Make primary: {name}',
      makePrimaryShort: 'Make primary',
      moveUp: 'Move {name} up',
      moveDown: 'Move {name} down',
      unbind: 'Unbind {name}',
      dragHandle: 'Drag {name} to reorder',
      search: 'Find a contact by name, phone or e-mail',
      searchPlaceholder: 'Name, phone or e-mail…',
      searchButton: 'Search',
      results: 'Contacts found',
      bind: 'Bind {name}',
      noneFound: 'No contact matches.',
      offline: 'The portal cannot be reached, so its contacts cannot be searched or named now.',
      unnamed: 'Contact {id}',
      pending: 'Not sent yet: the portal has not received this change.',
      saved: 'The contacts are saved and will be sent to the portal.'
    },
    history: {
      title: 'History of changes',
      none: 'No change of this lead has been seen yet.',
      field: 'Field',
      before: 'Before',
      after: 'After',
      when: 'When',
      source: 'Source',
      sources: { sync: 'From the portal', edit: 'Your edit', undo: 'Undo' },
      count: '{count} change | {count} changes',
      empty: '(empty)'
    }
  },
  sync: {
    problems: 'Changes that need you',
    empty: '(empty)',
    conflictField: 'Lead {lead}, {field}: changed here and on the portal.',
    mine: 'Yours: {value}',
    theirs: 'Portal: {value}',
    keepMine: 'Keep yours',
    takeTheirs: 'Take the portal’s',
    newValueOf: 'Another value for {field}',
    newValuePlaceholder: 'Type another value',
    useValue: 'Use this value',
    deletedOnPortal: 'Lead {lead} was deleted on the portal, but you changed it here.',
    createAgain: 'Create it again',
    letGo: 'Let it go',
    refused: 'Lead {lead}: the portal refused the change: {message}',
    retry: 'Try again',
    discard: 'Discard the change',
    reason: {
      DELETED_ON_PORTAL: 'the lead was deleted on the portal',
      INTERRUPTED: 'the app stopped while this change was being sent',
      UNSENDABLE: 'the change holds something that cannot be put in a request; edit the lead or discard the change',
      CANCELLED: 'sending was stopped'
    },
    waitingBehind:
      '{count} later change of this lead waits for this one | {count} later changes of this lead wait for this one'
  },
  jobs: {
    table: 'Job log',
    refresh: 'Refresh',
    column: {
      kind: 'What',
      status: 'Status',
      started: 'Started',
      duration: 'Duration',
      summary: 'Result',
      actions: 'Actions'
    },
    action: {
      pause: 'Pause',
      resume: 'Resume',
      cancel: 'Cancel',
      pauseNamed: 'Pause job {id}: {kind}',
      resumeNamed: 'Resume job {id}: {kind}',
      cancelNamed: 'Cancel job {id}: {kind}'
    },
    kind: {
      initialGrid: 'First download — grid columns',
      initialDetails: 'First download — all fields',
      sweep: 'Deletion sweep',
      push: 'Sending changes',
      import: 'Import',
      export: 'Export',
      bulkEdit: 'Bulk edit'
    },
    status: {
      queued: 'Waiting',
      running: 'Running',
      paused: 'Paused',
      done: 'Done',
      failed: 'Failed',
      cancelled: 'Cancelled',
      needsSignIn: 'Needs sign-in',
      interrupted: 'Interrupted'
    },
    progress: {
      done: '{done} done',
      ofTotal: '{done} of {total}',
      failed: '{count} lead failed | {count} leads failed'
    },
    duration: { seconds: '{seconds} s', minutes: '{minutes} min {seconds} s' },
    summary: {
      rows: '{count} lead | {count} leads',
      sent: '{count} change sent | {count} changes sent',
      conflicts: '{count} conflict | {count} conflicts',
      parked: '{count} needs attention | {count} need attention',
      removed: '{count} lead removed | {count} leads removed',
      requests: '{count} request | {count} requests'
    }
  },
  areas: {
    needPortal: 'Connect a portal to work with its {area}.',
    goToPortals: 'Go to Portals',
    notYet: 'The {area} screen is not available in this version yet.',
    jobsEmpty: 'No jobs yet. Long work such as sync, import and export will show its progress here.'
  },
  errors: {
    INVALID_ARGUMENT: 'The request was not accepted: {detail}',
    UNKNOWN_CHANNEL: 'The app asked for something it does not know.',
    UNTRUSTED_SENDER: 'The call was refused because it did not come from the app window.',
    NOT_FOUND: 'Not found: {detail}',
    INVALID_WEBHOOK_URL: 'This webhook URL cannot be used.',
    SECRET_STORE_UNAVAILABLE: 'The system keychain is not available: {detail}',
    INVALID_PORTAL_ADDRESS: 'This is not a portal address: {detail}',
    PORTAL_UNREACHABLE: 'The portal could not be reached. Check the address and your connection. ({detail})',
    PORTAL_BAD_ANSWER: 'The portal answered with something that is not a Bitrix24 answer. ({detail})',
    badAnswer: {
      notJson:
        'The portal answered, but with something that is not a Bitrix24 answer (a web page, an empty or cut-off reply). Check the portal address; a proxy or a Wi-Fi sign-in page may be in the way.',
      noResult:
        'The portal answered a request without its results. Try again later; if it goes on, contact the portal’s support.',
      notList:
        'The portal answered a list of leads with something that is not a list. Nothing was changed locally; try again later.',
      badId:
        'The portal sent leads whose IDs are not numbers in order, so they cannot be read reliably. Nothing after them was stored.'
    },
    PORTAL_MOVED: 'The portal redirected the app to {to}. Nothing was sent there.',
    moved: {
      confirmable:
        'The portal redirected the app to {to}. Nothing was sent there: if the portal really moved, confirm the new address on the Portals screen.',
      insecure: 'The portal redirected the app to {to}, which is not a secure (https) address. Nothing was sent there.'
    },
    PORTAL_REJECTED: 'The portal refused the credentials. ({detail})',
    MISSING_SCOPE: 'The webhook or application has no CRM permission. ({detail})',
    SIGN_IN_REQUIRED: 'The sign-in to this portal has expired. Sign in again.',
    PORTAL_ERROR: 'The portal answered with an error: {detail}',
    CANCELLED: 'Cancelled.',
    SIGN_IN_FAILED: 'The sign-in did not finish: {detail}',
    signIn: {
      portBusy: 'Another program uses the sign-in port. Close it, or change the port, and try again.',
      listenFailed: 'The app could not wait for the sign-in answer on this computer.',
      browserFailed: 'The system browser could not be opened.',
      timeout: 'The sign-in took too long. Try again, and approve the access in the browser.',
      cancelled: 'The sign-in was cancelled.',
      stateMismatch: 'The answer from the browser did not belong to this sign-in, so it was refused. Try again.',
      badCallback: 'The portal did not grant access. Check the application settings in the portal.',
      exchangeFailed: 'The portal did not accept the sign-in. Check the client ID and secret.'
    },
    INVALID_VALUE: 'This value cannot be saved: {detail}',
    INTERNAL: 'Something went wrong inside the app. The details are in the log.',
    TRANSPORT: 'The app core cannot be reached: {detail}',
    webhook: {
      notUrl: 'This is not a web address. Paste the whole webhook URL, starting with https://',
      notHttps: 'A Bitrix24 webhook URL must start with https://',
      notWebhookPath:
        'This address is not an incoming webhook. It should look like https://your-portal.bitrix24.com/rest/1/abc123def456/',
      hasCredentials: 'The webhook URL must not contain a user name or password.'
    },
    fieldItem: '{field}, item {item}',
    field: {
      required: '{field}: required',
      too_long:
        '{field}: too long, {count} character (at most {max} allowed) | {field}: too long, {count} characters (at most {max} allowed)',
      too_short:
        '{field}: too short, {count} character (at least {min} needed) | {field}: too short, {count} characters (at least {min} needed)',
      invalid_email: '{field}: “{value}” is not a valid e-mail address',
      invalid_number: '{field}: “{value}” is not a number',
      invalid_integer: '{field}: “{value}” is not a whole number or an ID',
      out_of_range: '{field}: “{value}” is out of range',
      below_minimum: '{field}: “{value}” is below the minimum {min}',
      above_maximum: '{field}: “{value}” is above the maximum {max}',
      invalid_date: '{field}: “{value}” is not a date (use YYYY-MM-DD or DD.MM.YYYY)',
      invalid_flag: '{field}: “{value}” is not yes or no',
      unknown_status: '{field}: “{value}” is not in the portal’s list',
      unknown_list_item: '{field}: “{value}” is not an item of this list',
      invalid_money: "{field}: “{value}” is not an amount of money (use amount{'|'}CURRENCY, e.g. 300{'|'}EUR)",
      invalid_url: '{field}: “{value}” is not a web address',
      invalid_binding: '{field}: “{value}” is not a CRM binding such as L_4, C_2 or CO_3',
      invalid_value_type: '{field}: “{value}” is not allowed here; use one of {allowed}',
      invalid_shape: '{field}: this value has the wrong form',
      not_multiple:
        '{field}: holds one value, but {count} was given | {field}: holds one value, but {count} were given',
      read_only: '{field}: set by the portal, it cannot be changed',
      unknown_field: '{field}: the portal has no such field',
      malformed_text: '{field}: contains broken characters that cannot be sent'
    }
  }
}
