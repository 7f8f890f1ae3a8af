import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

/** axe-core's source: evaluated through the debugger protocol, which the page's CSP does not block. */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export interface AxeViolation {
  id: string
  impact: string | null
  nodes: string[]
}

/** What axe.run answers, as far as the check reads it. */
interface AxeRunner {
  run(context: string): Promise<{
    violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }>
  }>
}

/** The serious and critical accessibility violations axe-core finds in the part of the page `selector` picks. */
export async function axeViolations(page: Page, selector: string): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource)
  return page.evaluate(async (context) => {
    const { axe } = globalThis as unknown as { axe: AxeRunner }
    const { violations } = await axe.run(context)
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        nodes: violation.nodes.map((node) => node.target.join(' '))
      }))
  }, selector)
}
