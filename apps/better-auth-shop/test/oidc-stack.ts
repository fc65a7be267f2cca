/**
 * The other side of mode `oidc` for the tests: a real simulator and a real hosted Login with Link
 * page with this shop registered as a client, and the steps a person takes there.
 */
import { signInThroughHostedPage } from "@login-with-link/test-helpers/hosted-page"
import {
  startSimulator,
  type RunningSimulator,
} from "@login-with-link/simulator"
import {
  generateSecrets,
  startHostedLogin,
  type RunningHostedLogin,
} from "@login-with-link/hosted-login"
import type { Browser } from "./browser.js"
import { SHOP_ORIGIN } from "./shop-options.js"

export const OIDC_CLIENT = {
  id: "better-auth-shop",
  secret: "better-auth-shop-test-client-secret",
}

export interface OidcStack {
  link: RunningSimulator
  hosted: RunningHostedLogin
  /** The shop's `oidc` options for this stack. */
  oidc: { issuer: string; clientId: string; clientSecret: string }
  /** From a shop page through the hosted page's email and code steps, back to the shop. */
  signIn(
    browser: Browser,
    email?: string,
    from?: string
  ): Promise<{ response: Response; url: string; page: string }>
  close(): Promise<void>
}

export async function startOidcStack(
  errors: unknown[] = []
): Promise<OidcStack> {
  const link = await startSimulator({
    port: 0,
    quiet: true,
    maxSendsPerHour: 1000,
  })
  const hosted = await startHostedLogin({
    clients: [
      {
        client_id: OIDC_CLIENT.id,
        client_secret: OIDC_CLIENT.secret,
        client_name: "Little Pantry",
        redirect_uris: [`${SHOP_ORIGIN}/api/auth/callback/login-with-link`],
        post_logout_redirect_uris: [`${SHOP_ORIGIN}/signed-out`],
        first_party: true,
      },
    ],
    secrets: generateSecrets(),
    link: {
      publishableKey: "pk_test_shop",
      apiUrl: link.apiUrl,
      rateLimit: false,
    },
    logError: (_m, e) => errors.push(e),
  })
  return {
    link,
    hosted,
    oidc: {
      issuer: hosted.url,
      clientId: OIDC_CLIENT.id,
      clientSecret: OIDC_CLIENT.secret,
    },
    async signIn(browser, email = "jo@example.com", from = "/account") {
      return signInThroughHostedPage(
        browser,
        {
          from: `${SHOP_ORIGIN}${from}`,
          hostedUrl: hosted.url,
          linkUrl: link.url,
        },
        email
      )
    },
    async close() {
      await hosted.close()
      await link.close()
    },
  }
}
