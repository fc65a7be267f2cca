/** Which OAuth clients a simulator has: the dev client, options, env and the seed file. */
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, test } from "vitest"
import {
  DEV_CLIENT_ID,
  DEV_CLIENT_SECRET,
  redirectUriMatches,
} from "../src/index.js"
import { authorizeGet, authorizeQuery, pkce } from "./oauth-utils.js"
import { makeSimulator } from "./utils.js"

function seedFile(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), "link-sim-")), "seed.json")
  writeFileSync(path, JSON.stringify(content))
  return path
}

const SHOP = {
  client_id: "shop_env",
  client_secret: "env_secret_123",
  redirect_uris: ["https://shop.example/api/auth/callback/link-oauth"],
}

describe("OAuth clients", () => {
  test("the dev client is registered by default", () => {
    const client = makeSimulator().state.oauthClients.get(DEV_CLIENT_ID)
    expect(client?.clientSecret).toBe(DEV_CLIENT_SECRET)
    expect(client?.publishableKey).toBeUndefined()
  })

  test.each([
    "http://localhost:3000/api/auth/callback/link-oauth",
    "http://127.0.0.1:3100/api/auth/callback/link-oauth",
    "http://localhost:3300/api/auth/oauth2/callback/link",
    "http://localhost:3300/api/auth/callback/link",
    "http://localhost:3200/callback",
  ])("the dev client accepts the shop callback %s", (uri) => {
    const client = makeSimulator().state.oauthClients.get(DEV_CLIENT_ID)
    expect(client?.redirectUris.some((r) => redirectUriMatches(r, uri))).toBe(
      true
    )
  })

  test("LINK_SIM_OAUTH_DEV_CLIENT=0 leaves the dev client out", () => {
    const sim = makeSimulator({ env: { LINK_SIM_OAUTH_DEV_CLIENT: "0" } })
    expect(sim.state.oauthClients.get(DEV_CLIENT_ID)).toBeUndefined()
  })

  test("LINK_SIM_OAUTH_REDIRECT_URIS adds redirect URIs to the dev client", async () => {
    const sim = makeSimulator({
      env: { LINK_SIM_OAUTH_REDIRECT_URIS: "http://localhost:*/auth/done" },
    })
    const res = await authorizeGet(
      sim,
      authorizeQuery(pkce().challenge, {
        redirect_uri: "http://localhost:8080/auth/done",
      })
    )
    expect(res.status).toBe(200)
  })

  test("LINK_SIM_OAUTH_CLIENTS registers clients from JSON", async () => {
    const sim = makeSimulator({
      env: { LINK_SIM_OAUTH_CLIENTS: JSON.stringify([SHOP]) },
    })
    const res = await authorizeGet(
      sim,
      authorizeQuery(pkce().challenge, {
        client_id: "shop_env",
        redirect_uri: SHOP.redirect_uris[0],
      })
    )
    expect(res.status).toBe(200)
  })

  test("LINK_SIM_OAUTH_CLIENTS that is not JSON fails at start, naming the variable", () => {
    expect(() =>
      makeSimulator({ env: { LINK_SIM_OAUTH_CLIENTS: "[{" } })
    ).toThrow("LINK_SIM_OAUTH_CLIENTS is not JSON")
  })

  test("a client without a secret fails at start, naming the entry and the field", () => {
    const { client_secret: _, ...noSecret } = SHOP
    expect(() =>
      makeSimulator({
        env: { LINK_SIM_OAUTH_CLIENTS: JSON.stringify([noSecret]) },
      })
    ).toThrow("LINK_SIM_OAUTH_CLIENTS[0]: client_secret")
  })

  test("a redirect URI with a fragment fails at start", () => {
    expect(() =>
      makeSimulator({
        env: {
          LINK_SIM_OAUTH_CLIENTS: JSON.stringify([
            { ...SHOP, redirect_uris: ["https://shop.example/cb#x"] },
          ]),
        },
      })
    ).toThrow("must not have a fragment")
  })

  test("a wildcard port on a host that is not loopback fails at start", () => {
    expect(() =>
      makeSimulator({
        env: { LINK_SIM_OAUTH_REDIRECT_URIS: "https://shop.example:*/cb" },
      })
    ).toThrow("may use the port * only on")
  })

  test("a client_id registered twice fails at start", () => {
    expect(() =>
      makeSimulator({
        env: { LINK_SIM_OAUTH_CLIENTS: JSON.stringify([SHOP, SHOP]) },
      })
    ).toThrow('client_id "shop_env" is registered twice')
  })

  test("a seed file may hold people and OAuth clients", () => {
    const path = seedFile({
      people: [{ email: "pat@example.com", phone: "+33612345678" }],
      oauthClients: [SHOP],
    })
    const sim = makeSimulator({ env: { LINK_SIM_SEED: path } })
    expect(sim.state.people.get("pat@example.com")).toBeDefined()
    expect(sim.state.oauthClients.get("shop_env")).toBeDefined()
  })

  test("a seed file's person may carry their Link id", () => {
    const path = seedFile([
      { id: "usr_pat", email: "pat@example.com", phone: "+33612345678" },
    ])
    const sim = makeSimulator({ env: { LINK_SIM_SEED: path } })
    expect(sim.state.people.get("pat@example.com")?.id).toBe("usr_pat")
  })

  test("a seed file object with other keys fails at start", () => {
    const path = seedFile({ persons: [] })
    expect(() => makeSimulator({ env: { LINK_SIM_SEED: path } })).toThrow(
      "must hold a JSON array of people, or an object"
    )
  })
})

describe("redirect URI matching", () => {
  test("the same string matches", () => {
    expect(
      redirectUriMatches("https://a.example/cb", "https://a.example/cb")
    ).toBe(true)
  })

  test("a case difference does not match", () => {
    expect(
      redirectUriMatches("https://a.example/cb", "https://a.example/CB")
    ).toBe(false)
  })

  test("a loopback wildcard needs a port", () => {
    expect(
      redirectUriMatches("http://localhost:*/cb", "http://localhost/cb")
    ).toBe(false)
  })

  test("a loopback wildcard does not match port 0 or a port past 65535", () => {
    expect(
      redirectUriMatches("http://localhost:*/cb", "http://localhost:0/cb")
    ).toBe(false)
    expect(
      redirectUriMatches("http://localhost:*/cb", "http://localhost:70000/cb")
    ).toBe(false)
  })

  test("a loopback wildcard keeps the path exact", () => {
    expect(
      redirectUriMatches("http://localhost:*/cb", "http://localhost:3000/cb/x")
    ).toBe(false)
  })
})
