/** Counters the admin API reports: requests, sub-calls, operating time, errors. */
export class Stats {
  requests = 0
  requestsByMethod: Record<string, number> = {}
  subCalls = 0
  subCallsByMethod: Record<string, number> = {}
  operatingByMethod: Record<string, number> = {}
  errorsByCode: Record<string, number> = {}
  faultsInjected = 0
  faultsByKind: Record<string, number> = {}
  internalErrors = 0
  lastInternalError: string | undefined

  countRequest(method: string): void {
    this.requests++
    this.requestsByMethod[method] = (this.requestsByMethod[method] ?? 0) + 1
  }

  countSubCall(method: string): void {
    const name = method.toLowerCase()
    this.subCalls++
    this.subCallsByMethod[name] = (this.subCallsByMethod[name] ?? 0) + 1
  }

  chargeOperating(method: string, seconds: number): void {
    this.operatingByMethod[method] = (this.operatingByMethod[method] ?? 0) + seconds
  }

  countError(code: string): void {
    this.errorsByCode[code] = (this.errorsByCode[code] ?? 0) + 1
  }

  reset(): void {
    Object.assign(this, new Stats())
  }
}
