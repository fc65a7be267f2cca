/**
 * `linkJwt`, JWT sessions and no adapter: a person who signs in by the code (`LoginWithLink` on the
 * in-process simulator) and by Link's OAuth page (`LinkOAuth` on a stand-in) has one id; every
 * sign-in records its provider in the token.
 */
import type { AuthConfig } from "@auth/core"
import { beforeEach, describe, expect, it } from "vitest"
import { simulator, TEST_SECRET } from "@login-with-link/test-helpers/link"
import { LoginWithLink } from "../src/provider.js"
import { createLinkJwt, linkJwt } from "../src/link-jwt.js"
import {
  createBrowser,
  createFakeLink,
  type FakeLink,
  codeOptions,
  fakeLinkOAuth,
  signInByCode,
} from "./link-oauth-harness.js"

let link: FakeLink
let codeEnv: ReturnType<typeof simulator>

beforeEach(() => {
  link = createFakeLink()
  codeEnv = simulator()
})

function config(): AuthConfig {
  return {
    providers: [LoginWithLink(codeOptions(codeEnv)), fakeLinkOAuth(link)],
    secret: TEST_SECRET,
    trustHost: true,
    basePath: "/auth",
    logger: { error: () => {}, warn: () => {}, debug: () => {} },
    callbacks: {
      jwt: linkJwt,
      session: ({ session, token }) => ({
        ...session,
        user: { ...session.user, id: token.sub!, provider: token.provider },
      }),
    },
  }
}

describe("linkJwt", () => {
  it("gives the code path and the OAuth path the same session.user.id: the normalised Link email", async () => {
    const byCode = createBrowser(config())
    await signInByCode(byCode, codeEnv, "jo@example.com")
    const byOAuth = createBrowser(config())
    await byOAuth.callback(
      link.authorize(await byOAuth.startSignIn(), {
        id: "lnkusr_jo",
        email: "JO@example.com ",
      })
    )
    expect(await byCode.session()).toMatchObject({
      user: { id: "jo@example.com", email: "jo@example.com", provider: "link" },
    })
    expect(await byOAuth.session()).toMatchObject({
      user: {
        id: "jo@example.com",
        email: "jo@example.com",
        provider: "link-oauth",
      },
    })
  })

  it("without it, Auth.js gives each OAuth sign-in a new random id (the trap it closes)", async () => {
    const plain = {
      ...config(),
      callbacks: { session: config().callbacks!.session },
    }
    const first = createBrowser(plain)
    await first.callback(
      link.authorize(await first.startSignIn(), {
        id: "lnkusr_jo",
        email: "jo@example.com",
      })
    )
    const second = createBrowser(plain)
    await second.callback(
      link.authorize(await second.startSignIn(), {
        id: "lnkusr_jo",
        email: "jo@example.com",
      })
    )
    const a = (await first.session()) as { user: { id: string } }
    const b = (await second.session()) as { user: { id: string } }
    expect(a.user.id).not.toBe(b.user.id)
    expect(a.user.id).not.toBe("jo@example.com")
  })

  it("records another provider's sign-in as that provider, and leaves its id alone", () => {
    const token = linkJwt({
      token: { sub: "gh-user-uuid", email: "jo@example.com" },
      account: { provider: "github", type: "oauth", providerAccountId: "123" },
      profile: { email: "jo@example.com" },
    })
    expect(token).toEqual({
      sub: "gh-user-uuid",
      email: "jo@example.com",
      provider: "github",
    })
  })

  it("keeps the token as it is after sign-in (no account)", () => {
    const token = {
      sub: "jo@example.com",
      provider: "link-oauth",
      linkId: "lnkusr_jo",
    }
    expect(linkJwt({ token })).toBe(token)
  })

  it("records Link's id for an OAuth sign-in, under a custom provider id", () => {
    const jwt = createLinkJwt({ oauthProviderId: "link" })
    expect(
      jwt({
        token: { sub: "random" },
        account: {
          provider: "link",
          type: "oauth",
          providerAccountId: "lnkusr_jo",
        },
        profile: { email: "Jo@Example.com" },
      })
    ).toEqual({
      sub: "jo@example.com",
      email: "jo@example.com",
      provider: "link",
      linkId: "lnkusr_jo",
    })
  })
})
