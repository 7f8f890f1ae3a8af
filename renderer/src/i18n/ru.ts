import type en from './en'
import gridTools from './grid-tools.ru'

/** Русский текст интерфейса: те же ключи, что в en.ts. */
const ru: typeof en = {
  ...gridTools,
  app: { title: 'Lead Admin' },
  nav: {
    label: 'Главное меню',
    leads: 'Лиды',
    userfields: 'Пользовательские поля',
    layout: 'Карточка лида',
    portals: 'Порталы',
    jobs: 'Задания'
  },
  settings: {
    darkTheme: 'Тёмная тема',
    language: 'Язык'
  },
  status: {
    label: 'Состояние',
    noPortal: 'Портал не подключён',
    portal: 'Портал: {name}',
    online: 'В сети',
    offline: 'Нет сети'
  },
  keychain: {
    unavailable: 'Системное хранилище паролей недоступно, поэтому порталы подключить нельзя. {reason}',
    memoryOnly: 'Режим разработки: секреты хранятся только в памяти и пропадут после остановки приложения.'
  },
  portals: {
    tabs: { connections: 'Подключения', console: 'REST-консоль' },
    colourOf: 'Цвет портала {name}',
    rename: 'Переименовать',
    renameNamed: 'Переименовать портал {name}',
    newName: 'Новое название портала',
    actsAs: 'от имени {name}',
    needsSignIn: 'Войдите снова',
    scopes: 'Права: {scopes}',
    productionNamed: 'Портал {name} — рабочий (PROD)',
    use: 'Работать с ним',
    useNamed: 'Работать с порталом {name}',
    inUse: 'Выбран',
    title: 'Порталы',
    connected: 'Подключённые порталы',
    none: 'Ни один портал ещё не подключён. Добавьте портал ниже или откройте демо-портал, чтобы попробовать приложение.',
    remove: 'Удалить',
    removeNamed: 'Удалить портал {name}',
    removeConfirm:
      'Удалить портал {name}? Сохранённый вход будет удалён из хранилища паролей, а локальная копия его лидов — с этого компьютера, вместе с изменениями, ещё не отправленными на портал.',
    removeConfirmUnsent:
      'Удалить портал {name}? Сохранённый вход будет удалён из хранилища паролей, а локальная копия его лидов — с этого компьютера. {unsent}',
    unsentLost:
      '{count} изменение, ещё не отправленное на портал, будет потеряно. | {count} изменения, ещё не отправленные на портал, будут потеряны. | {count} изменений, ещё не отправленных на портал, будут потеряны.',
    move: {
      title: 'Портал {name} отвечает с другого адреса',
      text: 'Портал перенаправил приложение на {domain}. Приложение продолжает работать с {current} и ничего туда не отправляет, пока вы не подтвердите, что портал действительно переехал (например, его переименовали).',
      confirm: 'Перейти на новый адрес',
      confirmNamed: 'Сделать {domain} адресом портала {name}',
      keep: 'Оставить {current}',
      keepNamed: 'Оставить {current} адресом портала {name}',
      confirmed: 'Портал {name} теперь работает по адресу {domain}'
    },
    removed: 'Портал {name} удалён',
    cancel: 'Отмена',
    production: 'PROD',
    kinds: { webhook: 'Вебхук', oauth: 'OAuth', demo: 'Демо' },
    webhook: {
      title: 'Добавить по входящему вебхуку',
      url: 'Адрес вебхука',
      urlPlaceholder: 'https://your-portal.bitrix24.ru/rest/1/abc123def456/',
      hint: 'В Битрикс24 откройте Разработчикам → Другое → Входящий вебхук, выдайте право «crm» и вставьте сюда его адрес.',
      connect: 'Подключить'
    },
    oauth: {
      title: 'Войти через OAuth',
      address: 'Адрес портала',
      addressPlaceholder: 'your-portal.bitrix24.ru',
      clientId: 'Код приложения (client_id)',
      clientSecret: 'Ключ приложения (client_secret)',
      clientIdPlaceholder: 'local.65a1b2c3d4e5f6.12345678',
      clientSecretPlaceholder: 'Из настроек локального приложения в Битрикс24',
      handlerHint:
        'На портале создайте локальное приложение с адресом обработчика {url} и правом CRM, затем скопируйте сюда его код и ключ.',
      waiting: 'Разрешите доступ в открывшемся окне браузера…',
      cancel: 'Отмена',
      signIn: 'Войти'
    },
    demo: {
      title: 'Демо-портал',
      hint: 'Локальный портал со сгенерированными лидами, чтобы попробовать всё без учётной записи.',
      open: 'Открыть демо-портал'
    }
  },
  console: {
    title: 'REST-консоль',
    noPortal: 'Подключите портал, чтобы вызывать здесь его REST-методы.',
    portal: 'Портал',
    method: 'Метод',
    params: 'Параметры (JSON)',
    paramsHint:
      'Объект JSON. Ctrl+Enter — отправить. Вызов делает приложение, поэтому токен остаётся в хранилище паролей.',
    send: 'Отправить',
    invalidJson: 'Параметры — не корректный JSON: {detail}',
    paramsNotObject: 'Параметры должны быть объектом JSON, например {"{"} "id": 1 {"}"}.',
    answer: 'Ответ',
    httpStatus: 'HTTP {status}',
    roundTrip: 'ответ за {ms} мс',
    processing: 'сервер {seconds} с',
    operating: 'operating {seconds} с',
    resetAt: 'сброс в {time}',
    total: 'всего {total}',
    next: 'далее {next}'
  },
  leads: {
    grid: {
      name: 'Лиды',
      open: 'Открыть лид {title}',
      openShort: 'Открыть',
      sync: { synced: 'Синхронизирован', pending: 'Ещё не отправлен', conflict: 'Конфликт', error: 'Ошибка' }
    },
    rows: 'Строки лидов',
    syncColumn: 'Синхр.',
    search: 'Поиск лидов',
    searchPlaceholder: 'Поиск по имени, телефону, e-mail, компании…',
    syncNow: 'Синхронизировать',
    cancelSync: 'Остановить',
    syncStatus: 'Состояние синхронизации',
    phase: {
      grid: 'Загрузка лидов',
      details: 'Загрузка всех полей',
      delta: 'Загрузка изменений',
      sweep: 'Проверка удалённых лидов',
      push: 'Отправка ваших изменений'
    },
    progress: '{rows} из {total}',
    rate: '{rate} лидов/с',
    eta: 'осталось около {seconds} с',
    lastSync: 'Синхронизировано {time}',
    neverSynced: 'Ещё не синхронизировано',
    offline: 'Нет сети: изменения сохранены и будут отправлены позже',
    pending: 'Изменений ждут отправки: {count}',
    conflicts: 'Конфликтов: {count}',
    needsAttention: 'Изменений требуют внимания: {count}',
    waitingBehind: 'Ждут за ними более поздних изменений: {count}',
    sweepRemoved: 'Удалено лидов, удалённых на портале: {count}',
    stages: 'Стадии',
    allStages: 'Все стадии',
    stageCount: '{stage} ({count})',
    empty: 'Здесь пока нет лидов. Нажмите «Синхронизировать», чтобы загрузить лиды портала.',
    loading: 'Загрузка…',
    undoStatus: 'Последняя отмена',
    undoRow: 'Отменить последнее изменение лида {id}',
    undoHint: 'Отменить последнее изменение (Ctrl+Z)',
    undone: 'Отменено последнее изменение «{title}»',
    undoneRemoved: 'Отменено: «{title}», созданный без сети, удалён',
    editCell: 'Новое значение поля {field}'
  },
  fields: {
    yes: 'Да',
    no: 'Нет',
    user: 'Пользователь {id}',
    inactiveUser: '{name} (неактивен)',
    inactive: '(неактивен)',
    record: { LEAD: 'Лид {id}', CONTACT: 'Контакт {id}', COMPANY: 'Компания {id}', DEAL: 'Сделка {id}' },
    choices: 'Варианты',
    nothingFound: 'Ничего не найдено',
    noMatch: '«{text}» нет среди вариантов: выберите из списка',
    remove: 'Убрать {value}',
    currency: 'Валюта',
    amountWithCurrency: '{field}, валюта',
    item: '{field}, значение {number}',
    itemKind: '{field}, тип значения {number}',
    addItem: 'Добавить',
    removeShort: 'Убрать',
    valueType: {
      WORK: 'Рабочий',
      MOBILE: 'Мобильный',
      FAX: 'Факс',
      HOME: 'Домашний',
      PAGER: 'Пейджер',
      MAILING: 'Для рассылок',
      OTHER: 'Другой',
      USER: 'Пользователь'
    }
  },
  card: {
    title: 'Лид {title}',
    back: 'Назад к лидам',
    openOnPortal: 'Открыть на портале',
    notFound: 'Этого лида нет в локальной копии.',
    loading: 'Загрузка лида…',
    tabs: {
      label: 'Карточка лида',
      fields: 'Поля',
      products: 'Товары',
      contacts: 'Контакты',
      history: 'История'
    },
    layoutSource: {
      personal: 'Ваша собственная раскладка',
      common: 'Общая раскладка портала',
      default: 'Раскладка по умолчанию (на портале не сохранена)'
    },
    leadType: { 1: 'Лид', 2: 'Повторный лид' },
    sections: {
      main: 'О лиде',
      contact: 'Контактная информация',
      more: 'Дополнительно',
      userfields: 'Пользовательские поля',
      changed: 'Другие изменённые поля'
    },
    showAll: 'Показать все поля',
    noneFilled: 'Ни одно поле этой карточки пока не заполнено.',
    edit: 'Изменить {field}',
    newValue: 'Новое значение поля {field}',
    save: 'Сохранить',
    cancel: 'Отмена',
    notSent: 'Ещё не отправлено',
    needsAttention: 'Требует внимания',
    refusedTitle: 'Портал отклонил последнее изменение',
    refusedHint: 'Исправьте отмеченные поля здесь — изменение будет отправлено снова.',
    stages: 'Стадия',
    stageSet: 'Установить стадию {stage}',
    stageCurrent: '{stage} (текущая)',
    semantics: { process: 'В работе', success: 'Успех', failure: 'Провал' },
    products: {
      title: 'Товарные позиции',
      product: 'Товар',
      name: 'Название позиции {index}',
      price: 'Цена позиции {index}',
      quantity: 'Количество позиции {index}',
      discount: 'Скидка позиции {index}',
      discountType: 'Тип скидки позиции {index}',
      percent: '%',
      amount: 'Сумма',
      taxRate: 'Ставка налога (%) позиции {index}',
      taxIncluded: 'Налог включён в цену позиции {index}',
      sum: 'Сумма',
      remove: 'Удалить позицию {index}',
      columns: {
        name: 'Товар',
        price: 'Цена',
        quantity: 'Количество',
        discount: 'Скидка',
        tax: 'Налог, %',
        taxIncluded: 'Налог включён',
        sum: 'Сумма',
        actions: 'Действия'
      },
      search: 'Найти товар в каталоге',
      searchPlaceholder: 'Введите название товара…',
      searchButton: 'Найти',
      results: 'Найденные товары',
      addFound: 'Добавить {name} ({price})',
      addTyped: 'Добавить позицию по названию',
      noneFound: 'В каталоге нет подходящих товаров.',
      offline: 'Портал недоступен, поэтому искать в его каталоге нельзя. Позицию по названию добавить можно.',
      none: 'У этого лида нет товарных позиций.',
      count: '{count} позиция | {count} позиции | {count} позиций',
      total: 'Итого',
      taxTotal: 'Налог',
      amountFollows: 'Сумма лида станет {amount}.',
      saveRows: 'Сохранить товарные позиции',
      saved: 'Товарные позиции сохранены и будут отправлены на портал.',
      pending: 'Ещё не отправлено: портал этих позиций не получил.',
      localOnly: 'Портал недоступен: показаны позиции, сохранённые на этом компьютере.',
      newRow: 'Новая позиция'
    },
    contacts: {
      title: 'Привязанные контакты',
      none: 'К этому лиду не привязано ни одного контакта.',
      count: '{count} контакт | {count} контакта | {count} контактов',
      primary: 'Основной',
      makePrimary: 'Сделать основным: {name}',
      makePrimaryShort: 'Сделать основным',
      moveUp: 'Переместить {name} выше',
      moveDown: 'Переместить {name} ниже',
      unbind: 'Отвязать {name}',
      dragHandle: 'Перетащите {name}, чтобы изменить порядок',
      search: 'Найти контакт по имени, телефону или e-mail',
      searchPlaceholder: 'Имя, телефон или e-mail…',
      searchButton: 'Найти',
      results: 'Найденные контакты',
      bind: 'Привязать {name}',
      noneFound: 'Подходящих контактов нет.',
      offline: 'Портал недоступен, поэтому сейчас нельзя искать его контакты и показать их имена.',
      unnamed: 'Контакт {id}',
      pending: 'Ещё не отправлено: портал этого изменения не получил.',
      saved: 'Контакты сохранены и будут отправлены на портал.'
    },
    history: {
      title: 'История изменений',
      none: 'Изменений этого лида пока не было.',
      field: 'Поле',
      before: 'Было',
      after: 'Стало',
      when: 'Когда',
      source: 'Источник',
      sources: { sync: 'С портала', edit: 'Ваша правка', undo: 'Отмена' },
      count: '{count} изменение | {count} изменения | {count} изменений',
      empty: '(пусто)'
    }
  },
  sync: {
    problems: 'Изменения, которым нужно ваше решение',
    empty: '(пусто)',
    conflictField: 'Лид {lead}, поле {field}: изменено и здесь, и на портале.',
    mine: 'Ваше: {value}',
    theirs: 'На портале: {value}',
    keepMine: 'Оставить ваше',
    takeTheirs: 'Взять с портала',
    newValueOf: 'Другое значение поля {field}',
    useValue: 'Использовать это значение',
    deletedOnPortal: 'Лид {lead} удалён на портале, но вы изменили его здесь.',
    createAgain: 'Создать заново',
    letGo: 'Не восстанавливать',
    refused: 'Лид {lead}: портал не принял изменение: {message}',
    retry: 'Повторить',
    discard: 'Отменить изменение',
    waitingBehind: 'Более поздних изменений этого лида ждут, пока решится это: {count}'
  },
  jobs: {
    table: 'Журнал заданий',
    refresh: 'Обновить',
    action: {
      pause: 'Пауза',
      resume: 'Продолжить',
      cancel: 'Отменить',
      pauseNamed: 'Приостановить задание {id}: {kind}',
      resumeNamed: 'Продолжить задание {id}: {kind}',
      cancelNamed: 'Отменить задание {id}: {kind}'
    },
    column: {
      kind: 'Что',
      status: 'Состояние',
      started: 'Начало',
      duration: 'Длительность',
      summary: 'Итог',
      actions: 'Действия'
    },
    kind: {
      initialGrid: 'Первая загрузка — колонки таблицы',
      initialDetails: 'Первая загрузка — все поля',
      sweep: 'Проверка удалённых лидов',
      push: 'Отправка изменений',
      import: 'Импорт',
      export: 'Экспорт',
      bulkEdit: 'Массовое изменение'
    },
    status: {
      queued: 'В очереди',
      running: 'Выполняется',
      paused: 'Приостановлено',
      done: 'Готово',
      failed: 'Ошибка',
      cancelled: 'Отменено',
      needsSignIn: 'Нужен вход',
      interrupted: 'Прервано'
    },
    progress: { done: 'готово: {done}', ofTotal: '{done} из {total}', failed: 'с ошибкой: {count}' },
    duration: { seconds: '{seconds} с', minutes: '{minutes} мин {seconds} с' },
    summary: {
      rows: '{count} лид | {count} лида | {count} лидов',
      sent: 'отправлено: {count}',
      conflicts: '{count} конфликт | {count} конфликта | {count} конфликтов',
      parked: 'ждут решения: {count}',
      removed: 'удалено: {count}',
      requests: '{count} запрос | {count} запроса | {count} запросов'
    }
  },
  areas: {
    needPortal: 'Подключите портал, чтобы работать с разделом «{area}».',
    goToPortals: 'Перейти к порталам',
    jobsEmpty: 'Заданий пока нет. Здесь будет виден ход долгих операций: синхронизации, импорта, экспорта.'
  },
  errors: {
    INVALID_ARGUMENT: 'Запрос не принят: {detail}',
    UNKNOWN_CHANNEL: 'Приложение запросило неизвестную операцию.',
    UNTRUSTED_SENDER: 'Вызов отклонён: он пришёл не из окна приложения.',
    NOT_FOUND: 'Не найдено: {detail}',
    INVALID_WEBHOOK_URL: 'Этот адрес вебхука использовать нельзя.',
    SECRET_STORE_UNAVAILABLE: 'Системное хранилище паролей недоступно: {detail}',
    INVALID_PORTAL_ADDRESS: 'Это не адрес портала: {detail}',
    PORTAL_UNREACHABLE: 'Портал недоступен. Проверьте адрес и подключение к сети. ({detail})',
    PORTAL_BAD_ANSWER: 'Портал ответил не так, как отвечает Битрикс24. ({detail})',
    badAnswer: {
      notJson:
        'Портал ответил, но это не ответ Битрикс24 (веб-страница, пустой или оборванный ответ). Проверьте адрес портала: возможно, мешает прокси или страница входа в Wi-Fi.',
      noResult:
        'Портал ответил на запрос без его результатов. Попробуйте позже; если повторяется — обратитесь в поддержку портала.',
      notList: 'Портал вернул вместо списка лидов что-то другое. Локально ничего не изменено; попробуйте позже.',
      badId:
        'Портал прислал лиды, чьи ID — не числа по порядку, поэтому их нельзя надёжно прочитать. Всё, что после них, не сохранено.'
    },
    PORTAL_MOVED: 'Портал перенаправил приложение на {to}. Туда ничего не отправлено.',
    moved: {
      confirmable:
        'Портал перенаправил приложение на {to}. Туда ничего не отправлено: если портал действительно переехал, подтвердите новый адрес на экране «Порталы».',
      insecure: 'Портал перенаправил приложение на {to} — это не защищённый (https) адрес. Туда ничего не отправлено.'
    },
    PORTAL_REJECTED: 'Портал не принял учётные данные. ({detail})',
    MISSING_SCOPE: 'У вебхука или приложения нет права CRM. ({detail})',
    SIGN_IN_REQUIRED: 'Вход на этот портал истёк. Войдите снова.',
    PORTAL_ERROR: 'Портал ответил ошибкой: {detail}',
    CANCELLED: 'Отменено.',
    SIGN_IN_FAILED: 'Вход не завершён: {detail}',
    signIn: {
      portBusy: 'Порт для входа занят другой программой. Закройте её или смените порт и попробуйте снова.',
      listenFailed: 'Приложению не удалось дождаться ответа о входе на этом компьютере.',
      browserFailed: 'Не удалось открыть системный браузер.',
      timeout: 'Вход занял слишком много времени. Попробуйте снова и разрешите доступ в браузере.',
      cancelled: 'Вход отменён.',
      stateMismatch: 'Ответ из браузера относится не к этому входу, поэтому отклонён. Попробуйте снова.',
      badCallback: 'Портал не выдал доступ. Проверьте настройки приложения на портале.',
      exchangeFailed: 'Портал не принял вход. Проверьте код и ключ приложения.'
    },
    INVALID_VALUE: 'Это значение нельзя сохранить: {detail}',
    INTERNAL: 'Внутренняя ошибка приложения. Подробности записаны в журнал.',
    TRANSPORT: 'Ядро приложения недоступно: {detail}',
    webhook: {
      notUrl: 'Это не веб-адрес. Вставьте адрес вебхука целиком, начиная с https://',
      notHttps: 'Адрес вебхука Битрикс24 должен начинаться с https://',
      notWebhookPath:
        'Это не адрес входящего вебхука. Он выглядит так: https://your-portal.bitrix24.ru/rest/1/abc123def456/',
      hasCredentials: 'В адресе вебхука не должно быть имени пользователя и пароля.'
    }
  }
}

export default ru
