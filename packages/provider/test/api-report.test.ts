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
      "createLinkOAuth",
      "createLoginWithLink",
      "default",
      "LinkCodeSent",
      "linkErrorCopy",
      "linkJwt",
      "linkLogger",
      "LinkOAuth",
      "type LinkOAuthErrorCode",
      "linkOAuthErrorCopy",
      "type LinkOAuthOptions",
      "type LinkOAuthProfile",
      "type LinkOAuthProvider",
      "linkOAuthSignOut",
      "type LinkOIDCProfile",
      "type LinkOutcome",
      "linkSamePerson",
      "type LinkSamePerson",
      "LinkSignInFailed",
      "LinkSignupRequired",
      "LoginWithLink",
      "LoginWithLinkOIDC",
      "type LoginWithLinkOIDCOptions",
      "type LoginWithLinkOptions",
      "type LoginWithLinkProvider",
      "readLinkOAuthError",
      "readLinkOutcome",
      "refreshLinkAccount",
      "refreshLinkOAuthToken",
      "revokeLinkOAuthToken",
    ])
    // 18 for the in-page code and the OIDC page, 15 for Link's own OAuth page (issue 18): the
    // provider, its failure codes, one user on both Link paths, and its tokens.
    expect(names.length).toBeLessThanOrEqual(33)
  })

  it("@login-with-link/provider/redis", () => {
    expect(exportNames(join(src, "redis.ts"))).toEqual([
      "RedisRateLimiter",
      "type RedisRateLimiterOptions",
    ])
  })
})
