/**
 * Every route is behind a 16 KB body limit, before anything parses: the interaction pages and
 * oidc-provider's endpoints alike. 20 MB gets 413, with a Content-Length (at once) or chunked
 * (counted as it arrives), and memory stays flat. A chunked body that fits still works.
 */
import { describe, expect, test } from "vitest"
import { MAX_BODY_BYTES } from "../src/body-limit.js"
import {
  postChunked,
  postOversized,
  rssGrowthMb,
} from "../../../packages/simulator/test/oversized-body.js"
import {
  Browser,
  JO,
  SHOP,
  SHOP_CALLBACK,
  authorizationRequest,
  formAction,
  hidden,
  latestCode,
  signInThroughPages,
  useShopStack,
} from "./utils.js"

const stack = useShopStack()

/** A live interaction: its URL, and the cookie without which its POSTs are not even read. */
async function openInteraction() {
  const browser = new Browser()
  const { url } = await authorizationRequest(stack.config)
  const start = await browser.follow(url.href, stack.login.url)
  expect(start.response.status).toBe(200)
  await start.response.text()
  return { browser, url: start.url, cookie: browser.cookieHeader(start.url) }
}

const basic = `Basic ${Buffer.from(`${SHOP.client_id}:${SHOP.client_secret}`).toString("base64")}`

describe("a 20 MB body", () => {
  test.each([
    ["email", false],
    ["email", true],
    ["code", false],
    ["resend", true],
  ])(
    "to the interaction's /%s step (chunked: %s) gets 413 and memory stays flat",
    async (step, chunked) => {
      const interaction = await openInteraction()
      const { result, growthMb } = await rssGrowthMb(() =>
        postOversized(`${interaction.url}/${step}`, {
          chunked,
          headers: { cookie: interaction.cookie },
        })
      )
      expect(result.status).toBe(413)
      expect(result.headers["content-type"]).toMatch(/^text\/html/)
      expect(result.body).toContain("This request is too large")
      expect(result.headers.connection).toBe("close")
      expect(growthMb).toBeLessThan(16)
    }
  )

  test.each([false, true])(
    "to oidc-provider's token endpoint (chunked: %s) gets 413 as JSON",
    async (chunked) => {
      const { result, growthMb } = await rssGrowthMb(() =>
        postOversized(`${stack.login.url}/token`, {
          chunked,
          headers: { authorization: basic },
        })
      )
      expect(result.status).toBe(413)
      expect(JSON.parse(result.body)).toMatchObject({
        error: "invalid_request",
      })
      expect(growthMb).toBeLessThan(16)
    }
  )
})

describe("bodies that fit", () => {
  test("one byte over the limit is refused, the limit itself is read", async () => {
    const interaction = await openInteraction()
    const over = await postOversized(`${interaction.url}/email`, {
      total: MAX_BODY_BYTES + 1,
      headers: { cookie: interaction.cookie },
    })
    expect(over.status).toBe(413)
    const at = await postOversized(`${interaction.url}/email`, {
      total: MAX_BODY_BYTES,
      headers: { cookie: interaction.cookie },
    })
    // Read and parsed: the form has no email in it.
    expect(at.status).toBe(400)
    expect(at.body).toContain("Enter")
  })

  test("a chunked sign-in and a chunked code exchange work end to end", async () => {
    const request = await authorizationRequest(stack.config)
    const browser = new Browser()
    const start = await browser.follow(request.url.href, stack.login.url)
    await start.response.text()
    const cookie = browser.cookieHeader(start.url)
    const emailStep = await postChunked(
      `${start.url}/email`,
      new URLSearchParams({ email: JO }).toString(),
      { "content-type": "application/x-www-form-urlencoded", cookie }
    )
    expect(emailStep.status).toBe(200)
    const codeStep = await postChunked(
      new URL(formAction(emailStep.body, "Verify"), stack.login.url).href,
      new URLSearchParams({
        challenge: hidden(emailStep.body, "challenge"),
        code: await latestCode(stack.link, JO),
      }).toString(),
      { "content-type": "application/x-www-form-urlencoded", cookie }
    )
    expect(codeStep.status).toBe(303)
    // Back through oidc-provider's resume with the browser's cookies, to the shop's callback.
    const done = await browser.follow(
      new URL(codeStep.headers.location!, stack.login.url).href,
      stack.login.url
    )
    const callback = new URL(done.url)
    const code = callback.searchParams.get("code")!
    expect(code).toBeTruthy()

    const token = await postChunked(
      `${stack.login.url}/token`,
      new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: SHOP_CALLBACK,
        code_verifier: request.verifier,
      }).toString(),
      {
        "content-type": "application/x-www-form-urlencoded",
        authorization: basic,
      }
    )
    expect(token.status).toBe(200)
    expect(JSON.parse(token.body)).toHaveProperty("id_token")
  })

  test("the ordinary sign-in still works", async () => {
    const request = await authorizationRequest(stack.config)
    const callback = await signInThroughPages(stack, new Browser(), request.url)
    expect(callback.searchParams.get("code")).toBeTruthy()
  })
})
