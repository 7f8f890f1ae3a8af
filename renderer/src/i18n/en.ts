/** English UI text. ru.ts must have exactly the same keys (a test checks). */
export default {
  app: { title: 'Lead Admin' },
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
  keychain: {
    unavailable: 'The system keychain is not available, so portals cannot be connected. {reason}',
    memoryOnly: 'Development mode: secrets are kept in memory only and are gone when the app stops.'
  },
  portals: {
    title: 'Portals',
    connected: 'Connected portals',
    none: 'No portal is connected yet. Add one below, or open the demo portal to try the app.',
    remove: 'Remove',
    removeNamed: 'Remove portal {name}',
    removeConfirm: 'Remove portal {name}? Its saved sign-in is deleted from the keychain.',
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
      signIn: 'Sign in'
    },
    demo: {
      title: 'Demo portal',
      hint: 'A local portal with generated leads, to try everything without an account.',
      open: 'Open demo portal'
    }
  },
  areas: {
    needPortal: 'Connect a portal to work with its {area}.',
    goToPortals: 'Go to Portals',
    jobsEmpty: 'No jobs yet. Long work such as sync, import and export will show its progress here.'
  },
  errors: {
    INVALID_ARGUMENT: 'The request was not accepted: {detail}',
    UNKNOWN_CHANNEL: 'The app asked for something it does not know.',
    UNTRUSTED_SENDER: 'The call was refused because it did not come from the app window.',
    NOT_IMPLEMENTED: 'Not available in this version yet: {detail}',
    features: {
      webhookConnect: 'connecting a portal by webhook',
      oauthSignIn: 'signing in with OAuth'
    },
    NOT_FOUND: 'Not found: {detail}',
    INVALID_WEBHOOK_URL: 'This webhook URL cannot be used.',
    SECRET_STORE_UNAVAILABLE: 'The system keychain is not available: {detail}',
    INTERNAL: 'Something went wrong inside the app. The details are in the log.',
    TRANSPORT: 'The app core cannot be reached: {detail}',
    webhook: {
      notUrl: 'This is not a web address. Paste the whole webhook URL, starting with https://',
      notHttps: 'A Bitrix24 webhook URL must start with https://',
      notWebhookPath:
        'This address is not an incoming webhook. It should look like https://your-portal.bitrix24.com/rest/1/abc123def456/',
      hasCredentials: 'The webhook URL must not contain a user name or password.'
    }
  }
}
