/**
 * `npm run portal -- [--port N] [--leads N] [--seed N] [--limits off|standard|enterprise]
 *   [--speed X] [--data FILE] [--https] [--lang ru|en]`
 *
 * Starts an emulated Bitrix24 portal on 127.0.0.1, prints how to reach it, and serves until
 * SIGTERM or SIGINT.
 */
import { parseArgs } from 'node:util'
import { startEmulator } from './emulator'

const USAGE =
  'Usage: npm run portal -- [--port N] [--leads N] [--seed N] [--limits off|standard|enterprise] ' +
  '[--speed X] [--data FILE] [--https] [--lang ru|en]'

const OPTIONS = {
  port: { type: 'string' },
  leads: { type: 'string' },
  seed: { type: 'string' },
  limits: { type: 'string' },
  speed: { type: 'string' },
  data: { type: 'string' },
  https: { type: 'boolean' },
  lang: { type: 'string' },
  help: { type: 'boolean' }
} as const

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`)
  process.exit(2)
}

function integer(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback
  const value = Number(text)
  if (!Number.isInteger(value) || value < min || value > max)
    fail(`--${name} must be a whole number from ${min} to ${max}`)
  return value
}

async function main(): Promise<void> {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values']
  try {
    values = parseArgs({ options: OPTIONS, strict: true }).values
  } catch (error) {
    fail((error as Error).message)
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const limits = values.limits ?? 'standard'
  if (!['off', 'standard', 'enterprise'].includes(limits)) fail('--limits must be off, standard or enterprise')
  const lang = values.lang ?? 'en'
  if (lang !== 'ru' && lang !== 'en') fail('--lang must be ru or en')
  const speed = values.speed === undefined ? 1 : Number(values.speed)
  if (!(speed > 0)) fail('--speed must be a positive number (1 = real portal speed)')

  const emulator = await startEmulator({
    port: integer('port', values.port, 0, 0, 65535),
    leads: integer('leads', values.leads, 1000, 0, 2_000_000),
    seed: integer('seed', values.seed, 1, 0, 2 ** 31),
    limits: limits as 'off' | 'standard' | 'enterprise',
    speed,
    lang,
    https: values.https ?? false,
    dataFile: values.data
  })
  const app = emulator.credentials.apps[0]!
  process.stdout.write(
    [
      `PORTAL_URL=${emulator.url}`,
      `WEBHOOK_URL=${emulator.webhookUrl}`,
      `OAUTH_CLIENT_ID=${app.clientId}`,
      `OAUTH_CLIENT_SECRET=${app.clientSecret}`
    ].join('\n') + '\n'
  )
  const stop = async () => {
    await emulator.close()
    process.exit(0)
  }
  process.once('SIGTERM', () => void stop())
  process.once('SIGINT', () => void stop())
}

main().catch((error: unknown) => {
  process.stderr.write(`The portal could not start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
