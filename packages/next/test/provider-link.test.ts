// How the action finds the options of the provider that sealed the challenge: the provider object
// itself when passed ({ provider: link }), else the reader LoginWithLink() registered under its id.
import { beforeEach, describe, expect, it, vi } from "vitest"
import { sealChallenge } from "@login-with-link/core"
import { LoginWithLink } from "../src/provider/index.js"
import { linkSignIn, type LinkSignInFunction } from "../src/server/index.js"
import {
  newBrowser,
  newRequest,
  plantCookie,
} from "@login-with-link/test-helpers/next-headers"

vi.mock(
  "next/headers",
  () => import("@login-with-link/test-helpers/next-headers")
)

const KEY = "pk_test_providerlink"
const API_URL = "https://link.test/api"
const noSignIn: LinkSignInFunction = async () => {
  throw new Error("no step runs when the page reads the sign-in in progress")
}

/** A challenge sealed as a provider with `secret` would seal it, in this browser's cookie. */
async function plantChallenge(secret: string) {
  const now = Date.now()
  plantCookie(
    "link_signin",
    await sealChallenge(
      {
        email: "jo@example.com",
        clientSecret: "cs_test",
        redactedPhone: "+3*********90",
        expiresAt: now + 600_000,
        resendAt: now + 30_000,
      },
      { secret, binding: `${KEY} ${API_URL}`, now }
    )
  )
}

beforeEach(() => newBrowser())

describe("the provider the action reads challenges with", () => {
  const options = { publishableKey: KEY, apiUrl: API_URL }
  const first = LoginWithLink({
    ...options,
    secret: "first-secret-0123456789abcdefghijklmn",
  })
  // Made later with the same id: the registry now holds this one's reader.
  LoginWithLink({ ...options, secret: "second-secret-0123456789abcdefghijklm" })

  it("the provider object passed as an argument: its own options, whatever else is registered", async () => {
    await plantChallenge("first-secret-0123456789abcdefghijklmn")
    newRequest()
    const state = await linkSignIn(noSignIn, undefined, undefined, {
      provider: first,
    })
    expect(state).toMatchObject({
      step: "code",
      email: "jo@example.com",
      redactedPhone: "+3*********90",
    })
  })

  it("by id: the last LoginWithLink() made with that id", async () => {
    await plantChallenge("first-secret-0123456789abcdefghijklmn")
    newRequest()
    expect(await linkSignIn(noSignIn)).toMatchObject({ step: "email" })
    await plantChallenge("second-secret-0123456789abcdefghijklm")
    newRequest()
    expect(await linkSignIn(noSignIn)).toMatchObject({
      step: "code",
      email: "jo@example.com",
    })
  })
})
