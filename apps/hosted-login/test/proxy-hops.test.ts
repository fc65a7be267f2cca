/**
 * The client IP behind proxies: with `trustProxy`, the page takes the `X-Forwarded-For` entry the
 * outermost of `proxyHops` proxies appended, so people behind one CDN edge do not share one
 * limit, and a client cannot pick its IP by writing the header itself.
 */
import { expect, test } from "vitest"
import { useSimulator } from "@login-with-link/test-helpers/link"
import {
  DEFAULT_RATE_LIMITS,
  MemoryRateLimiter,
  linkErrorCopy,
} from "@login-with-link/core"
import {
  Browser,
  alertText,
  authorizationRequest,
  discover,
  formAction,
  startStack,
  type Stack,
} from "./utils.js"

/** The CDN edge's address: the load balancer appends it to every request the edge forwards. */
const EDGE = "203.0.113.50"

const link = useSimulator({ maxSendsPerHour: 1000, reset: false })

/** A stack whose Link steps allow one lookup per client IP. */
async function stackBehindProxies(proxyHops: number | undefined) {
  return startStack({
    link,
    hosted: {
      trustProxy: true,
      ...(proxyHops === undefined ? {} : { proxyHops }),
      link: {
        publishableKey: "pk_test_hosted_login",
        apiUrl: link.apiUrl,
        rateLimit: new MemoryRateLimiter(),
        rateLimits: {
          ...DEFAULT_RATE_LIMITS,
          lookupPerIp: { points: 1, windowMs: 10 * 60_000 },
        },
      },
    },
  })
}

/** Submits an email on a fresh interaction, as a browser whose request carries `forwardedFor`. */
async function submitEmail(stack: Stack, forwardedFor: string, email: string) {
  const browser = new Browser({ headers: { "x-forwarded-for": forwardedFor } })
  const { url } = await authorizationRequest(await discover(stack.login.url))
  const start = await browser.follow(url.href, stack.login.url)
  const page = await start.response.text()
  const step = await browser.post(
    new URL(formAction(page, "Continue"), stack.login.url).href,
    stack.login.url,
    { email }
  )
  return { status: step.response.status, page: await step.response.text() }
}

test("behind a CDN and a load balancer (proxyHops: 2), two people on one edge have a limit each", async () => {
  const stack = await stackBehindProxies(2)
  try {
    const first = await submitEmail(
      stack,
      `198.51.100.1, ${EDGE}`,
      "jo@example.com"
    )
    expect(first.status).toBe(200)
    // The same person again: their own per-IP limit.
    const again = await submitEmail(
      stack,
      `198.51.100.1, ${EDGE}`,
      "sam@example.com"
    )
    expect(again.status).toBe(429)
    expect(alertText(again.page)).toContain(linkErrorCopy.rate_limited.message)
    // Someone else behind the same edge is not limited by them.
    const other = await submitEmail(
      stack,
      `198.51.100.2, ${EDGE}`,
      "alex@example.com"
    )
    expect(other.status).toBe(200)
  } finally {
    await stack.close()
  }
  expect(stack.errors).toEqual([])
})

test("an entry the client wrote in front of the real ones does not choose its IP", async () => {
  const stack = await stackBehindProxies(2)
  try {
    expect(
      (await submitEmail(stack, `198.51.100.1, ${EDGE}`, "jo@example.com"))
        .status
    ).toBe(200)
    // The same client, posing as 192.0.2.9 with an entry of its own: still 198.51.100.1.
    const spoofed = await submitEmail(
      stack,
      `192.0.2.9, 198.51.100.1, ${EDGE}`,
      "sam@example.com"
    )
    expect(spoofed.status).toBe(429)
  } finally {
    await stack.close()
  }
})

test("one proxy by default: the right-most entry is the client", async () => {
  const stack = await stackBehindProxies(undefined)
  try {
    expect(
      (await submitEmail(stack, "198.51.100.1", "jo@example.com")).status
    ).toBe(200)
    expect(
      (await submitEmail(stack, "192.0.2.9, 198.51.100.1", "sam@example.com"))
        .status
    ).toBe(429)
    expect(
      (await submitEmail(stack, "198.51.100.2", "alex@example.com")).status
    ).toBe(200)
  } finally {
    await stack.close()
  }
})

test("a proxied request with fewer entries than proxyHops has no client IP, and the first one is logged", async () => {
  const stack = await stackBehindProxies(2)
  try {
    // Without an IP the per-IP limit does not apply: both lookups go through.
    expect((await submitEmail(stack, EDGE, "jo@example.com")).status).toBe(200)
    expect((await submitEmail(stack, EDGE, "sam@example.com")).status).toBe(200)
  } finally {
    await stack.close()
  }
  expect(stack.errors).toEqual([])
  expect(stack.warnings).toHaveLength(1)
  expect(stack.warnings[0]).toContain("HOSTED_LOGIN_PROXY_HOPS")
})
