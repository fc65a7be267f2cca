// The API report: what each entry point exports. An addition or a removal is a change to review
// here. The client entry's names are @login-with-link/react's (the form), unchanged.
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { exportNames } from "@login-with-link/test-helpers/api-report"
import { describe, expect, it } from "vitest"

const src = join(dirname(fileURLToPath(import.meta.url)), "..", "src")

describe("the API report", { timeout: 60_000 }, () => {
  it("@login-with-link/next", () => {
    expect(exportNames(join(src, "client", "index.ts"))).toEqual([
      "type LinkFormAction",
      "type LinkFormState",
      "type LinkSignInAction",
      "type LinkSignInAlert",
      "type LinkSignInClassNames",
      "type LinkSignInCopy",
      "LinkSignInForm",
      "type LinkSignInFormProps",
      "type LinkSignInLabels",
      "type LinkSignInPart",
      "type LinkSignInState",
      "type LinkSignInStep",
      "LinkSignInSync",
      "type LinkSignInSyncProps",
    ])
  })

  it("@login-with-link/next/server", () => {
    expect(exportNames(join(src, "server", "index.ts"))).toEqual([
      "CHALLENGE_COOKIE",
      "type LinkFormState",
      "linkSignIn",
      "type LinkSignInAlert",
      "type LinkSignInFunction",
      "type LinkSignInOptions",
      "type LinkSignInState",
      "type LinkSignInStep",
    ])
  })

  it("@login-with-link/next/provider", () => {
    expect(exportNames(join(src, "provider", "index.ts"))).toEqual([
      "default",
      "LinkOAuth",
      "type LinkOAuthOptions",
      "type LinkOAuthProvider",
      "linkSamePerson",
      "type LinkSamePerson",
      "type LinkSamePersonOptions",
      "LoginWithLink",
      "type LoginWithLinkOptions",
      "type LoginWithLinkProvider",
    ])
  })
})
