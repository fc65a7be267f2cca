/** Configuration from env and files: generated secrets, clients, and errors that name the fix. */
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, test } from "vitest"
import {
  loadConfig,
  loadOrCreateSecrets,
  parseClients,
  subjectFor,
} from "../src/index.js"

const client = {
  client_id: "shop",
  client_secret: "0123456789abcdef",
  redirect_uris: ["http://localhost:3200/callback"],
}

function dataDir() {
  return mkdtempSync(join(tmpdir(), "hosted-login-"))
}

describe("secrets", () => {
  test("are generated once into the data directory (0600) and reused", () => {
    const dir = dataDir()
    const first = loadOrCreateSecrets(dir)
    const file = join(dir, "secrets.json")
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(first.jwks.keys[0]).toMatchObject({
      kty: "RSA",
      alg: "RS256",
      use: "sig",
    })
    expect(first.jwks.keys[0]).toHaveProperty("d")
    const second = loadOrCreateSecrets(dir)
    expect(second).toEqual(first)
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(first)
  })

  test("a corrupt secrets file is an error that says what to do", () => {
    const dir = dataDir()
    writeFileSync(join(dir, "secrets.json"), "{not json")
    expect(() => loadOrCreateSecrets(dir)).toThrow(
      /delete it to generate new secrets/
    )
  })
})

describe("sub", () => {
  test("is the same for any spelling of an email, differs per pepper, and hides the email", () => {
    expect(subjectFor(" Jo@Example.com", "p1")).toBe(
      subjectFor("jo@example.com", "p1")
    )
    expect(subjectFor("jo@example.com", "p1")).not.toBe(
      subjectFor("jo@example.com", "p2")
    )
    expect(subjectFor("jo@example.com", "p1")).not.toMatch(/jo|example/)
  })
})

describe("loadConfig", () => {
  test("reads clients and secrets from env without touching the disk", () => {
    const config = loadConfig({
      HOSTED_LOGIN_PORT: "4100",
      HOSTED_LOGIN_CLIENTS: JSON.stringify([client]),
      HOSTED_LOGIN_JWKS: JSON.stringify({ keys: [{ kty: "RSA", kid: "k" }] }),
      HOSTED_LOGIN_COOKIE_KEYS: "a, b",
      HOSTED_LOGIN_SUBJECT_PEPPER: "pepper",
      AUTH_SECRET: "challenge-secret-0123456789",
      HOSTED_LOGIN_DATA_DIR: "/nonexistent/never/created",
    })
    expect(config).toMatchObject({
      port: 4100,
      issuer: "http://localhost:4100",
      clients: [
        { ...client, first_party: false, post_logout_redirect_uris: [] },
      ],
      secrets: { cookieKeys: ["a", "b"], subjectPepper: "pepper" },
      trustProxy: false,
      emailVerified: false,
      dev: false,
    })
  })

  test("uses the development clients and generated secrets only with HOSTED_LOGIN_DEV=1", () => {
    const dir = dataDir()
    const config = loadConfig({
      HOSTED_LOGIN_DEV: "1",
      HOSTED_LOGIN_DATA_DIR: dir,
    })
    expect(config.dev).toBe(true)
    expect(config.clients.map((c) => c.client_id)).toEqual([
      "hono-shop",
      "demo-shop",
      "better-auth-shop",
    ])
    expect(config.secrets).toEqual(loadOrCreateSecrets(dir))
  })

  test.each([
    ["development", { NODE_ENV: "development" }],
    ["test", { NODE_ENV: "test" }],
    ["unset", {}],
    ["production", { NODE_ENV: "production" }],
  ])(
    "without the flag (NODE_ENV %s) it refuses to start, naming every setting, and writes nothing",
    (_label, nodeEnv) => {
      const dir = join(dataDir(), "never-created")
      const start = () => loadConfig({ ...nodeEnv, HOSTED_LOGIN_DATA_DIR: dir })
      expect(start).toThrow(/refusing to start without its production settings/)
      const message = (() => {
        try {
          start()
        } catch (error) {
          return (error as Error).message
        }
      })()!
      for (const name of [
        "HOSTED_LOGIN_CLIENTS",
        "HOSTED_LOGIN_CLIENTS_FILE",
        "HOSTED_LOGIN_JWKS",
        "HOSTED_LOGIN_COOKIE_KEYS",
        "HOSTED_LOGIN_SUBJECT_PEPPER",
        "AUTH_SECRET",
        "HOSTED_LOGIN_DEV=1",
      ])
        expect(message).toContain(name)
      expect(existsSync(dir)).toBe(false)
    }
  )

  test("without the flag, one missing secret is named alone", () => {
    expect(() =>
      loadConfig({
        HOSTED_LOGIN_CLIENTS: JSON.stringify([client]),
        HOSTED_LOGIN_JWKS: JSON.stringify({ keys: [{ kty: "RSA" }] }),
        HOSTED_LOGIN_COOKIE_KEYS: "a",
        AUTH_SECRET: "challenge-secret-0123456789",
      })
    ).toThrow(
      /Set:\n {2}- HOSTED_LOGIN_SUBJECT_PEPPER: [^\n]+\nOr, on your own machine/
    )
  })

  test("the dev flag is refused with an https issuer", () => {
    expect(() =>
      loadConfig({
        HOSTED_LOGIN_DEV: "1",
        HOSTED_LOGIN_ISSUER: "https://login.example.com",
        HOSTED_LOGIN_DATA_DIR: dataDir(),
      })
    ).toThrow(/HOSTED_LOGIN_DEV=1 is for a local http issuer/)
  })

  test("email_verified is off unless HOSTED_LOGIN_EMAIL_VERIFIED=1", () => {
    const env = { HOSTED_LOGIN_DEV: "1", HOSTED_LOGIN_DATA_DIR: dataDir() }
    expect(loadConfig(env).emailVerified).toBe(false)
    expect(
      loadConfig({ ...env, HOSTED_LOGIN_EMAIL_VERIFIED: "1" }).emailVerified
    ).toBe(true)
  })

  test("proxy hops: 1 behind a trusted proxy unless HOSTED_LOGIN_PROXY_HOPS says how many", () => {
    const env = { HOSTED_LOGIN_DEV: "1", HOSTED_LOGIN_DATA_DIR: dataDir() }
    expect(loadConfig({ ...env, HOSTED_LOGIN_TRUST_PROXY: "1" })).toMatchObject(
      { trustProxy: true, proxyHops: 1 }
    )
    expect(
      loadConfig({
        ...env,
        HOSTED_LOGIN_TRUST_PROXY: "1",
        HOSTED_LOGIN_PROXY_HOPS: "2",
      })
    ).toMatchObject({ trustProxy: true, proxyHops: 2 })
    for (const bad of ["0", "21", "1.5", "two"])
      expect(() =>
        loadConfig({
          ...env,
          HOSTED_LOGIN_TRUST_PROXY: "1",
          HOSTED_LOGIN_PROXY_HOPS: bad,
        })
      ).toThrow(/HOSTED_LOGIN_PROXY_HOPS must be the number of proxies/)
    // Hops without a trusted proxy would be ignored: refused, naming the missing switch.
    expect(() => loadConfig({ ...env, HOSTED_LOGIN_PROXY_HOPS: "2" })).toThrow(
      /HOSTED_LOGIN_TRUST_PROXY=1/
    )
  })

  test("errors name the variable at fault", () => {
    const env = { HOSTED_LOGIN_DEV: "1", HOSTED_LOGIN_DATA_DIR: dataDir() }
    expect(() => loadConfig({ ...env, HOSTED_LOGIN_PORT: "http" })).toThrow(
      /HOSTED_LOGIN_PORT/
    )
    expect(() => loadConfig({ ...env, HOSTED_LOGIN_CLIENTS: "[" })).toThrow(
      /HOSTED_LOGIN_CLIENTS is not valid JSON/
    )
    expect(() =>
      loadConfig({ ...env, HOSTED_LOGIN_REDIS_URL: "localhost:6379" })
    ).toThrow(/HOSTED_LOGIN_REDIS_URL must be a redis:\/\//)
  })
})

describe("parseClients", () => {
  test("names the client field at fault", () => {
    expect(() =>
      parseClients(
        [{ ...client, redirect_uris: ["not a url"] }],
        "clients.json"
      )
    ).toThrow(/clients\.json: 0\.redirect_uris\.0/)
    expect(() =>
      parseClients([{ ...client, client_secret: "short" }], "x")
    ).toThrow(/at least 16/)
    expect(() => parseClients([client, client], "x")).toThrow(/appears twice/)
    expect(() => parseClients([], "x")).toThrow(/x/)
  })
})
