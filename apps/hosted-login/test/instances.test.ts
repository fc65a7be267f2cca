/**
 * Several instances of the page, started as `bin.ts` starts them (`loadConfig` then
 * `startFromConfig`) with one `HOSTED_LOGIN_REDIS_URL` and a real redis-server: they share the
 * Link limits and the once store, not only oidc-provider's storage, so two instances give a person
 * the guess and send budget of one.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest"
import { DEFAULT_RATE_LIMITS, linkErrorCopy } from "@login-with-link/core"
import {
  startSimulator,
  type RunningSimulator,
} from "@login-with-link/simulator"
import {
  freePort,
  startRedis,
  type RedisServer,
} from "@login-with-link/test-helpers"
import {
  loadConfig,
  startFromConfig,
  type RunningFromConfig,
} from "../src/index.js"
import {
  Browser,
  JO,
  SHOP,
  SHOP_CALLBACK,
  alertText,
  authorizationRequest,
  discover,
  formAction,
  hidden,
  latestCode,
} from "./utils.js"

let redis: RedisServer
let link: RunningSimulator
let dataDir: string
let a: RunningFromConfig
let b: RunningFromConfig
const errors: unknown[] = []

/** One instance, configured from the environment as a deployment would be. */
async function instance(): Promise<RunningFromConfig> {
  const port = await freePort()
  const config = loadConfig({
    HOSTED_LOGIN_DEV: "1",
    // The same data directory: the same generated keys, as every instance of a deployment has.
    HOSTED_LOGIN_DATA_DIR: dataDir,
    HOSTED_LOGIN_PORT: String(port),
    HOSTED_LOGIN_ISSUER: `http://127.0.0.1:${port}`,
    HOSTED_LOGIN_CLIENTS: JSON.stringify([SHOP]),
    HOSTED_LOGIN_REDIS_URL: redis.url,
  })
  return startFromConfig(config, {
    link: { publishableKey: "pk_test_hosted_login", apiUrl: link.apiUrl },
    logError: (_message, error) => errors.push(error),
  })
}

beforeAll(async () => {
  redis = await startRedis()
  link = await startSimulator({ port: 0, quiet: true, maxSendsPerHour: 1000 })
  dataDir = mkdtempSync(join(tmpdir(), "hosted-login-instances-"))
  a = await instance()
  b = await instance()
})
beforeEach(async () => {
  await fetch(`${link.url}/__control/reset`, { method: "POST" })
  await a.redis!.flushall()
})
afterAll(async () => {
  await a?.close()
  await b?.close()
  await link?.close()
  await redis?.stop()
  rmSync(dataDir, { recursive: true, force: true })
  expect(errors).toEqual([])
})

/** Opens a fresh interaction on an instance; returns the browser and the email step's page. */
async function open(login: RunningFromConfig) {
  const browser = new Browser()
  const { url } = await authorizationRequest(await discover(login.url))
  const start = await browser.follow(url.href, login.url)
  return { browser, page: await start.response.text() }
}

async function submitEmail(login: RunningFromConfig, email: string) {
  const { browser, page } = await open(login)
  const step = await browser.post(
    new URL(formAction(page, "Continue"), login.url).href,
    login.url,
    { email }
  )
  return { browser, response: step.response, page: await step.response.text() }
}

test("the per-email send limit counts sends on both instances together", async () => {
  // DEFAULT_RATE_LIMITS.sendPerEmail codes an hour for one email, whichever instance sends.
  const { points } = DEFAULT_RATE_LIMITS.sendPerEmail
  for (let i = 0; i < points; i++) {
    const sent = await submitEmail(i % 2 ? b : a, JO)
    expect(sent.response.status, alertText(sent.page)).toBe(200)
  }
  const over = await submitEmail(points % 2 ? b : a, JO)
  expect(over.response.status).toBe(429)
  expect(alertText(over.page)).toContain(linkErrorCopy.rate_limited.message)
})

test("a challenge that signed someone in on one instance does not sign anyone in on the other", async () => {
  const { browser, page } = await submitEmail(a, JO)
  const challenge = hidden(page, "challenge")
  const code = await latestCode(link, JO)
  const done = await browser.post(
    new URL(formAction(page, "Verify"), a.url).href,
    a.url,
    { challenge, code }
  )
  expect(done.url.startsWith(SHOP_CALLBACK)).toBe(true)

  // Link's single use breaks once (the simulator lets the spent session through again): only
  // the once store the instances share stops the replay on B.
  await fetch(`${link.url}/__control/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ route: "authenticate", kind: "accept_spent" }),
  })
  const other = await open(b)
  const codeAction = formAction(other.page, "Continue").replace(
    /\/email$/,
    "/code"
  )
  const replay = await other.browser.post(
    new URL(codeAction, b.url).href,
    b.url,
    { challenge, code }
  )
  expect(replay.url.startsWith(b.url)).toBe(true)
  expect(replay.response.status).toBe(400)
  expect(alertText(await replay.response.text())).toContain(
    linkErrorCopy.challenge_expired.message
  )
})
