/**
 * The shop as an OpenID Connect client of the hosted Login with Link page, with openid-client:
 * discovery, the authorization URL (PKCE S256, state, nonce), the code exchange, and the
 * RP-initiated logout URL. Nothing here knows about Link: it is plain OIDC.
 * @module
 */
import * as client from "openid-client"
import type { SignInClient } from "./sign-in-client.js"

/** Options of {@link createOidcClient}. */
export interface OidcClientOptions {
  /** The hosted page's issuer, e.g. `http://localhost:3100`. */
  issuer: string
  clientId: string
  clientSecret: string
}

/** Creates a lazily discovered OIDC client; discovery is retried until it succeeds once. */
export function createOidcClient(
  options: OidcClientOptions
): SignInClient & Required<Pick<SignInClient, "logoutUrl">> {
  let discovered: Promise<client.Configuration> | undefined
  const issuer = new URL(options.issuer)

  function config(): Promise<client.Configuration> {
    discovered ??= client
      .discovery(
        issuer,
        options.clientId,
        undefined,
        client.ClientSecretBasic(options.clientSecret),
        // Plain http only for a local issuer (development and tests).
        issuer.protocol === "http:"
          ? { execute: [client.allowInsecureRequests] }
          : undefined
      )
      .catch((error: unknown) => {
        discovered = undefined
        throw error
      })
    return discovered
  }

  return {
    /** Where to send the person, and what the callback must check. */
    async authorizationUrl(redirectUri) {
      const verifier = client.randomPKCECodeVerifier()
      const state = client.randomState()
      const nonce = client.randomNonce()
      const url = client.buildAuthorizationUrl(await config(), {
        redirect_uri: redirectUri,
        scope: "openid email profile",
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
        state,
        nonce,
      })
      return { url, verifier, state, nonce }
    },
    /** Exchanges the callback's code; checks state, nonce, PKCE, issuer, audience and signature. */
    async callback(currentUrl, checks) {
      const tokens = await client.authorizationCodeGrant(
        await config(),
        currentUrl,
        {
          pkceCodeVerifier: checks.verifier,
          expectedState: checks.state,
          ...(checks.nonce === undefined
            ? {}
            : { expectedNonce: checks.nonce }),
          idTokenExpected: true,
        }
      )
      const claims = tokens.claims()
      // `sub` is who the person is. The email is the one they proved with a Link code, shown
      // back to them; `email_verified` is passed on as the hosted page says it (false by
      // default there: Link proves the phone, not the mailbox), never assumed.
      if (!claims || typeof claims.email !== "string")
        throw new Error("The ID token has no email.")
      return {
        sub: claims.sub,
        email: claims.email,
        emailVerified: claims.email_verified === true,
        ...(typeof claims.name === "string" ? { name: claims.name } : {}),
        idToken: tokens.id_token!,
      }
    },
    /** The hosted page's end-session URL (RP-initiated logout). */
    async logoutUrl(idToken, postLogoutRedirectUri) {
      return client.buildEndSessionUrl(await config(), {
        ...(idToken ? { id_token_hint: idToken } : {}),
        post_logout_redirect_uri: postLogoutRedirectUri,
      })
    },
  }
}

/** The OIDC client's type. */
export type OidcClient = ReturnType<typeof createOidcClient>
