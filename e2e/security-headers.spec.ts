// Security journey: every response carries a strict Content-Security-Policy (nonces, no inline
// script, no framing) and the other security headers, HSTS included, as `next start` serves them.
import { expect, test } from "./fixtures"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { shopOrigin } from "./security-helpers"

function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>()
  for (const part of csp.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/)
    if (name) map.set(name.toLowerCase(), values)
  }
  return map
}

const PAGES = ["/", "/login", "/cart", "/login?callbackUrl=%2Fcheckout"]

test("every page has a strict CSP with a fresh nonce, and the security headers", async ({
  request,
}) => {
  const nonces = new Set<string>()
  for (const path of PAGES) {
    await test.step(path, async () => {
      const response = await request.get(path, { maxRedirects: 0 })
      expect(response.status()).toBe(200)
      const headers = response.headers()
      const csp = directives(headers["content-security-policy"] ?? "")
      expect(csp.get("default-src")).toEqual(["'self'"])
      const scripts = csp.get("script-src") ?? []
      const nonce = scripts.find((s) => s.startsWith("'nonce-"))
      expect(nonce, "script-src has a nonce").toBeTruthy()
      nonces.add(nonce!)
      expect(scripts).toContain("'strict-dynamic'")
      expect(scripts).not.toContain("'unsafe-inline'")
      expect(scripts).not.toContain("'unsafe-eval'")
      expect(csp.get("style-src") ?? []).not.toContain("'unsafe-inline'")
      expect(csp.get("object-src")).toEqual(["'none'"])
      expect(csp.get("base-uri")).toEqual(["'self'"])
      expect(csp.get("form-action")).toEqual(["'self'"])
      expect(csp.get("frame-ancestors")).toEqual(["'none'"])
      expect(headers["x-frame-options"]).toBe("DENY")
      expect(headers["x-content-type-options"]).toBe("nosniff")
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin")
      const hsts = headers["strict-transport-security"] ?? ""
      expect(hsts).toMatch(/max-age=(\d+)/)
      expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(
        31_536_000
      )
      expect(hsts).toContain("includeSubDomains")
      expect(headers["x-powered-by"]).toBeUndefined()
      // The nonce is on the page's scripts, and no script runs without it.
      const html = await response.text()
      expect(html).toContain(`nonce="${nonce!.slice(7, -1)}"`)
    })
  }
  expect(nonces.size, "a new nonce per response").toBe(PAGES.length)
})

test("the Auth.js endpoints send the security headers too", async ({
  request,
}) => {
  const response = await request.get("/api/auth/session")
  expect(response.status()).toBe(200)
  const headers = response.headers()
  expect(headers["x-content-type-options"]).toBe("nosniff")
  expect(headers["strict-transport-security"]).toMatch(/max-age=\d+/)
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin")
})

test("another origin cannot frame the shop (frame-ancestors 'none')", async ({
  browser,
}) => {
  // A real page on another origin of this machine (Chrome keeps public sites from framing local
  // addresses at all, which would hide what the shop itself does).
  const framing = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" })
    response.end(
      `<!doctype html><title>Framed</title><iframe title="shop" src="${shopOrigin()}/login" width="600" height="400"></iframe>`
    )
  })
  await new Promise<void>((resolve) => framing.listen(0, "127.0.0.1", resolve))
  const { port } = framing.address() as AddressInfo
  // A context of its own: the browser's CSP report for the blocked frame is the expected outcome
  // here, not a violation by the shop's own pages.
  const context = await browser.newContext()
  const page = await context.newPage()
  const blocked: string[] = []
  page.on("console", (message) => {
    if (/frame-ancestors/.test(message.text())) blocked.push(message.text())
  })
  const shopAnswer = page.waitForResponse((response) =>
    response.url().startsWith(`${shopOrigin()}/login`)
  )
  await page.goto(`http://127.0.0.1:${port}/`)
  const response = await shopAnswer
  expect(response.headers()["content-security-policy"]).toContain(
    "frame-ancestors 'none'"
  )
  await expect.poll(() => blocked.length).toBeGreaterThan(0)
  // The shop's page never renders inside the other origin.
  const frame = page.frames().find((f) => f !== page.mainFrame())
  expect(frame ? await frame.locator("input[name=email]").count() : 0).toBe(0)
  await context.close()
  await new Promise((resolve) => framing.close(resolve))
})
