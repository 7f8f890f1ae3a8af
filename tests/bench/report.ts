/** Shared output of the benchmark scripts: a readable line and a `BENCH {json}` line per figure. */
export function printBench(figures: { name: string } & Record<string, string | number>): void {
  const readable = Object.entries(figures)
    .filter(([key]) => key !== 'name')
    .map(([key, value]) => `${key}=${value}`)
    .join('  ')
  process.stdout.write(`${figures.name.padEnd(22)} ${readable}\n`)
  process.stdout.write(`BENCH ${JSON.stringify(figures)}\n`)
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  return Math.round(sorted[Math.max(0, index)]! * 100) / 100
}
