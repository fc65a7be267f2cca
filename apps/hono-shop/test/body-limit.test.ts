/**
 * Request bodies are bounded before anything reads them: 20 MB gets 413, with or without a
 * Content-Length, and the process's memory stays flat.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import {
  TWENTY_MB,
  postOversized,
  rssGrowthMb,
} from "../../../packages/simulator/test/oversized-body.js"
import { MAX_BODY_BYTES } from "../src/app.js"
import { startShopStack, type ShopStack } from "./utils.js"

let stack: ShopStack

beforeAll(async () => {
  stack = await startShopStack()
})
afterAll(async () => {
  await stack?.close()
})

describe("request bodies", () => {
  test.each([
    ["with a Content-Length", false],
    ["chunked (no length: bytes are counted)", true],
  ])("20 MB %s get 413 and memory stays flat", async (_label, chunked) => {
    const { result, growthMb } = await rssGrowthMb(() =>
      postOversized(`${stack.shop.url}/logout`, {
        chunked,
        headers: { origin: stack.shop.url },
      })
    )
    expect(result.status).toBe(413)
    expect(result.body).toContain("Request too large")
    expect(result.headers.connection).toBe("close")
    expect(growthMb).toBeLessThan(16)
    // The answer came before the whole body was read.
    expect(result.sent).toBeLessThanOrEqual(TWENTY_MB)
  })

  test("every route is covered, not only the forms", async () => {
    const answer = await postOversized(`${stack.shop.url}/`, {
      total: MAX_BODY_BYTES + 1,
    })
    expect(answer.status).toBe(413)
  })

  test("a body at the limit is still served", async () => {
    const answer = await postOversized(`${stack.shop.url}/logout`, {
      total: MAX_BODY_BYTES,
      headers: { origin: stack.shop.url },
    })
    expect(answer.status).toBe(303)
  })
})
