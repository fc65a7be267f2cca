/**
 * Auth.js (@auth/core's `Auth()`, as next-auth and every framework package run it) with
 * `LoginWithLinkOIDC` against a real hosted-login and simulator: the whole round trip, from the
 * sign-in POST to a session that holds the person's verified email.
 */
import { Auth, type AuthConfig } from "@auth/core"
import { afterAll, beforeAll, expect, test } from "vitest"
import {
  startSimulator,
  type RunningSimulator,
} from "@login-with-link/simulator"
import { LoginWithLinkOIDC } from "@login-with-link/provider"
import {
  generateSecrets,
  startHostedLogin,
  subjectFor,
  type RunningHostedLogin,
} from "../src/index.js"
import { Browser, JO, formAction, hidden, latestCode } from "./utils.js"

const SHOP = "http://shop.localhost"
const secrets = generateSecrets()
let link: RunningSimulator
let login: RunningHostedLogin
let config: AuthConfig
const authErrors: Error[] = []
const signIns: { providerAccountId?: string; emailVerified?: unknown }[] = []

beforeAll(async () => {
  link = await startSimulator({ port: 0, quiet: true, maxSendsPerHour: 1000 })
  login = await startHostedLogin({
    clients: [
      {
        client_id: "authjs-shop",
        client_secret: "authjs-shop-secret-0123456789",
        client_name: "Auth.js Shop",
        redirect_uris: [`${SHOP}/auth/callback/link-oidc`],
        first_party: true,
      },
    ],
    secrets,
    link: {
      publishableKey: "pk_test_authjs",
      apiUrl: link.apiUrl,
      rateLimit: false,
    },
  })
  config = {
    providers: [
      LoginWithLinkOIDC({
        issuer: login.url,
        clientId: "authjs-shop",
        clientSecret: "authjs-shop-secret-0123456789",
      }),
    ],
    secret: "authjs-test-secret-0123456789-0123456789",
    trustHost: true,
    basePath: "/auth",
    logger: { error: (error) => authErrors.push(error) },
    callbacks: {
      signIn({ account, profile }) {
        signIns.push({
          ...(account ? { providerAccountId: account.providerAccountId } : {}),
          emailVerified: profile?.email_verified,
        })
        return true
      },
    },
  }
})
afterAll(async () => {
  await login.close()
  await link.close()
})

/** The shop's side: Auth() in-process, with its cookies. */
class Shop {
  jar = new Map<string, string>()
  async call(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers)
    if (this.jar.size)
      headers.set(
        "cookie",
        [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ")
      )
    const response = await Auth(
      new Request(`${SHOP}${path}`, { ...init, headers }),
      config
    )
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";")
      const index = pair.indexOf("=")
      const value = pair.slice(index + 1)
      if (value) this.jar.set(pair.slice(0, index), value)
      else this.jar.delete(pair.slice(0, index))
    }
    return response
  }
}

test("a next-auth style app signs in with LoginWithLinkOIDC through the hosted page", async () => {
  const shop = new Shop()
  const { csrfToken } = (await (await shop.call("/auth/csrf")).json()) as {
    csrfToken: string
  }
  const started = await shop.call("/auth/signin/link-oidc", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl: `${SHOP}/account` }),
  })
  expect(started.status).toBe(302)
  const authorization = new URL(started.headers.get("location")!)
  expect(authorization.origin + authorization.pathname).toBe(
    `${login.url}/auth`
  )
  expect(authorization.searchParams.get("code_challenge_method")).toBe("S256")
  expect(authorization.searchParams.get("state")).toBeTruthy()
  expect(authorization.searchParams.get("nonce")).toBeTruthy()

  // The person, in their browser, on the hosted page.
  const browser = new Browser()
  const emailStep = await browser.follow(authorization.href, login.url)
  const emailPage = await emailStep.response.text()
  const codeStep = await browser.post(
    new URL(formAction(emailPage, "Continue"), login.url).href,
    login.url,
    {
      email: JO,
    }
  )
  const codePage = await codeStep.response.text()
  const back = await browser.post(
    new URL(formAction(codePage, "Verify"), login.url).href,
    login.url,
    {
      challenge: hidden(codePage, "challenge"),
      code: await latestCode(link, JO),
    }
  )
  const callback = new URL(back.url)
  expect(callback.origin + callback.pathname).toBe(
    `${SHOP}/auth/callback/link-oidc`
  )

  const finished = await shop.call(callback.pathname + callback.search)
  expect(finished.status).toBe(302)
  expect(finished.headers.get("location")).toBe(`${SHOP}/account`)
  expect([...shop.jar.keys()]).toContain("authjs.session-token")

  const session = (await (await shop.call("/auth/session")).json()) as {
    user: { email: string; name: string }
  }
  expect(session.user).toMatchObject({ email: JO, name: "Jo Doe" })
  // Auth.js keys the account by the ID token's opaque sub (providerAccountId), not the email.
  expect(signIns).toEqual([
    {
      providerAccountId: subjectFor(JO, secrets.subjectPepper),
      emailVerified: false,
    },
  ])
  expect(authErrors).toEqual([])

  // The replayed callback (a stolen URL) does not sign anyone in.
  const thief = new Shop()
  const replay = await thief.call(callback.pathname + callback.search)
  expect(replay.headers.get("location")).toMatch(/error=/)
  expect([...thief.jar.keys()]).not.toContain("authjs.session-token")
  expect(authErrors.map((e) => e.name)).toEqual(["InvalidCheck"])
})
