/** `GET /oauth/userinfo`: the profile, the Bearer access token, the stable Link id. */
import { beforeEach, describe, expect, test } from "vitest"
import { OAUTH_MESSAGES, linkUserId } from "../src/index.js"
import { oauthErrorOf, tokensFor, userinfo } from "./oauth-utils.js"
import { BASE, makeSimulator, postJson } from "./utils.js"

const sim = makeSimulator()
beforeEach(() => sim.reset())

async function profile(email = "jo@example.com") {
  const tokens = await tokensFor(sim, email)
  return (await (await userinfo(sim, tokens.access_token)).json()) as Record<
    string,
    unknown
  >
}

describe("userinfo", () => {
  test("a request without a token is 401 with a bare Bearer challenge", async () => {
    const res = await userinfo(sim, undefined)
    expect(res.status).toBe(401)
    expect(res.headers.get("www-authenticate")).toBe(
      'Bearer realm="api.link.com"'
    )
    expect(await oauthErrorOf(res)).toEqual({
      error: "invalid_token",
      error_description: OAUTH_MESSAGES.accessMissing,
    })
  })

  test("a made-up token is 401 invalid_token with the error in the challenge", async () => {
    const res = await userinfo(sim, "liwltoken_made_up")
    expect(res.status).toBe(401)
    expect(res.headers.get("www-authenticate")).toContain(
      'error="invalid_token"'
    )
  })

  test("a refresh token is not an access token", async () => {
    const tokens = await tokensFor(sim)
    expect((await userinfo(sim, tokens.refresh_token)).status).toBe(401)
  })

  test("the id is the same at every sign-in of a person", async () => {
    const first = await profile()
    const second = await profile()
    expect(first.id).toBe(second.id)
    expect(first.id).toBe(linkUserId("jo@example.com"))
  })

  test("two people have different ids", async () => {
    expect((await profile("jo@example.com")).id).not.toBe(
      (await profile("sam@example.com")).id
    )
  })

  test("a person whose email changes keeps their id", async () => {
    const before = await profile("jo@example.com")
    await postJson(sim, "/__control/people", {
      id: before.id,
      email: "jo.new@example.com",
      phone: "+353871234590",
      fullName: "Jo Doe",
    })
    const after = await profile("jo.new@example.com")
    expect(after.id).toBe(before.id)
    expect(after.email).toBe("jo.new@example.com")
    expect(sim.state.people.get("jo@example.com")).toBeUndefined()
  })

  test("a token issued before an email change reads the new email", async () => {
    const tokens = await tokensFor(sim)
    await postJson(sim, "/__control/people", {
      id: linkUserId("jo@example.com"),
      email: "jo.new@example.com",
      phone: "+353871234590",
    })
    const body = (await (await userinfo(sim, tokens.access_token)).json()) as {
      email: string
    }
    expect(body.email).toBe("jo.new@example.com")
  })

  test("a person without a saved name has null name fields", async () => {
    expect(await profile("alex@example.com")).toEqual({
      id: linkUserId("alex@example.com"),
      email: "alex@example.com",
      name: null,
      first_name: null,
      last_name: null,
      phone: "+447700900123",
    })
  })

  test("a grant without userinfo:read gets 403 insufficient_scope", async () => {
    const tokens = await tokensFor(sim, "jo@example.com", {
      scope: "payment_methods.agentic",
    })
    const res = await userinfo(sim, tokens.access_token)
    expect(res.status).toBe(403)
    expect(await oauthErrorOf(res)).toEqual({
      error: "insufficient_scope",
      error_description: OAUTH_MESSAGES.insufficientScope,
    })
  })

  test("a request with no scope gets userinfo:read", async () => {
    const tokens = await tokensFor(sim, "jo@example.com", { scope: undefined })
    expect(tokens.scope).toBe("userinfo:read")
  })

  test("userinfo answers no-store JSON", async () => {
    const tokens = await tokensFor(sim)
    const res = await userinfo(sim, tokens.access_token)
    expect(res.headers.get("content-type")).toContain("application/json")
    expect(res.headers.get("cache-control")).toBe("no-store")
  })

  test("POST on userinfo is a JSON 404", async () => {
    const res = await sim.fetch(
      new Request(`${BASE}/oauth/userinfo`, { method: "POST" })
    )
    expect(res.status).toBe(404)
  })
})

describe("an unexpected failure", () => {
  test("on an OAuth route is a JSON 500 server_error without a stack", async () => {
    const broken = makeSimulator()
    const tokens = await tokensFor(broken)
    broken.state.people.byId = () => {
      throw new Error("boom at /secret/path.ts:1")
    }
    const res = await userinfo(broken, tokens.access_token)
    expect(res.status).toBe(500)
    const text = await res.text()
    expect(text).not.toContain("boom")
    expect(JSON.parse(text)).toEqual({
      error: "server_error",
      error_description: OAUTH_MESSAGES.serverError,
    })
  })
})
