/** Test factories: a quiet simulator on a frozen clock, and one helper per Link call. */
import {
  createSimulator,
  type Simulator,
  type SimulatorOptions,
} from "../src/index.js"

/** A loopback origin: the control API and the outbox answer no other Host. */
export const BASE = "http://127.0.0.1:4010"
export const TEST_KEY = "pk_test_51AbCdEfGhIjKl"
export const LIVE_KEY = "pk_live_51ShopLiveKey"
export const START = Date.UTC(2026, 0, 1, 12, 0, 0)

/** A simulator with no console output, no environment, and a clock frozen at START. */
export function makeSimulator(options: SimulatorOptions = {}): Simulator {
  return createSimulator({
    quiet: true,
    env: {},
    startAt: START,
    publishableKeys: [LIVE_KEY],
    ...options,
  })
}

export function get(
  sim: Simulator,
  path: string,
  init: RequestInit = {}
): Promise<Response> {
  return sim.fetch(new Request(`${BASE}${path}`, init))
}

export function postJson(
  sim: Simulator,
  path: string,
  body: unknown,
  headers: Record<string, string> = {}
) {
  return sim.fetch(
    new Request(`${BASE}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    })
  )
}

export function postForm(
  sim: Simulator,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {}
) {
  return sim.fetch(
    new Request(`${BASE}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...headers,
      },
      body: new URLSearchParams(fields).toString(),
    })
  )
}

export function lookup(
  sim: Simulator,
  email: string,
  key: string = TEST_KEY
): Promise<Response> {
  return get(
    sim,
    `/api/lookup-email?${new URLSearchParams({ email, STRIPE_PUBLIC_KEY: key })}`
  )
}

/** Looks up an email on Link and returns its client_secret. */
export async function secretFor(
  sim: Simulator,
  email = "jo@example.com",
  key: string = TEST_KEY
): Promise<string> {
  const res = await lookup(sim, email, key)
  const body = (await res.json()) as { client_secret?: string }
  if (!body.client_secret)
    throw new Error(`no client_secret for ${email}: ${JSON.stringify(body)}`)
  return body.client_secret
}

export function start(
  sim: Simulator,
  clientSecret: string,
  email = "jo@example.com",
  extra: object = {}
) {
  return postJson(sim, "/api/start_verification", {
    client_secret: clientSecret,
    email,
    ...extra,
  })
}

export function authenticate(
  sim: Simulator,
  clientSecret: string,
  code: string,
  email = "jo@example.com",
  extra: object = {}
) {
  return postJson(sim, "/api/authenticate", {
    client_secret: clientSecret,
    email,
    code,
    ...extra,
  })
}

/** Looks up and starts verification; returns the secret and the code from the outbox. */
export async function started(
  sim: Simulator,
  email = "jo@example.com",
  key: string = TEST_KEY
) {
  const clientSecret = await secretFor(sim, email, key)
  const res = await start(sim, clientSecret, email)
  if (res.status !== 200)
    throw new Error(`start failed: ${res.status} ${await res.text()}`)
  const code = sim.state.outbox.latestCode(email)
  if (!code) throw new Error("no code in the outbox")
  return { clientSecret, code }
}

/** A six-digit code different from `code`. */
export function wrongCode(code: string): string {
  return code === "123456" ? "654321" : "123456"
}

export interface ErrorJson {
  authenticationSuccessful?: boolean
  errorMessage: string
  error: { type: string; code: string; message: string; param?: string }
}

export async function errorOf(res: Response): Promise<ErrorJson> {
  return (await res.json()) as ErrorJson
}
