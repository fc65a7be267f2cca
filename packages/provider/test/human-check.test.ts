// The human check through Auth.js's authorize(): past the per-email send limit a start answers
// human_check_required; the same start carrying the posted human_token that the app's verifier
// accepts goes on and sends a code.
import { describe, expect, it } from "vitest"
import { MemoryRateLimiter } from "@login-with-link/core"
import { authorizeOf } from "@login-with-link/test-helpers"
import {
  authRequest,
  rejection,
  simulator,
  testOptions,
} from "@login-with-link/test-helpers/link"
import { LinkCodeSent, LinkSignInFailed } from "../src/outcome-errors.js"
import { LoginWithLink } from "../src/provider.js"

describe("human_token", () => {
  it("past the send limit: human_check_required without a token, a code with an accepted one", async () => {
    const env = simulator()
    const seen: (string | undefined)[] = []
    const authorize = authorizeOf(
      LoginWithLink(
        testOptions({
          fetch: env.fetch,
          apiUrl: "http://link.localhost/api",
          rateLimit: new MemoryRateLimiter(),
          rateLimits: { sendPerEmail: { points: 1, windowMs: 3_600_000 } },
          resendCooldown: 0,
          verifyHuman: (token: string | undefined) => {
            seen.push(token)
            return token === "human-ok"
          },
        })
      )
    )
    const start = (fields: Record<string, string>) =>
      rejection(
        authorize({ email: "jo@example.com", ...fields }, authRequest())
      )

    expect(await start({})).toBeInstanceOf(LinkCodeSent)
    const refused = (await start({})) as LinkSignInFailed
    expect(refused).toBeInstanceOf(LinkSignInFailed)
    expect(refused.code).toBe("human_check_required")
    expect(
      ((await start({ human_token: "robot" })) as LinkSignInFailed).code
    ).toBe("human_check_required")
    expect(await start({ human_token: "human-ok" })).toBeInstanceOf(
      LinkCodeSent
    )
    expect(seen).toContain("human-ok")
    expect(seen).toContain("robot")
  })
})
