// The API report: what each entry point exports. An addition or a removal is a change to review
// here (an Auth.js user's needs only; everything framework-neutral is @login-with-link/core's).
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { exportNames } from "@login-with-link/test-helpers/api-report"
import { describe, expect, it } from "vitest"

const src = join(dirname(fileURLToPath(import.meta.url)), "..", "src")

describe("the API report", { timeout: 60_000 }, () => {
  it("@login-with-link/provider", () => {
    const names = exportNames(join(src, "index.ts"))
    expect(names).toEqual([
      "clientIpFromForwardedFor",
      "clientIpFromHeader",
      "type ClientIpSource",
      "createLoginWithLink",
      "default",
      "LinkCodeSent",
      "linkErrorCopy",
      "linkLogger",
      "type LinkOIDCProfile",
      "type LinkOutcome",
      "LinkSignInFailed",
      "LinkSignupRequired",
      "LoginWithLink",
      "LoginWithLinkOIDC",
      "type LoginWithLinkOIDCOptions",
      "type LoginWithLinkOptions",
      "type LoginWithLinkProvider",
      "readLinkOutcome",
    ])
    expect(names.length).toBeLessThanOrEqual(25)
  })

  it("@login-with-link/provider/redis", () => {
    expect(exportNames(join(src, "redis.ts"))).toEqual([
      "RedisRateLimiter",
      "type RedisRateLimiterOptions",
    ])
  })
})
