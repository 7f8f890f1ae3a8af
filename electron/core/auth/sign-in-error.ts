/** Why a browser sign-in did not finish. */
export type SignInFailure =
  /** The callback port is taken by another program. */
  | 'portBusy'
  /** The callback listener could not start for another reason (permissions, no loopback). */
  | 'listenFailed'
  /** The system browser could not be opened. */
  | 'browserFailed'
  | 'timeout'
  | 'cancelled'
  /** A redirect arrived with another `state`: not the answer to our request (or a forged one). */
  | 'stateMismatch'
  /** The redirect carried an error or no code. */
  | 'badCallback'
  /** The OAuth server refused the code (its error code is in `detail`) or could not be reached. */
  | 'exchangeFailed'

/**
 * A sign-in that did not complete, with a reason the UI can translate and a message for the log.
 * Never carries a token, a code or the client secret.
 */
export class SignInError extends Error {
  constructor(
    readonly reason: SignInFailure,
    message: string,
    /** For `exchangeFailed`: the OAuth server's error code (`invalid_client`, `NETWORK`, …). */
    readonly detail?: string,
    options?: ErrorOptions
  ) {
    super(message, options)
    this.name = 'SignInError'
  }
}
