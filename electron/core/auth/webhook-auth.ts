import type { AuthProvider, PortalCredentials } from '../portal/portal-client'

/**
 * Credentials of an incoming webhook: the secret is part of the URL path and never expires. When
 * the portal redirects to another address, `onMoveClaimed` notes it for the user to confirm; the
 * URL itself changes only with a new record (after the confirmation).
 */
export class WebhookAuth implements AuthProvider {
  constructor(
    private readonly origin: string,
    private readonly userId: number,
    private readonly code: string,
    private readonly onMoveClaimed?: (origin: string) => Promise<void>
  ) {}

  async credentials(): Promise<PortalCredentials> {
    return { baseUrl: `${this.origin}/rest/${this.userId}/${this.code}/` }
  }

  async movedTo(origin: string): Promise<void> {
    await this.onMoveClaimed?.(origin)
  }
}
