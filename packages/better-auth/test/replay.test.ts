/**
 * Replay: one challenge signs in at most once, even when Link accepts a spent client_secret again
 * (the simulator's `accept_spent` fault). The core's once store keeps the finished session in
 * better-auth's verification table, or in its secondary storage when the app has one, so every
 * instance of the app refuses it.
 */
import { memoryAdapter } from "better-auth/adapters/memory"
import { describe, expect, it } from "vitest"
import {
  app,
  type Db,
  json,
  post,
  sessionCookie,
  startFor,
  useLink,
} from "./harness.js"
import { memoryStorage } from "./memory-storage.js"

const { link, sim } = useLink()

describe.each([
  ["the verification table", () => ({})],
  ["secondary storage", () => ({ secondaryStorage: memoryStorage() })],
])("with %s", (_, options) => {
  it("a finished challenge is refused as expired, without calling Link, even if Link would accept it", async () => {
    const { auth, db } = app(link, {}, options())
    const { challenge, code } = await startFor(auth, link)
    const first = await post(auth, "/sign-in/link/verify", { challenge, code })
    expect(first.status).toBe(200)

    await sim.fault({ route: "authenticate", kind: "accept_spent", count: 5 })
    const calls = await sim.calls()
    const replayed = await post(auth, "/sign-in/link/verify", {
      challenge,
      code,
    })
    expect(replayed.status).toBe(401)
    expect((await json(replayed)).code).toBe("CHALLENGE_EXPIRED")
    expect(sessionCookie(replayed)).toBeUndefined()
    expect(await sim.calls()).toBe(calls)
    // (With secondary storage, better-auth keeps sessions there rather than in the table.)
    if (!("secondaryStorage" in options())) expect(db.session).toHaveLength(1)
  })

  it("concurrent verifies of one challenge that Link both accepts give one session", async () => {
    const { auth } = app(link, {}, options())
    const { challenge, code } = await startFor(auth, link)
    await sim.fault({ route: "authenticate", kind: "accept_spent", count: 5 })
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        post(auth, "/sign-in/link/verify", { challenge, code })
      )
    )
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401, 401, 401])
    for (const answer of answers.filter((r) => r.status !== 200)) {
      expect((await json(answer)).code).toBe("CHALLENGE_EXPIRED")
    }
  })
})

describe.each([
  [
    "one database",
    () => {
      const db: Db = { user: [], session: [], account: [], verification: [] }
      return () => ({ database: memoryAdapter(db) })
    },
  ],
  [
    "one secondary storage",
    () => {
      const storage = memoryStorage()
      return () => ({ secondaryStorage: storage })
    },
  ],
])("two instances of the app on %s", (_, shared) => {
  it("a challenge finished on one is refused on the other, though Link accepts it", async () => {
    const options = shared()
    const one = app(link, {}, options())
    const two = app(link, {}, options())
    const { challenge, code } = await startFor(one.auth, link)
    const first = await post(one.auth, "/sign-in/link/verify", {
      challenge,
      code,
    })
    expect(first.status).toBe(200)
    await sim.fault({ route: "authenticate", kind: "accept_spent", count: 5 })
    const replayed = await post(two.auth, "/sign-in/link/verify", {
      challenge,
      code,
    })
    expect(replayed.status).toBe(401)
    expect((await json(replayed)).code).toBe("CHALLENGE_EXPIRED")
    expect(sessionCookie(replayed)).toBeUndefined()
  })
})

it("without the guard the fault would sign in twice: the test's fault is real", async () => {
  // The same replay straight to the simulator's API succeeds: only the plugin stops it.
  const { auth } = app(link)
  await startFor(auth, link)
  const sessions = (await (
    await fetch(`${link.url}/__control/sessions`)
  ).json()) as { sessions: { clientSecret: string; email: string }[] }
  const { clientSecret, email } = sessions.sessions[0]!
  const code = await sim.code(email)
  const authenticate = () =>
    fetch(`${link.apiUrl}/authenticate`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_secret: clientSecret, email, code }),
    })
  expect((await authenticate()).status).toBe(200)
  await sim.fault({ route: "authenticate", kind: "accept_spent", count: 1 })
  expect((await authenticate()).status).toBe(200)
})
