import type { AuthProvider, PortalCredentials } from '../portal/portal-client'

/**
 * Credentials of an incoming webhook: the secret is part of the URL path and never expires.
 * When the portal moves to a new address the URL is re-based and `onMoved` saves it.
 */
export class WebhookAuth implements AuthProvider {
  constructor(
    private origin: string,
    private readonly userId: number,
    private readonly code: string,
    private readonly onMoved: (origin: string) => Promise<void> = async () => {}
  ) {}

  async credentials(): Promise<PortalCredentials> {
    return { baseUrl: `${this.origin}/rest/${this.userId}/${this.code}/` }
  }

  async moved(origin: string): Promise<void> {
    this.origin = origin
    await this.onMoved(origin)
  }
}
