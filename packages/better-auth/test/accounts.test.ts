/**
 * Who a Link sign-in becomes: users created or found by the Link-verified email, account linking
 * as the app's `account.accountLinking` allows it, `emailVerified` only when the app opts in,
 * and `disableSignUp`.
 */
import { describe, expect, it } from "vitest"
import { LOGIN_WITH_LINK_ERROR_CODES } from "../src/index.js"
import {
  app,
  type Db,
  json,
  post,
  sessionCookie,
  startFor,
  useLink,
} from "./harness.js"

const { link, sim } = useLink()

/** A user who signed up with a password long ago (no Link account). */
function existingUser(db: Db, emailVerified: boolean) {
  const user = {
    id: "existing-user",
    email: "jo@example.com",
    name: "Jo (password)",
    emailVerified,
    createdAt: new Date(),
    updatedAt: new Date(),
  }
  db.user!.push(user)
  db.account!.push({
    id: "credential-account",
    userId: user.id,
    providerId: "credential",
    accountId: user.id,
    password: "hash",
    createdAt: new Date(),
    updatedAt: new Date(),
  })
  return user
}

async function signIn(auth: ReturnType<typeof app>["auth"]) {
  const { challenge, code } = await startFor(auth, link)
  return post(auth, "/sign-in/link/verify", { challenge, code })
}

describe("emailVerified", () => {
  it("is false by default for a user Link signs up", async () => {
    const { auth, db } = app(link)
    const body = await json(await signIn(auth))
    expect(body.user.emailVerified).toBe(false)
    expect(db.user![0]).toMatchObject({ emailVerified: false })
  })

  it("is true when the app opts in", async () => {
    const { auth, db } = app(link, { emailVerified: true })
    const body = await json(await signIn(auth))
    expect(body.user.emailVerified).toBe(true)
    expect(db.user![0]).toMatchObject({ emailVerified: true })
  })
})

describe("an existing user who never used Link", () => {
  it("is not linked by default: ACCOUNT_NOT_LINKED, 403, no session, nothing changed", async () => {
    const { auth, db } = app(link)
    existingUser(db, true)
    const response = await signIn(auth)
    expect(response.status).toBe(403)
    expect(await json(response)).toEqual({
      code: "ACCOUNT_NOT_LINKED",
      message: LOGIN_WITH_LINK_ERROR_CODES.ACCOUNT_NOT_LINKED.message,
    })
    expect(sessionCookie(response)).toBeUndefined()
    expect(db.session).toHaveLength(0)
    expect(db.account!.map((a) => a.providerId)).toEqual(["credential"])
  })

  it("is not joined when the app only lists Link in trustedProviders: whoever puts the email on a Link account must not get the user", async () => {
    const logged: string[] = []
    const { auth, db } = app(
      link,
      {},
      {
        account: { accountLinking: { trustedProviders: ["link"] } },
        logger: {
          level: "debug",
          log: (_level, message) => void logged.push(message),
        },
      }
    )
    existingUser(db, true)
    const response = await signIn(auth)
    expect(response.status).toBe(403)
    expect((await json(response)).code).toBe("ACCOUNT_NOT_LINKED")
    expect(sessionCookie(response)).toBeUndefined()
    expect(db.session).toHaveLength(0)
    expect(db.account!.map((a) => a.providerId)).toEqual(["credential"])
    // No log line suggests the setting that would open the takeover.
    expect(logged.join("\n")).not.toMatch(/trustedProviders/)
  })

  it("is joined when the app takes Link's email as proven (emailVerified: true), as for a social provider", async () => {
    const { auth, db } = app(link, { emailVerified: true })
    const user = existingUser(db, true)
    const response = await signIn(auth)
    expect(response.status).toBe(200)
    expect((await json(response)).user).toMatchObject({
      id: user.id,
      name: "Jo (password)",
    })
    expect(sessionCookie(response)).toBeDefined()
    expect(db.account!.map((a) => [a.providerId, a.userId])).toEqual([
      ["credential", user.id],
      ["link", user.id],
    ])
    // And the next time, through the Link account.
    const again = await json(await signIn(auth))
    expect(again.user.id).toBe(user.id)
    expect(db.account).toHaveLength(2)
  })

  it("whose email is not verified is not joined, even with emailVerified: true (requireLocalEmailVerified)", async () => {
    const { auth, db } = app(link, { emailVerified: true })
    existingUser(db, false)
    expect((await json(await signIn(auth))).code).toBe("ACCOUNT_NOT_LINKED")
  })

  it("whose email is not verified is not joined with requireLocalEmailVerified: false unless Link's email is taken as proven", async () => {
    const { auth, db } = app(
      link,
      {},
      {
        account: {
          accountLinking: {
            trustedProviders: ["link"],
            requireLocalEmailVerified: false,
          },
        },
      }
    )
    existingUser(db, false)
    expect((await json(await signIn(auth))).code).toBe("ACCOUNT_NOT_LINKED")
    expect(db.account!.map((a) => a.providerId)).toEqual(["credential"])
  })

  it("whose email is not verified loses its unproven sessions and credentials when a Link sign-in verifies it (emailVerified: true, requireLocalEmailVerified: false)", async () => {
    const { auth, db } = app(
      link,
      { emailVerified: true },
      { account: { accountLinking: { requireLocalEmailVerified: false } } }
    )
    const user = existingUser(db, false)
    // Whoever pre-created the user (a password on someone else's email) is still signed in.
    db.session!.push({
      id: "pre-created-session",
      userId: user.id,
      token: "pre-created-token",
      expiresAt: new Date(Date.now() + 3_600_000),
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    const response = await signIn(auth)
    expect(response.status).toBe(200)
    expect((await json(response)).user).toMatchObject({
      id: user.id,
      emailVerified: true,
    })
    expect(db.user![0]).toMatchObject({ id: user.id, emailVerified: true })
    // The password and the old session are gone; only Link's account and the new session remain.
    expect(db.account!.map((a) => a.providerId)).toEqual(["link"])
    expect(db.session!.map((s) => s.id)).not.toContain("pre-created-session")
    expect(db.session).toHaveLength(1)
  })

  it("is never linked when linking is off (enabled: false, or disableImplicitLinking)", async () => {
    for (const accountLinking of [
      { enabled: false, trustedProviders: ["link"] },
      { disableImplicitLinking: true, trustedProviders: ["link"] },
    ]) {
      const { auth, db } = app(
        link,
        { emailVerified: true },
        { account: { accountLinking } }
      )
      existingUser(db, true)
      expect((await json(await signIn(auth))).code).toBe("ACCOUNT_NOT_LINKED")
      await sim.reset()
    }
  })

  it("records the providerId the app chose", async () => {
    const { auth, db } = app(link, {
      providerId: "stripe-link",
      emailVerified: true,
    })
    const user = existingUser(db, true)
    expect((await json(await signIn(auth))).user.id).toBe(user.id)
    expect(db.account!.at(-1)).toMatchObject({
      providerId: "stripe-link",
      accountId: "jo@example.com",
    })
  })

  it("gets Link's name when the app asks for updateUserInfoOnLink", async () => {
    const { auth, db } = app(
      link,
      { emailVerified: true },
      { account: { accountLinking: { updateUserInfoOnLink: true } } }
    )
    existingUser(db, true)
    expect((await json(await signIn(auth))).user.name).toBe("Jo Doe")
  })
})

describe("the same person on Link's OAuth path", () => {
  /** A user Link's OAuth provider created: one account, keyed on the Link id. */
  function oauthUser(db: Db, extra: Record<string, unknown>[] = []) {
    const user = {
      id: "oauth-user",
      email: "jo@example.com",
      name: "Jo (OAuth)",
      emailVerified: false,
      createdAt: new Date(),
      updatedAt: new Date(),
    }
    db.user!.push(user)
    for (const account of [
      { providerId: "link-oauth", accountId: "lnkusr_1" },
      ...extra,
    ]) {
      db.account!.push({
        id: `account-${db.account!.length}`,
        userId: user.id,
        ...account,
        createdAt: new Date(),
        updatedAt: new Date(),
      })
    }
    return user
  }

  it("is joined by the Link email while no code account is recorded, then through it", async () => {
    const { auth, db } = app(link)
    const user = oauthUser(db)
    const body = await json(await signIn(auth))
    expect(body.user.id).toBe(user.id)
    expect(db.account!.map((a) => [a.providerId, a.accountId])).toEqual([
      ["link-oauth", "lnkusr_1"],
      ["link", "jo@example.com"],
    ])
    expect((await json(await signIn(auth))).user.id).toBe(user.id)
    expect(db.user).toHaveLength(1)
  })

  it("is not joined when another provider also holds the user", async () => {
    const { auth, db } = app(link)
    oauthUser(db, [{ providerId: "credential", accountId: "oauth-user" }])
    expect((await json(await signIn(auth))).code).toBe("ACCOUNT_NOT_LINKED")
  })

  it("follows the app's oauthProviderId", async () => {
    const { auth, db } = app(link, { oauthProviderId: "stripe-link-oauth" })
    oauthUser(db)
    expect((await json(await signIn(auth))).code).toBe("ACCOUNT_NOT_LINKED")
  })
})

describe("disableSignUp", () => {
  it("SIGN_UP_DISABLED: 403 for an email with no user; existing users still sign in", async () => {
    const { auth, db } = app(link, { disableSignUp: true, emailVerified: true })
    const response = await signIn(auth)
    expect(response.status).toBe(403)
    expect((await json(response)).code).toBe("SIGN_UP_DISABLED")
    expect(db.user).toHaveLength(0)

    existingUser(db, true)
    expect((await signIn(auth)).status).toBe(200)
  })
})

it("a failed sign-in never reaches the database's users", async () => {
  const { auth, db } = app(link)
  const { challenge } = await startFor(auth, link)
  await post(auth, "/sign-in/link/verify", { challenge, code: "000001" })
  expect(db.user).toHaveLength(0)
  expect(db.session).toHaveLength(0)
})
