/**
 * Reads the first <form> of a page the way a browser would submit it: its action (resolved against
 * the page URL), method, and the values of its named inputs and selects. Enough for the plain,
 * script-free pages of the emulator; not a general HTML parser.
 */
export interface SubmittedForm {
  action: string
  method: string
  fields: URLSearchParams
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" }
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, name: string) => ENTITIES[name]!)

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {}
  for (const match of tag.matchAll(/([a-z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/gi)) {
    found[match[1]!.toLowerCase()] = decode(match[2] ?? match[3] ?? match[4] ?? '')
  }
  return found
}

export function readForm(html: string, pageUrl: string): SubmittedForm {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html)
  if (!form) throw new Error('The page has no form')
  const formAttributes = attributes(form[1]!)
  const body = form[2]!
  const fields = new URLSearchParams()

  for (const input of body.matchAll(/<input\b([^>]*)>/gi)) {
    const { name, value = '', type = 'text' } = attributes(input[1]!)
    if (name && !['submit', 'button', 'checkbox', 'radio'].includes(type)) fields.append(name, value)
  }
  for (const select of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
    const { name } = attributes(select[1]!)
    const options = [...select[2]!.matchAll(/<option\b([^>]*)>/gi)].map((option) => attributes(option[1]!))
    const chosen = options.find((option) => 'selected' in option) ?? options[0]
    if (name && chosen) fields.append(name, chosen.value ?? '')
  }
  return {
    action: new URL(formAttributes.action ?? '', pageUrl).href,
    method: (formAttributes.method ?? 'get').toUpperCase(),
    fields
  }
}
