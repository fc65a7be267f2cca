/**
 * The steps the flow tests drive: `createLinkSignIn` on the in-process simulator (its fetch), the
 * test key and secret, no rate limits unless a test passes some.
 */
import { TEST_KEY, TEST_SECRET } from "@login-with-link/test-helpers/link"
import type { LoginWithLinkOptions } from "../src/options.js"
import { createLinkSignIn } from "../src/sign-in.js"

export function simulatedSteps(
  link: { fetch: typeof fetch },
  options: LoginWithLinkOptions = {}
) {
  return createLinkSignIn({
    publishableKey: TEST_KEY,
    apiUrl: "http://link.localhost/api",
    secret: TEST_SECRET,
    fetch: link.fetch,
    rateLimit: false,
    ...options,
  })
}
