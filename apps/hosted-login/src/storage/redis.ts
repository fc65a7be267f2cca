/**
 * Redis storage for oidc-provider models, so that several hosted-login instances share sessions,
 * interactions, authorization codes and grants.
 *
 * Follows panva's example adapter (https://github.com/panva/node-oidc-provider/blob/main/example/adapters/redis.js):
 * consumable models are hashes so that `consume` marks them without rewriting the payload, every
 * key expires with its model, and each grant keeps a list of the keys issued under it so that a
 * replayed authorization code can revoke them all.
 * @module
 */
import type { Redis } from "ioredis"
import type { Adapter, AdapterFactory, AdapterPayload } from "oidc-provider"

const grantable = new Set([
  "AccessToken",
  "AuthorizationCode",
  "RefreshToken",
  "DeviceCode",
  "BackchannelAuthenticationRequest",
])

const consumable = new Set([
  "AuthorizationCode",
  "RefreshToken",
  "DeviceCode",
  "BackchannelAuthenticationRequest",
])

/** Options of {@link createRedisStorage}. */
export interface RedisStorageOptions {
  /**
   * Prefix of every key, so that one Redis can serve several deployments.
   * @default "lwl:oidc:"
   */
  prefix?: string
}

/**
 * Creates an adapter factory that stores every model in Redis.
 *
 * @example
 * import { Redis } from "ioredis"
 * new Provider(issuer, { adapter: createRedisStorage(new Redis(process.env.HOSTED_LOGIN_REDIS_URL)) })
 */
export function createRedisStorage(
  redis: Redis,
  { prefix = "lwl:oidc:" }: RedisStorageOptions = {}
): AdapterFactory {
  const grantKeyFor = (id: string) => `${prefix}grant:${id}`

  return (name: string): Adapter => {
    const keyFor = (id: string) => `${prefix}${name}:${id}`
    const uidKeyFor = (uid: string) => `${prefix}${name}:uid:${uid}`
    const userCodeKeyFor = (code: string) => `${prefix}${name}:userCode:${code}`

    async function find(id: string): Promise<AdapterPayload | undefined> {
      const key = keyFor(id)
      if (consumable.has(name)) {
        const { payload, consumed } = await redis.hgetall(key)
        if (!payload) return undefined
        const parsed = JSON.parse(payload) as AdapterPayload
        return consumed ? { ...parsed, consumed: Number(consumed) } : parsed
      }
      const payload = await redis.get(key)
      return payload ? (JSON.parse(payload) as AdapterPayload) : undefined
    }

    return {
      async upsert(id, payload, expiresIn) {
        const key = keyFor(id)
        const multi = redis.multi()
        if (consumable.has(name)) {
          multi.del(key)
          multi.hset(key, { payload: JSON.stringify(payload) })
        } else {
          multi.set(key, JSON.stringify(payload))
        }
        if (expiresIn) multi.expire(key, expiresIn)

        if (grantable.has(name) && payload.grantId) {
          const grantKey = grantKeyFor(payload.grantId)
          multi.rpush(grantKey, key)
          // The grant's list must live as long as its longest-lived member.
          const ttl = await redis.ttl(grantKey)
          if (expiresIn && expiresIn > ttl) multi.expire(grantKey, expiresIn)
        }
        if (payload.userCode) {
          const userCodeKey = userCodeKeyFor(payload.userCode)
          multi.set(userCodeKey, id)
          if (expiresIn) multi.expire(userCodeKey, expiresIn)
        }
        if (payload.uid) {
          const uidKey = uidKeyFor(payload.uid)
          multi.set(uidKey, id)
          if (expiresIn) multi.expire(uidKey, expiresIn)
        }
        await multi.exec()
      },
      find,
      async findByUid(uid) {
        const id = await redis.get(uidKeyFor(uid))
        return id ? find(id) : undefined
      },
      async findByUserCode(userCode) {
        const id = await redis.get(userCodeKeyFor(userCode))
        return id ? find(id) : undefined
      },
      async consume(id) {
        const key = keyFor(id)
        // Never create a stray hash (with no expiry) for a model that is already gone.
        if (await redis.exists(key))
          await redis.hset(key, "consumed", Math.floor(Date.now() / 1000))
      },
      async destroy(id) {
        await redis.del(keyFor(id))
      },
      async revokeByGrantId(grantId) {
        const grantKey = grantKeyFor(grantId)
        const keys = await redis.lrange(grantKey, 0, -1)
        await redis.del(...keys, grantKey)
      },
    }
  }
}
