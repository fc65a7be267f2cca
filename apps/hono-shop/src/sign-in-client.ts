/**
 * What the shop needs of a way to sign in, whichever it is: the hosted page over OpenID Connect
 * (`oidc.ts`) or Link's own OAuth page (`link-oauth.ts`).
 * @module
 */

/** The person a sign-in proved. */
export interface SignedInPerson {
  /** Who the person is, stable: the ID token's `sub`, or Link's user `id`. */
  sub: string
  email: string
  /** Whether the identity provider vouches for the mailbox (never assumed). */
  emailVerified: boolean
  name?: string
  /** OpenID Connect only: the ID token, kept to end the provider's session at sign-out. */
  idToken?: string
}

/** What the callback checks: `state`, the PKCE verifier, and (OpenID Connect) the `nonce`. */
export interface SignInChecks {
  state: string
  verifier: string
  nonce?: string | undefined
}

/** A way to sign in: where to send the person, and what to make of their return. */
export interface SignInClient {
  /** The URL to send the person to, and what the callback must check. */
  authorizationUrl(redirectUri: string): Promise<SignInChecks & { url: URL }>
  /** Checks the callback (`state`, PKCE, and whatever the protocol adds) and says who signed in. */
  callback(currentUrl: URL, checks: SignInChecks): Promise<SignedInPerson>
  /** Where to end the provider's own session at sign-out, when it has one. */
  logoutUrl?(
    idToken: string | undefined,
    postLogoutRedirectUri: string
  ): Promise<URL>
}
