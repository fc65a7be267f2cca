/**
 * Several instances behind one address: shops on one real Postgres (DATABASE_URL) and one real
 * Redis (REDIS_URL, Better Auth's secondary storage), in both modes. They migrate at the same
 * time, share sessions, Better Auth's rate-limit counts and the Link plugin's per-email limits, a
 * sign-in may start on one and finish on another, and a Redis outage is a 503 page, not a crash.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { Redis } from "ioredis"
import { startShop, type RunningShop } from "../src/index.js"
import { alertCode, Browser } from "./browser.js"
import { startOidcStack, type OidcStack } from "./oidc-stack.js"
import {
  startPostgres,
  type PostgresServer,
} from "@login-with-link/test-helpers"
import { startRedis, type RedisServer } from "@login-with-link/test-helpers"
import { SHOP_ORIGIN, shopOptions } from "./shop-options.js"

let postgres: PostgresServer
let redis: RedisServer
let stack: OidcStack
let shopA: RunningShop
let shopB: RunningShop
/** Mode link, same database and Redis. */
let linkA: RunningShop
let linkB: RunningShop
const errors: unknown[] = []

beforeAll(async () => {
  ;[postgres, redis, stack] = await Promise.all([
    startPostgres(),
    startRedis(),
    startOidcStack(errors),
  ])
  const options = shopOptions({
    mode: "oidc",
    oidc: stack.oidc,
    databaseUrl: postgres.url,
    redisUrl: redis.url,
    logError: (_m, e) => errors.push(e),
  })
  const linkOptions = {
    ...options,
    mode: "link" as const,
    link: { publishableKey: "pk_test_shop", apiUrl: stack.link.apiUrl },
  }
  // All start (and run Better Auth's migrations) at once, on the same empty database.
  ;[shopA, shopB, linkA, linkB] = await Promise.all([
    startShop(options),
    startShop(options),
    startShop(linkOptions),
    startShop(linkOptions),
  ])
}, 180_000)

afterAll(async () => {
  await shopA?.close()
  await shopB?.close()
  await linkA?.close()
  await linkB?.close()
  await stack?.close()
  await redis?.stop()
  await postgres?.stop()
})

/** A browser whose requests to the shop's address go to instance A or B, as a balancer would. */
function balancedBrowser(first = shopA) {
  let target = first
  const browser = new Browser({
    origin: SHOP_ORIGIN,
    fetch: (request) => target.fetch(request),
  })
  return Object.assign(browser, {
    use(shop: RunningShop) {
      target = shop
    },
  })
}

describe("two instances on one Postgres and one Redis", () => {
  test("both migrated the same database: Better Auth's tables exist once", async () => {
    expect(shopA.database.kind).toBe("postgres")
    const tables = await shopA.database.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public' order by table_name`
    )
    // Sessions, OAuth state and rate-limit counts live in Redis (secondary storage), so Postgres
    // holds the people and their accounts.
    expect(tables.map((t) => t.table_name)).toEqual(["account", "user"])
  })

  test("a session made on A works on B, and signing out on B ends it on A", async () => {
    const browser = balancedBrowser()
    const done = await stack.signIn(browser)
    expect(done.page).toContain("Jo Doe")

    browser.use(shopB)
    const onB = await browser.go(`${SHOP_ORIGIN}/account`)
    expect(onB.status).toBe(200)
    expect(await onB.text()).toContain("jo@example.com")

    // The session lives in Redis (Better Auth's secondary storage).
    const client = new Redis(redis.url)
    try {
      expect((await client.keys("better-auth-shop:*")).length).toBeGreaterThan(
        0
      )
    } finally {
      client.disconnect()
    }

    const out = await browser.go(`${SHOP_ORIGIN}/logout`, {
      method: "POST",
      headers: {
        origin: SHOP_ORIGIN,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "",
    })
    expect(out.status).toBe(303)
    browser.use(shopA)
    const token = browser.cookie("shop.test", "better-auth.session_token")
    expect(token).toBeUndefined()
    const afterOnA = await browser.go(`${SHOP_ORIGIN}/account`)
    expect(afterOnA.status).toBe(302)
  })

  test("the stolen cookie of a signed-out session is refused by both", async () => {
    const browser = balancedBrowser()
    await stack.signIn(browser)
    const stolen = browser.cookie("shop.test", "better-auth.session_token")!
    await browser.go(`${SHOP_ORIGIN}/logout`, {
      method: "POST",
      headers: {
        origin: SHOP_ORIGIN,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "",
    })
    for (const shop of [shopA, shopB]) {
      const response = await shop.fetch(
        new Request(`${SHOP_ORIGIN}/account`, {
          headers: { cookie: `better-auth.session_token=${stolen.value}` },
        })
      )
      expect(response.status).toBe(302)
    }
  })

  test("Better Auth's rate limit counts requests to A and B together", async () => {
    const browser = balancedBrowser()
    // /sign-in/* allows 3 requests per 10 s per address; the 4th, on either instance, is refused.
    const statuses: number[] = []
    for (const shop of [shopA, shopB, shopA, shopB]) {
      browser.use(shop)
      statuses.push((await browser.go(`${SHOP_ORIGIN}/login`)).status)
    }
    expect(statuses).toEqual([302, 302, 302, 429])
  })

  test("mode link: a sign-in started on one instance finishes on the other", async () => {
    // A person of their own: jo@example.com already has a user from the OIDC tests above, whose
    // email the hosted page does not claim as verified, so Link may not join it (ACCOUNT_NOT_LINKED).
    const email = `instances-${Date.now()}@example.com`
    const added = await fetch(`${stack.link.url}/__control/people`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, phone: "+14155550123" }),
    })
    expect(added.status).toBe(201)
    const browser = balancedBrowser(linkA)
    const code = await browser.form(`${SHOP_ORIGIN}/login`, {
      email,
      return_to: "/account",
    })
    expect(code.url).toBe(`${SHOP_ORIGIN}/login/code`)
    browser.use(linkB)
    const outbox = (await (
      await fetch(
        `${stack.link.url}/__dev/outbox?email=${encodeURIComponent(email)}`
      )
    ).json()) as { messages: { code: string }[] }
    const done = await browser.form(`${SHOP_ORIGIN}/login/code`, {
      code: outbox.messages[0]!.code,
    })
    expect(done.url).toBe(`${SHOP_ORIGIN}/account`)
    browser.use(linkA)
    expect((await browser.go(`${SHOP_ORIGIN}/account`)).status).toBe(200)
  })

  test("mode link: the plugin's per-email limit counts both instances", async () => {
    // 10 look-ups per email per 10 minutes (the core's default), here 5 on each instance: the
    // 11th, on either, is refused. A fresh address each time keeps the per-address limits out.
    const email = `limited-${Date.now()}@example.com`
    const codes: string[] = []
    for (let i = 0; i < 11; i++) {
      const browser = balancedBrowser(i % 2 ? linkB : linkA)
      const page = await browser.form(`${SHOP_ORIGIN}/login`, {
        email,
        return_to: "/account",
      })
      codes.push(alertCode(page.page) ?? "invited")
    }
    expect(codes.slice(0, 10)).toEqual(Array(10).fill("invited"))
    expect(codes[10]).toBe("rate_limited")
  })

  test("while Redis is away, pages answer 503 in words, and the shop recovers after", async () => {
    const browser = balancedBrowser()
    await stack.signIn(browser)
    await redis.stop()
    const down = await browser.go(`${SHOP_ORIGIN}/account`)
    expect(down.status).toBe(503)
    expect(alertCode(await down.text())).toBe("unavailable")
    expect(errors.length).toBeGreaterThan(0)

    // A new, empty Redis where the old one was: the shop reconnects by itself. The sessions were
    // in the old one, so the person has to sign in again.
    redis = await startRedis(redis.port)
    await expect
      .poll(async () => (await browser.go(`${SHOP_ORIGIN}/account`)).status, {
        timeout: 20_000,
      })
      .toBe(302)
    // The hosted page still knows the person: back through it without a code, with a new session.
    const again = await browser.follow(`${SHOP_ORIGIN}/account`)
    expect(again.url).toBe(`${SHOP_ORIGIN}/account`)
    expect(again.page).toContain("jo@example.com")
  })
})
