/**
 * What the hosted page logs when Link fails (security issue 11, item 13): Link unavailable is
 * logged with its upstream detail, an answer of an unexpected shape once a minute per reason, and
 * no line carries the email or the lookup URL (which has the email in its query string).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest"
import * as client from "openid-client"
import {
  startSimulator,
  type RunningSimulator,
} from "@login-with-link/simulator"
import {
  generateSecrets,
  startHostedLogin,
  type RunningHostedLogin,
} from "../src/index.js"
import {
  alertText,
  authorizationRequest,
  Browser,
  discover,
  formAction,
  JO,
  OTHER_SHOP,
  SHOP,
} from "./utils.js"
import { linkErrorCopy } from "@login-with-link/core"

let link: RunningSimulator
let login: RunningHostedLogin
let config: client.Configuration
const logged: { message: string; error: unknown }[] = []

beforeAll(async () => {
  link = await startSimulator({ port: 0, quiet: true })
  login = await startHostedLogin({
    clients: [SHOP, OTHER_SHOP],
    secrets: generateSecrets(),
    link: {
      publishableKey: "pk_test_hosted_login",
      apiUrl: link.apiUrl,
      rateLimit: false,
    },
    logError: (message, error) => logged.push({ message, error }),
  })
  config = await discover(login.url)
})
beforeEach(async () => {
  logged.length = 0
  await fetch(`${link.url}/__control/reset`, { method: "POST" })
})
afterAll(async () => {
  await login?.close()
  await link?.close()
})

async function fault(body: Record<string, unknown>) {
  const response = await fetch(`${link.url}/__control/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  })
  expect(response.ok).toBe(true)
}

/** The email step, submitted: the page the person sees. */
async function submitEmail(email: string): Promise<string> {
  const browser = new Browser()
  const { url } = await authorizationRequest(config)
  const start = await browser.follow(url.href, login.url)
  const page = await start.response.text()
  const step = await browser.post(
    new URL(formAction(page, "Continue"), login.url).href,
    login.url,
    { email }
  )
  return step.response.text()
}

const text = () =>
  logged.map(({ message, error }) => `${message} ${String(error)}`)

describe("Link failures in the hosted page's log", () => {
  test("an unexpected answer, three times: three pages say Link is unavailable, one line says why", async () => {
    await fault({ route: "lookup-email", kind: "malformed", count: 3 })
    for (let i = 0; i < 3; i++) {
      expect(alertText(await submitEmail(JO))).toContain(
        linkErrorCopy.link_unavailable.message
      )
    }
    expect(logged).toHaveLength(1)
    expect(logged[0]!.message).toMatch(
      /link_unavailable: LinkApiError LWL_LINK_MALFORMED status 200: .*lookup-email: not JSON.*at most once a minute/
    )
  })

  test("Link down is logged each time with its upstream detail", async () => {
    await fault({
      route: "lookup-email",
      kind: "status",
      status: 503,
      count: 2,
    })
    for (let i = 0; i < 2; i++) await submitEmail(JO)
    expect(logged).toHaveLength(2)
    expect(logged[0]!.message).toMatch(/link_unavailable: LinkApiError .*503/)
  })

  test("no line carries the email or the lookup URL", async () => {
    await fault({
      route: "lookup-email",
      kind: "status",
      status: 500,
      count: 2,
    })
    await fault({ route: "lookup-email", kind: "html", count: 1 })
    await fault({ route: "lookup-email", kind: "malformed", count: 1 })
    for (let i = 0; i < 4; i++) await submitEmail(JO)
    expect(logged.length).toBeGreaterThan(0)
    for (const line of text()) {
      expect(line).not.toContain(JO)
      expect(line).not.toContain("jo%40example.com")
      expect(line).not.toContain("lookup-email?")
    }
  })
})
