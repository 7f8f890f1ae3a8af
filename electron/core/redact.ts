/** Text that may carry a secret (a webhook code, a token) before it leaves the core. */
const REDACTED = '•••'

/** Secrets shorter than this are not worth hiding (and would blot out ordinary words). */
const MIN_SECRET_LENGTH = 6

/** `value` with every occurrence of the secrets replaced; any JSON value. */
export function redact<T>(value: T, secrets: readonly string[]): T {
  const hidden = secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH)
  if (!hidden.length) return value
  let text = JSON.stringify(value)
  for (const secret of hidden) text = text.split(JSON.stringify(secret).slice(1, -1)).join(REDACTED)
  return JSON.parse(text) as T
}
