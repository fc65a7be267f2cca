/**
 * In-memory storage for oidc-provider models: for development and a single instance only.
 *
 * Everything is lost on restart and nothing is shared between processes; use the Redis adapter
 * (./redis.ts) when you run more than one instance.
 * @module
 */
import type { Adapter, AdapterFactory, AdapterPayload } from "oidc-provider"

const SWEEP_EVERY = 1000

interface Entry {
  payload: AdapterPayload
  expiresAt: number | undefined
}

/**
 * Creates an adapter factory whose models share one in-memory store.
 *
 * @example
 * new Provider(issuer, { adapter: createMemoryStorage() })
 */
export function createMemoryStorage(
  now: () => number = Date.now
): AdapterFactory {
  const entries = new Map<string, Entry>()
  const index = new Map<string, string>()
  const grants = new Map<string, Set<string>>()

  function read(key: string): AdapterPayload | undefined {
    const entry = entries.get(key)
    if (!entry) return undefined
    if (entry.expiresAt !== undefined && entry.expiresAt <= now()) {
      entries.delete(key)
      return undefined
    }
    return entry.payload
  }

  // Expired entries are dropped when read, and swept every SWEEP_EVERY writes.
  let writes = 0
  function sweep() {
    const time = now()
    for (const [key, entry] of entries)
      if (entry.expiresAt !== undefined && entry.expiresAt <= time)
        entries.delete(key)
    for (const [key, id] of index) {
      const name = key.slice(0, key.indexOf(":"))
      if (!entries.has(`${name}:${id}`)) index.delete(key)
    }
    for (const [grantId, members] of grants) {
      for (const key of members) if (!entries.has(key)) members.delete(key)
      if (members.size === 0) grants.delete(grantId)
    }
  }

  return (name: string): Adapter => {
    const keyFor = (id: string) => `${name}:${id}`
    return {
      async upsert(id, payload, expiresIn) {
        if (++writes % SWEEP_EVERY === 0) sweep()
        const key = keyFor(id)
        const expiresAt = expiresIn ? now() + expiresIn * 1000 : undefined
        entries.set(key, { payload: structuredClone(payload), expiresAt })
        if (payload.grantId) {
          const members = grants.get(payload.grantId) ?? new Set<string>()
          grants.set(payload.grantId, members.add(key))
        }
        if (payload.uid) index.set(`${name}:uid:${payload.uid}`, id)
        if (payload.userCode)
          index.set(`${name}:userCode:${payload.userCode}`, id)
      },
      async find(id) {
        const payload = read(keyFor(id))
        return payload ? structuredClone(payload) : undefined
      },
      async findByUid(uid) {
        const id = index.get(`${name}:uid:${uid}`)
        return id === undefined ? undefined : this.find(id)
      },
      async findByUserCode(userCode) {
        const id = index.get(`${name}:userCode:${userCode}`)
        return id === undefined ? undefined : this.find(id)
      },
      async consume(id) {
        const entry = entries.get(keyFor(id))
        if (entry) entry.payload.consumed = Math.floor(now() / 1000)
      },
      async destroy(id) {
        entries.delete(keyFor(id))
      },
      async revokeByGrantId(grantId) {
        for (const key of grants.get(grantId) ?? []) entries.delete(key)
        grants.delete(grantId)
      },
    }
  }
}
