/**
 * The storage adapters, against the same contract: the in-memory one, and the Redis one against
 * a real redis-server started by the test. Then a sign-in across two hosted-login instances that
 * share one Redis.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import type { AdapterFactory } from "oidc-provider"
import {
  startSimulator,
  type RunningSimulator,
} from "@login-with-link/simulator"
import {
  createMemoryStorage,
  createRedisStorage,
  generateSecrets,
} from "../src/index.js"
import { startRedis, type RedisServer } from "@login-with-link/test-helpers"
import { Redis } from "ioredis"
import {
  Browser,
  authorizationRequest,
  discover,
  signInThroughPages,
  startStack,
} from "./utils.js"

function contract(
  name: string,
  make: () => AdapterFactory,
  ttlOf?: (key: string) => Promise<number>
) {
  describe(name, () => {
    test("upsert then find returns the payload; unknown ids are undefined", async () => {
      const sessions = make()("Session")
      await sessions.upsert("s1", { accountId: "acc", uid: "u1" }, 60)
      expect(await sessions.find("s1")).toEqual({ accountId: "acc", uid: "u1" })
      expect(await sessions.findByUid("u1")).toEqual({
        accountId: "acc",
        uid: "u1",
      })
      expect(await sessions.find("nope")).toBeUndefined()
      expect(await sessions.findByUid("nope")).toBeUndefined()
    })

    test("models do not see each other's ids", async () => {
      const storage = make()
      await storage("Session").upsert("same", { accountId: "a" }, 60)
      expect(await storage("Interaction").find("same")).toBeUndefined()
    })

    test("consume marks a code consumed and keeps its payload", async () => {
      const codes = make()("AuthorizationCode")
      await codes.upsert("c1", { grantId: "g1", accountId: "acc" }, 60)
      expect((await codes.find("c1"))?.consumed).toBeUndefined()
      await codes.consume("c1")
      const found = await codes.find("c1")
      expect(found).toMatchObject({ grantId: "g1", accountId: "acc" })
      expect(found?.consumed).toEqual(expect.any(Number))
      await codes.consume("gone")
      expect(await codes.find("gone")).toBeUndefined()
    })

    test("revokeByGrantId removes every token of the grant and nothing else", async () => {
      const storage = make()
      await storage("AuthorizationCode").upsert("c1", { grantId: "g1" }, 60)
      await storage("AccessToken").upsert("a1", { grantId: "g1" }, 60)
      await storage("AccessToken").upsert("a2", { grantId: "g2" }, 60)
      await storage("AccessToken").revokeByGrantId("g1")
      expect(await storage("AuthorizationCode").find("c1")).toBeUndefined()
      expect(await storage("AccessToken").find("a1")).toBeUndefined()
      expect(await storage("AccessToken").find("a2")).toEqual({ grantId: "g2" })
    })

    test("destroy removes one entry", async () => {
      const grants = make()("Grant")
      await grants.upsert("g", { accountId: "acc" }, 60)
      await grants.destroy("g")
      expect(await grants.find("g")).toBeUndefined()
    })

    if (ttlOf) {
      test("every key expires with its model", async () => {
        const storage = make()
        await storage("Interaction").upsert("i1", { uid: "u9" }, 120)
        await storage("AccessToken").upsert("t1", { grantId: "g9" }, 300)
        for (const key of [
          "Interaction:i1",
          "Interaction:uid:u9",
          "AccessToken:t1",
          "grant:g9",
        ]) {
          const ttl = await ttlOf(key)
          expect(ttl, key).toBeGreaterThan(0)
          expect(ttl, key).toBeLessThanOrEqual(300)
        }
      })
    }
  })
}

contract("memory storage", () => createMemoryStorage())

test("memory storage forgets expired entries", async () => {
  let now = 1_000_000
  const sessions = createMemoryStorage(() => now)("Session")
  await sessions.upsert("s", { accountId: "a" }, 10)
  now += 9_999
  expect(await sessions.find("s")).toEqual({ accountId: "a" })
  now += 1
  expect(await sessions.find("s")).toBeUndefined()
})

describe("Redis", () => {
  let redis: RedisServer & { client(): Redis }
  const clients: Redis[] = []
  let prefixCount = 0
  beforeAll(async () => {
    const server = await startRedis()
    redis = {
      ...server,
      client() {
        const client = new Redis(server.url, { maxRetriesPerRequest: 50 })
        clients.push(client)
        return client
      },
    }
  })
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit().catch(() => undefined)))
    await redis?.stop()
  })

  const prefix = () => `t${prefixCount}:`
  contract(
    "redis storage",
    () => {
      prefixCount += 1
      return createRedisStorage(redis.client(), { prefix: prefix() })
    },
    (key) => redis.client().ttl(`${prefix()}${key}`)
  )

  describe("two hosted-login instances sharing one Redis", () => {
    let link: RunningSimulator
    beforeAll(async () => {
      link = await startSimulator({
        port: 0,
        quiet: true,
        maxSendsPerHour: 1000,
      })
    })
    afterAll(async () => {
      await link.close()
    })

    test("a person signs in on one instance and the shop redeems the code on the other; a replay on the first is refused", async () => {
      const secrets = generateSecrets()
      const storage = createRedisStorage(redis.client(), { prefix: "shared:" })
      const a = await startStack({ link, secrets, storage })
      const b = await startStack({ link, secrets, storage })
      try {
        // Both instances serve the same issuer in production; here each has its own URL, so the
        // shop talks to B's token endpoint with A's code, which only shared storage makes work.
        const configA = await discover(a.login.url)
        const request = await authorizationRequest(configA)
        const callback = await signInThroughPages(a, new Browser(), request.url)
        const code = callback.searchParams.get("code")!
        const token = (base: string) =>
          fetch(`${base}/token`, {
            method: "POST",
            headers: {
              authorization: `Basic ${Buffer.from("test-shop:test-shop-secret-0123456789").toString("base64")}`,
              "content-type": "application/x-www-form-urlencoded",
            },
            body: new URLSearchParams({
              grant_type: "authorization_code",
              code,
              redirect_uri: "http://127.0.0.1:1/callback",
              code_verifier: request.verifier,
            }),
          })
        const fromB = await token(b.login.url)
        expect(fromB.status).toBe(200)
        const body = (await fromB.json()) as {
          id_token: string
          access_token: string
        }
        expect(body.id_token.split(".")).toHaveLength(3)
        const replay = await token(a.login.url)
        expect(replay.status).toBe(400)
        expect(await replay.json()).toMatchObject({ error: "invalid_grant" })
        const userinfo = await fetch(`${b.login.url}/me`, {
          headers: { authorization: `Bearer ${body.access_token}` },
        })
        expect(userinfo.status).toBe(401)
      } finally {
        await a.close()
        await b.close()
      }
    })
  })
})

test("memory storage sweeps expired entries as it is written to", async () => {
  let now = 0
  const storage = createMemoryStorage(() => now)
  const sessions = storage("Session")
  await sessions.upsert("old", { uid: "old-uid" }, 1)
  now = 5_000
  // 999 more writes trigger the sweep; "old" is gone without being read.
  for (let i = 0; i < 999; i += 1) await sessions.upsert(`s${i}`, {}, 60)
  now = 0 // were it still stored, it would be found again now
  expect(await sessions.findByUid("old-uid")).toBeUndefined()
  expect(await sessions.find("old")).toBeUndefined()
  expect(await sessions.find("s998")).toEqual({})
})
