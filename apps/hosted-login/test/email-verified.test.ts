/**
 * `email_verified` is what the deployment says, `false` by default: Link proves the phone on the
 * Link account, not the mailbox, and a relying party that merges accounts by verified email could
 * otherwise be pre-hijacked.
 */
import { describe, expect, test } from "vitest"
import { useSimulator } from "@login-with-link/test-helpers/link"
import * as client from "openid-client"
import {
  Browser,
  JO,
  authorizationRequest,
  discover,
  signInThroughPages,
  startStack,
  type Stack,
} from "./utils.js"

const link = useSimulator({ maxSendsPerHour: 1000, reset: false })

/** Signs Jo in; the ID token's and userinfo's `email_verified`. */
async function emailVerifiedOf(stack: Stack) {
  const config = await discover(stack.login.url)
  const request = await authorizationRequest(config)
  const callback = await signInThroughPages(stack, new Browser(), request.url)
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: request.verifier,
    expectedState: request.state,
    expectedNonce: request.nonce,
  })
  const claims = tokens.claims()!
  expect(claims.email).toBe(JO)
  const userinfo = await client.fetchUserInfo(
    config,
    tokens.access_token,
    claims.sub
  )
  return {
    idToken: claims.email_verified,
    userinfo: userinfo.email_verified,
  }
}

describe("email_verified", () => {
  test("is false by default, in the ID token and at userinfo", async () => {
    const stack = await startStack({ link })
    try {
      expect(await emailVerifiedOf(stack)).toEqual({
        idToken: false,
        userinfo: false,
      })
    } finally {
      await stack.close()
    }
  })

  test("is true only when the deployment says so (emailVerified: true)", async () => {
    const stack = await startStack({ link, hosted: { emailVerified: true } })
    try {
      expect(await emailVerifiedOf(stack)).toEqual({
        idToken: true,
        userinfo: true,
      })
    } finally {
      await stack.close()
    }
  })
})
