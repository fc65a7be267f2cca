/** Faults for every upstream failure an OAuth client must survive. */
import { beforeEach, describe, expect, test } from "vitest"
import {
  HTML_BODY,
  HOSTED_MESSAGES,
  MALFORMED_BODY,
  OAUTH_MESSAGES,
  linkUserId,
} from "../src/index.js"
import {
  authorizeGet,
  authorizeQuery,
  authorized,
  exchange,
  locationParams,
  oauthErrorOf,
  pkce,
  tokensFor,
  userinfo,
} from "./oauth-utils.js"
import { BASE, errorOf, makeSimulator, postJson } from "./utils.js"

const sim = makeSimulator()
beforeEach(() => sim.reset())

function inject(fault: Record<string, unknown>) {
  return postJson(sim, "/__control/faults", fault)
}

async function injected(fault: Record<string, unknown>) {
  const res = await inject(fault)
  if (res.status !== 201)
    throw new Error(`fault refused: ${res.status} ${await res.text()}`)
}

async function profileWith(fault: Record<string, unknown>) {
  const tokens = await tokensFor(sim)
  await injected({ route: "userinfo", ...fault })
  return userinfo(sim, tokens.access_token)
}

describe("OAuth faults", () => {
  test("an oauth_error fault makes the next token request fail with that RFC 6749 error", async () => {
    const { code, verifier } = await authorized(sim)
    await injected({
      route: "token",
      kind: "oauth_error",
      error: "invalid_client",
    })
    const res = await exchange(sim, code, verifier)
    expect(res.status).toBe(401)
    expect(await oauthErrorOf(res)).toEqual({
      error: "invalid_client",
      error_description: OAUTH_MESSAGES.injected,
    })
  })

  test("an oauth_error fault defaults to invalid_grant", async () => {
    const { code, verifier } = await authorized(sim)
    await injected({ route: "token", kind: "oauth_error" })
    const res = await exchange(sim, code, verifier)
    expect(res.status).toBe(400)
    expect((await oauthErrorOf(res)).error).toBe("invalid_grant")
  })

  test("a code is not spent by a request an oauth_error fault failed", async () => {
    const { code, verifier } = await authorized(sim)
    await injected({ route: "token", kind: "oauth_error" })
    await exchange(sim, code, verifier)
    expect((await exchange(sim, code, verifier)).status).toBe(200)
  })

  test("a 503 status fault on token is temporarily_unavailable with Retry-After", async () => {
    const { code, verifier } = await authorized(sim)
    await injected({
      route: "token",
      kind: "status",
      status: 503,
      retryAfter: 4,
    })
    const res = await exchange(sim, code, verifier)
    expect(res.status).toBe(503)
    expect(res.headers.get("retry-after")).toBe("4")
    expect((await oauthErrorOf(res)).error).toBe("temporarily_unavailable")
  })

  test("a 500 status fault on token is server_error", async () => {
    const { code, verifier } = await authorized(sim)
    await injected({ route: "token", kind: "status" })
    const res = await exchange(sim, code, verifier)
    expect(res.status).toBe(500)
    expect((await oauthErrorOf(res)).error).toBe("server_error")
  })

  test("a malformed fault on token answers JSON cut short", async () => {
    const { code, verifier } = await authorized(sim)
    await injected({ route: "token", kind: "malformed" })
    const res = await exchange(sim, code, verifier)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(MALFORMED_BODY)
  })

  test("an html fault on userinfo answers a 502 HTML page", async () => {
    const res = await profileWith({ kind: "html" })
    expect(res.status).toBe(502)
    expect(res.headers.get("content-type")).toContain("text/html")
    expect(await res.text()).toBe(HTML_BODY)
  })

  test("a latency fault on userinfo answers normally after the delay", async () => {
    const res = await profileWith({ kind: "latency", latencyMs: 20 })
    expect(res.status).toBe(200)
  })

  test("a latency fault on token ends when the client gives up", async () => {
    const { code, verifier } = await authorized(sim)
    await injected({ route: "token", kind: "latency", latencyMs: 60_000 })
    const controller = new AbortController()
    const pending = sim.fetch(
      new Request(`${BASE}/oauth/auth/token`, {
        method: "POST",
        signal: controller.signal,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ code, code_verifier: verifier }).toString(),
      })
    )
    controller.abort(new DOMException("gave up", "AbortError"))
    await expect(pending).rejects.toMatchObject({ name: "AbortError" })
  })

  test("a hang fault on userinfo never answers until the client gives up", async () => {
    const tokens = await tokensFor(sim)
    await injected({ route: "userinfo", kind: "hang" })
    const controller = new AbortController()
    const pending = sim.fetch(
      new Request(`${BASE}/oauth/userinfo`, {
        signal: controller.signal,
        headers: { authorization: `Bearer ${tokens.access_token}` },
      })
    )
    controller.abort(new DOMException("gave up", "AbortError"))
    await expect(pending).rejects.toMatchObject({ name: "AbortError" })
  })

  test("a no_email fault answers a profile without email", async () => {
    const body = (await (
      await profileWith({ kind: "no_email" })
    ).json()) as Record<string, unknown>
    expect(body).not.toHaveProperty("email")
    expect(body.id).toBe(linkUserId("jo@example.com"))
  })

  test("a no_id fault answers a profile without id", async () => {
    const body = (await (
      await profileWith({ kind: "no_id" })
    ).json()) as Record<string, unknown>
    expect(body).not.toHaveProperty("id")
    expect(body.email).toBe("jo@example.com")
  })

  test.each([
    ["an empty id", ""],
    ["a blank id", "   "],
    ["a numeric id", 12345],
    ["a null id", null],
  ])("a profile fault can answer %s", async (_, id) => {
    const body = (await (
      await profileWith({ kind: "profile", set: { id } })
    ).json()) as Record<string, unknown>
    expect(body.id).toBe(id)
  })

  test("a profile fault can leave out several fields", async () => {
    const body = (await (
      await profileWith({
        kind: "profile",
        omit: ["name", "first_name", "phone"],
      })
    ).json()) as Record<string, unknown>
    expect(Object.keys(body).sort()).toEqual(["email", "id", "last_name"])
  })

  test("an other_person fault answers for another person on Link", async () => {
    const body = (await (
      await profileWith({ kind: "other_person", email: "sam@example.com" })
    ).json()) as Record<string, unknown>
    expect(body).toMatchObject({
      id: linkUserId("sam@example.com"),
      email: "sam@example.com",
      name: "Sam Rivera",
    })
  })

  test("an other_person fault may name someone not on Link", async () => {
    const body = (await (
      await profileWith({ kind: "other_person", email: "mallory@example.com" })
    ).json()) as Record<string, unknown>
    expect(body).toMatchObject({
      id: linkUserId("mallory@example.com"),
      email: "mallory@example.com",
      phone: null,
    })
  })

  test("a userinfo fault applies to one request by default", async () => {
    const tokens = await tokensFor(sim)
    await injected({ route: "userinfo", kind: "no_email" })
    await userinfo(sim, tokens.access_token)
    const body = (await (await userinfo(sim, tokens.access_token)).json()) as {
      email?: string
    }
    expect(body.email).toBe("jo@example.com")
  })

  test("a userinfo fault still needs a valid access token", async () => {
    await injected({
      route: "userinfo",
      kind: "other_person",
      email: "sam@example.com",
    })
    expect((await userinfo(sim, "liwltoken_made_up")).status).toBe(401)
  })

  test("an access_denied fault sends the next authorization request back declined", async () => {
    await injected({ route: "authorize", kind: "access_denied" })
    const res = await authorizeGet(sim, authorizeQuery(pkce().challenge))
    expect(res.status).toBe(302)
    const params = locationParams(res)
    expect(params.get("error")).toBe("access_denied")
    expect(params.get("error_description")).toBe(
      OAUTH_MESSAGES.declinedInjected
    )
    expect(params.get("state")).toBe("state-123")
  })

  test("an access_denied fault never redirects to an unregistered redirect_uri", async () => {
    await injected({ route: "authorize", kind: "access_denied" })
    const res = await authorizeGet(
      sim,
      authorizeQuery(pkce().challenge, {
        redirect_uri: "https://evil.example/cb",
      })
    )
    expect(res.status).toBe(400)
    expect(res.headers.get("location")).toBeNull()
  })

  test("a status fault on the authorization endpoint shows an unavailable page", async () => {
    await injected({ route: "authorize", kind: "status", status: 503 })
    const res = await authorizeGet(sim, authorizeQuery(pkce().challenge))
    expect(res.status).toBe(503)
    expect(await res.text()).toContain(HOSTED_MESSAGES.unavailable)
  })

  test("an OAuth-only fault on another route is refused, naming the route", async () => {
    const res = await inject({ route: "token", kind: "no_email" })
    expect(res.status).toBe(400)
    expect((await errorOf(res)).error).toMatchObject({
      code: "parameter_invalid",
      param: "route",
      message: "A no_email fault applies only to route userinfo.",
    })
  })

  test("an OAuth-only fault cannot target every route", async () => {
    const res = await inject({ route: "*", kind: "oauth_error" })
    expect(res.status).toBe(400)
  })

  test("an other_person fault without an email is refused", async () => {
    const res = await inject({ route: "userinfo", kind: "other_person" })
    expect((await errorOf(res)).error.param).toBe("email")
  })

  test("OAuth calls are counted per route in stats", async () => {
    const tokens = await tokensFor(sim)
    await userinfo(sim, tokens.access_token)
    expect(sim.state.stats.calls).toMatchObject({
      authorize: 1,
      token: 1,
      revoke: 0,
      userinfo: 1,
    })
  })
})
