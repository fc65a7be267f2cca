/**
 * The simulator's options, their defaults, and how the environment fills them.
 * @module
 */
import { readFileSync } from "node:fs"
import { z } from "zod"
import {
  checkClient,
  devClient,
  parseClientJson,
  readClientsEnv,
  redirectUriProblem,
  type OAuthClient,
} from "./oauth/clients.js"
import { SEED_PEOPLE, type Person } from "./people.js"

/** Options of {@link createSimulator}. Every one is optional. */
export interface SimulatorOptions {
  /**
   * Publishable keys accepted besides test keys, e.g. a `pk_live_...` key your shop uses.
   * Also read from `LINK_SIM_KEYS` (comma-separated).
   * @default []
   */
  publishableKeys?: string[]
  /**
   * Accept any key starting with `pk_test_` (test mode). Set false to accept only `publishableKeys`.
   * @default true
   */
  acceptAnyTestKey?: boolean
  /** How long a sent code is valid, in ms. @default 600000 (10 minutes) */
  codeTtlMs?: number
  /** How long a client_secret is valid after lookup, in ms. @default 1800000 (30 minutes) */
  sessionTtlMs?: number
  /** Wrong codes allowed per client_secret; the next attempt gets 429. @default 5 */
  maxAttempts?: number
  /** A resend for the same client_secret is refused for this long after the last send, in ms. @default 30000 */
  resendCooldownMs?: number
  /** Codes sent to one person per rolling hour. @default 5 */
  maxSendsPerHour?: number
  /** API requests per minute per STRIPE_PUBLIC_KEY. @default 6000 */
  requestsPerMinutePerKey?: number
  /** API requests per minute per client IP. @default 6000 */
  requestsPerMinutePerIp?: number
  /**
   * Serve the test-only control API under `/__control`. Defaults to on unless `LINK_SIM_CONTROL=0`.
   * Security: anyone who can reach the simulator can then reset it and read its state.
   * @default true
   */
  control?: boolean
  /** Serve the outbox at `/__dev` and `/__dev/outbox`. Defaults to on unless `LINK_SIM_DEV=0`. @default true */
  devPages?: boolean
  /**
   * A token that `/__control` and `/__dev` then require as `Authorization: Bearer <token>`, on
   * top of their loopback-Host and Origin checks. Also read from `LINK_SIM_CONTROL_TOKEN`.
   * @default none
   */
  controlToken?: string
  /**
   * Origins the sign-up page may send a person back to. `*` as the port matches any port.
   * `LINK_SIM_RETURN_ORIGINS` (comma-separated) adds more.
   * @default ["http://localhost:*", "http://127.0.0.1:*"]
   */
  allowedReturnOrigins?: string[]
  /**
   * People on Link at start and after every reset. Defaults to the built-in people plus those in the
   * JSON file named by `LINK_SIM_SEED`.
   */
  people?: Person[]
  /**
   * OAuth clients registered with the simulated login.link.com, besides the dev client. Also
   * read from `LINK_SIM_OAUTH_CLIENTS` (a JSON array of `{ client_id, client_secret,
   * redirect_uris, publishable_key?, name? }`) and the `oauthClients` of the `LINK_SIM_SEED` file.
   * @default []
   */
  oauthClients?: OAuthClient[]
  /**
   * Register the dev client `shop_dev` / `shop_dev_secret` (any test key; the shops' callbacks on
   * loopback, any port). Defaults to on unless `LINK_SIM_OAUTH_DEV_CLIENT=0`.
   * @default true
   */
  oauthDevClient?: boolean
  /**
   * More redirect URIs for the dev client. `LINK_SIM_OAUTH_REDIRECT_URIS` (comma-separated) adds more.
   * @default []
   */
  oauthDevRedirectUris?: string[]
  /** Print no console line per SMS. Defaults to off unless `LINK_SIM_QUIET=1`. @default false */
  quiet?: boolean
  /**
   * Take the client IP from the first `X-Forwarded-For` address. Only behind a proxy you run.
   * Defaults to off unless `LINK_SIM_TRUST_PROXY=1`.
   * @default false
   */
  trustProxy?: boolean
  /** Freeze the clock at this epoch time (ms); it then moves only through the control API. */
  startAt?: number
  /** Where console lines go. @default console.log */
  log?: (line: string) => void
  /** The environment read for defaults. @default process.env */
  env?: Record<string, string | undefined>
}

/** Options with every default applied. */
export interface SimulatorConfig {
  publishableKeys: string[]
  acceptAnyTestKey: boolean
  codeTtlMs: number
  sessionTtlMs: number
  maxAttempts: number
  resendCooldownMs: number
  maxSendsPerHour: number
  requestsPerMinutePerKey: number
  requestsPerMinutePerIp: number
  control: boolean
  devPages: boolean
  controlToken: string | undefined
  allowedReturnOrigins: string[]
  people: Person[]
  /** Every registered OAuth client, the dev client first when it is on. */
  oauthClients: OAuthClient[]
  quiet: boolean
  trustProxy: boolean
  startAt: number | undefined
  log: (line: string) => void
}

/** The defaults of the numeric limits (code and session lifetimes, attempts, cooldowns, rates). */
export const DEFAULTS = {
  codeTtlMs: 10 * 60_000,
  sessionTtlMs: 30 * 60_000,
  maxAttempts: 5,
  resendCooldownMs: 30_000,
  maxSendsPerHour: 5,
  requestsPerMinutePerKey: 6000,
  requestsPerMinutePerIp: 6000,
  allowedReturnOrigins: ["http://localhost:*", "http://127.0.0.1:*"],
} as const

const personSchema = z.strictObject({
  id: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{1,64}$/,
      "id must be 1-64 letters, digits, _ or -, like usr_123"
    )
    .optional(),
  email: z.string().trim().toLowerCase().pipe(z.email()),
  phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, "phone must be E.164, e.g. +14155550123"),
  fullName: z.string().min(1).max(200).optional(),
  city: z.string().min(1).max(200).optional(),
})

/** Validates one person (email normalised), throwing a TypeError that says what is wrong. */
export function parsePerson(input: unknown, where = "person"): Person {
  const result = personSchema.safeParse(input)
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new TypeError(
      `${where}: ${issue?.path.join(".") || "value"}: ${issue?.message ?? "invalid"}`
    )
  }
  return result.data
}

function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
}

function flag(value: string | undefined): boolean | undefined {
  if (value === undefined || value === "") return undefined
  return !["0", "false", "no", "off"].includes(value.toLowerCase())
}

/** The environment variable of each numeric limit. */
export const LIMIT_ENV = {
  codeTtlMs: "LINK_SIM_CODE_TTL_MS",
  sessionTtlMs: "LINK_SIM_SESSION_TTL_MS",
  maxAttempts: "LINK_SIM_MAX_ATTEMPTS",
  resendCooldownMs: "LINK_SIM_RESEND_COOLDOWN_MS",
  maxSendsPerHour: "LINK_SIM_MAX_SENDS_PER_HOUR",
  requestsPerMinutePerKey: "LINK_SIM_RPM_PER_KEY",
  requestsPerMinutePerIp: "LINK_SIM_RPM_PER_IP",
} as const

function envNumber(
  env: Record<string, string | undefined>,
  name: string
): number | undefined {
  const value = env[name]
  if (value === undefined || value.trim() === "") return undefined
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0)
    throw new TypeError(
      `${name} must be a non-negative number, got ${JSON.stringify(value)}`
    )
  return n
}

function positive(
  name: string,
  value: number | undefined,
  fallback: number
): number {
  if (value === undefined) return fallback
  if (!Number.isFinite(value) || value < 0)
    throw new TypeError(`${name} must be a non-negative number, got ${value}`)
  return value
}

function controlToken(token: string | undefined): string | undefined {
  if (token === undefined) return undefined
  if (token.length < 16)
    throw new TypeError(
      "controlToken (LINK_SIM_CONTROL_TOKEN) must be at least 16 characters: use a random one, e.g. `openssl rand -hex 32`"
    )
  return token
}

/** What a `LINK_SIM_SEED` file holds. */
export interface Seed {
  people: Person[]
  oauthClients: OAuthClient[]
}

/**
 * Reads a `LINK_SIM_SEED` JSON file: an array of people `{ email, phone, fullName?, city?, id? }`,
 * or an object `{ people?: [...], oauthClients?: [...] }`.
 */
export function readSeed(path: string): Seed {
  let data: unknown
  try {
    data = JSON.parse(readFileSync(path, "utf8"))
  } catch (cause) {
    throw new TypeError(`LINK_SIM_SEED: cannot read ${path} as JSON`, { cause })
  }
  if (Array.isArray(data))
    return {
      people: data.map((p, i) => parsePerson(p, `LINK_SIM_SEED[${i}]`)),
      oauthClients: [],
    }
  const seed = z
    .strictObject({
      people: z.array(z.unknown()).optional(),
      oauthClients: z.array(z.unknown()).optional(),
    })
    .safeParse(data)
  if (!seed.success)
    throw new TypeError(
      `LINK_SIM_SEED: ${path} must hold a JSON array of people, or an object { "people": [...], "oauthClients": [...] }`
    )
  return {
    people: (seed.data.people ?? []).map((p, i) =>
      parsePerson(p, `LINK_SIM_SEED.people[${i}]`)
    ),
    oauthClients: (seed.data.oauthClients ?? []).map((c, i) =>
      parseClientJson(c, `LINK_SIM_SEED.oauthClients[${i}]`)
    ),
  }
}

/** Applies defaults and the environment to the options, checking each. */
export function resolveConfig(options: SimulatorOptions = {}): SimulatorConfig {
  const env = options.env ?? process.env
  const seed = env.LINK_SIM_SEED ? readSeed(env.LINK_SIM_SEED) : undefined
  const people = (
    options.people ?? [...SEED_PEOPLE, ...(seed?.people ?? [])]
  ).map((p, i) => parsePerson(p, `people[${i}]`))
  const keys = [...(options.publishableKeys ?? []), ...list(env.LINK_SIM_KEYS)]
  for (const key of keys) {
    if (!/^pk_(live|test)_[A-Za-z0-9_]+$/.test(key)) {
      throw new TypeError(
        `publishableKeys: ${JSON.stringify(key)} is not a pk_live_... or pk_test_... key`
      )
    }
  }
  const origins = [
    ...(options.allowedReturnOrigins ?? DEFAULTS.allowedReturnOrigins),
    ...list(env.LINK_SIM_RETURN_ORIGINS),
  ]
  for (const origin of origins) {
    if (!/^https?:\/\/[^/:?#]+(:(\d+|\*))?$/.test(origin)) {
      throw new TypeError(
        `allowedReturnOrigins: ${JSON.stringify(origin)} is not an origin like http://localhost:3000`
      )
    }
  }
  const devRedirectUris = [
    ...(options.oauthDevRedirectUris ?? []),
    ...list(env.LINK_SIM_OAUTH_REDIRECT_URIS),
  ]
  for (const uri of devRedirectUris) {
    const problem = redirectUriProblem(uri)
    if (problem)
      throw new TypeError(
        `oauthDevRedirectUris (LINK_SIM_OAUTH_REDIRECT_URIS): ${JSON.stringify(uri)} ${problem}`
      )
  }
  const oauthClients = [
    ...((options.oauthDevClient ?? flag(env.LINK_SIM_OAUTH_DEV_CLIENT) ?? true)
      ? [devClient(devRedirectUris)]
      : []),
    ...(options.oauthClients ?? []).map((c, i) =>
      checkClient(c, `oauthClients[${i}]`)
    ),
    ...(env.LINK_SIM_OAUTH_CLIENTS
      ? readClientsEnv(env.LINK_SIM_OAUTH_CLIENTS)
      : []),
    ...(seed?.oauthClients ?? []),
  ]
  for (const client of oauthClients) {
    if (
      client.publishableKey !== undefined &&
      !/^pk_(live|test)_[A-Za-z0-9_]+$/.test(client.publishableKey)
    )
      throw new TypeError(
        `oauthClients: ${client.clientId}: publishableKey must be a pk_live_... or pk_test_... key`
      )
  }
  const limit = (name: keyof typeof LIMIT_ENV) =>
    positive(
      name,
      options[name] ?? envNumber(env, LIMIT_ENV[name]),
      DEFAULTS[name]
    )
  return {
    publishableKeys: keys,
    acceptAnyTestKey: options.acceptAnyTestKey ?? true,
    codeTtlMs: limit("codeTtlMs"),
    sessionTtlMs: limit("sessionTtlMs"),
    maxAttempts: limit("maxAttempts"),
    resendCooldownMs: limit("resendCooldownMs"),
    maxSendsPerHour: limit("maxSendsPerHour"),
    requestsPerMinutePerKey: limit("requestsPerMinutePerKey"),
    requestsPerMinutePerIp: limit("requestsPerMinutePerIp"),
    control: options.control ?? flag(env.LINK_SIM_CONTROL) ?? true,
    devPages: options.devPages ?? flag(env.LINK_SIM_DEV) ?? true,
    controlToken: controlToken(
      options.controlToken ?? (env.LINK_SIM_CONTROL_TOKEN?.trim() || undefined)
    ),
    allowedReturnOrigins: origins,
    people,
    oauthClients,
    quiet: options.quiet ?? flag(env.LINK_SIM_QUIET) ?? false,
    trustProxy: options.trustProxy ?? flag(env.LINK_SIM_TRUST_PROXY) ?? false,
    startAt: options.startAt,
    log: options.log ?? ((line) => console.log(line)),
  }
}
