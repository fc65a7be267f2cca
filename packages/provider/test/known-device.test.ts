/**
 * Known devices through the provider: `authorize()` reads the browser's known-device cookie from
 * Auth.js's request at a start, so that a stranger who locks a person's email (wrong codes) does
 * not lock the person out of the browser where they signed in before. Only a token sealed for the
 * same email counts; any other cookie, and any header a client makes up, leaves the lock as it is
 * and never makes `authorize()` fail. Through `authorize()` and through Auth.js's own `Auth()`,
 * against the in-process simulator.
 */
import { Auth } from "@auth/core"
import { beforeEach, describe, expect, it } from "vitest"
import { createSimulator, type Simulator } from "@login-with-link/simulator"
import { authorizeOf } from "@login-with-link/test-helpers"
import {
  createLinkSignIn,
  MemoryRateLimiter,
  type LoginWithLinkOptions,
} from "@login-with-link/core"
import { LinkCodeSent } from "../src/outcome-errors.js"
import { LoginWithLink } from "../src/provider.js"
import {
  authRequest,
  rejection,
  TEST_KEY,
  TEST_SECRET,
} from "@login-with-link/test-helpers/link"

/** The simulator, its own send cap out of the way (a test starts the same email many times). */
let sim: Simulator
beforeEach(() => {
  sim = createSimulator({ quiet: true, env: {}, maxSendsPerHour: 1_000 })
})

const JO = "jo@example.com"
const SAM = "sam@example.com"

/** The provider under test, with a failure lock after 3 wrong codes; and the app's own steps. */
function setup(options: LoginWithLinkOptions = {}) {
  const shared: LoginWithLinkOptions = {
    publishableKey: TEST_KEY,
    apiUrl: "http://link.localhost/api",
    secret: TEST_SECRET,
    fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
      sim.fetch(new Request(input, init))) as typeof fetch,
    rateLimit: new MemoryRateLimiter(),
    resendCooldown: 0,
    rateLimits: {
      failuresPerEmail: { points: 3, windowMs: 6 * 3_600_000 },
      // Out of the way of the many starts below: the lock is what is tested.
      lookupPerEmail: { points: 100, windowMs: 600_000 },
      sendPerEmail: { points: 100, windowMs: 3_600_000 },
    },
    ...options,
  }
  const provider = LoginWithLink(shared)
  return {
    provider,
    authorize: authorizeOf(provider),
    /** What an app keeps in the cookie after `email` signed in (the same options' token). */
    device: (email: string) => createLinkSignIn(shared).knownDevice(email),
  }
}

type Setup = ReturnType<typeof setup>

const withCookie = (cookie?: string) =>
  authRequest(cookie === undefined ? {} : { cookie })

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return String(((await rejection(promise)) as { code?: unknown }).code)
}

async function started(
  { authorize }: Setup,
  email: string,
  cookie?: string
): Promise<LinkCodeSent> {
  const error = await rejection(authorize({ email }, withCookie(cookie)))
  expect(error).toBeInstanceOf(LinkCodeSent)
  return error as LinkCodeSent
}

const latestCode = (email = JO) => sim.state.outbox.latestCode(email)!
const wrongCode = (email = JO) =>
  latestCode(email) === "111111" ? "222222" : "111111"

/** A stranger (no cookie) types three wrong codes for `email`: its shared key is locked. */
async function strangerLocks(link: Setup, email = JO): Promise<void> {
  const { challenge } = await started(link, email)
  for (let i = 0; i < 3; i++)
    await codeOf(
      link.authorize({ challenge, code: wrongCode(email) }, withCookie())
    )
  expect(await codeOf(link.authorize({ email }, withCookie()))).toBe(
    "too_many_attempts"
  )
}

describe("a start from a browser with a known-device cookie", () => {
  it.each([
    ["over HTTPS", "__Host-link_device"],
    ["over plain HTTP", "link_device"],
  ])(
    "%s (%s): a stranger's lock does not stop the person; the code is sent and signs in",
    async (_, name) => {
      const link = setup()
      const token = await link.device(JO)
      await strangerLocks(link)
      const cookie = `authjs.csrf-token=abc; ${name}=${token}; theme=dark`
      const { challenge } = await started(link, JO, cookie)
      const user = await link.authorize(
        { challenge, code: latestCode() },
        withCookie(cookie)
      )
      expect(user).toMatchObject({ email: JO })
      // Without the cookie (the stranger, another browser) the email stays locked.
      expect(await codeOf(link.authorize({ email: JO }, withCookie()))).toBe(
        "too_many_attempts"
      )
    }
  )

  it("a cookie for another email, garbage or an oversized one leaves the email locked", async () => {
    const link = setup()
    const jos = await link.device(JO)
    const sams = await link.device(SAM)
    await strangerLocks(link)
    for (const cookie of [
      `__Host-link_device=${sams}`,
      `link_device=${sams}`,
      "__Host-link_device=garbage",
      `__Host-link_device=${jos!.slice(0, -4)}AAAA`,
      `__Host-link_device=${"A".repeat(5_000)}`,
      `__Host-link_device=${jos}${"A".repeat(1_100)}`,
      // The prefixed cookie wins: over HTTPS a subdomain can set the other name, not this one.
      `__Host-link_device=garbage; link_device=${jos}`,
      // A name that only looks like it.
      `x__Host-link_device=${jos}`,
      `link_device_x=${jos}`,
    ])
      expect(
        await codeOf(link.authorize({ email: JO }, withCookie(cookie)))
      ).toBe("too_many_attempts")
    // While Jo's own token, in the same browser, still opens Jo's lock.
    await started(link, JO, `__Host-link_device=${jos}`)
  })

  it("a hostile Cookie header never throws or hides the answer; the device's token still reads past junk", async () => {
    const link = setup()
    const token = await link.device(JO)
    await strangerLocks(link)
    const junk = [
      "",
      ";;;;",
      "=",
      "==;=;",
      "link_device",
      "link_device=",
      "__Host-link_device=",
      '__Host-link_device=""',
      "__Host-link_device=%E0%A4%A",
      "__Host-link_device=%",
      "link_device=\xff\xfe\x7f",
      `a=${"%".repeat(10_000)}`,
      "x=y;".repeat(20_000),
      `${"k".repeat(70_000)}=v`,
      `${";".repeat(60_000)}=`,
    ]
    for (const cookie of junk)
      expect(
        await codeOf(link.authorize({ email: JO }, withCookie(cookie)))
      ).toBe("too_many_attempts")
    // An email nobody locked starts as usual, whatever the header.
    for (const cookie of junk) await started(link, SAM, cookie)
    // Junk before the real cookie does not stop it being read.
    for (const before of [
      "a=%E0%A4%A; b",
      "=; ==; ;",
      '__Host-link_devic="x; ',
      "x=y; ".repeat(50),
    ])
      await started(link, JO, `${before}; __Host-link_device=${token}`)
    // Quoted and percent-encoded (as some cookie libraries write a value) read the same.
    await started(link, JO, `__Host-link_device="${token}"`)
    await started(
      link,
      JO,
      `__Host-link_device=${encodeURIComponent(token!).replace(/\./g, "%2E")}`
    )
  })

  it("with known devices off (knownDeviceMaxAge: 0) a cookie opens nothing", async () => {
    const on = setup()
    const token = await on.device(JO)
    const cookie = `link_device=${token}`
    const off = setup({ knownDeviceMaxAge: 0 })
    expect(await off.device(JO)).toBeUndefined()
    await strangerLocks(off)
    expect(await codeOf(off.authorize({ email: JO }, withCookie(cookie)))).toBe(
      "too_many_attempts"
    )
    // The same token, where known devices are on, opens the same lock.
    await strangerLocks(on)
    await started(on, JO, cookie)
  })
})

describe("through Auth.js's own request (@auth/core's Auth(), as any framework's route)", () => {
  const ORIGIN = "https://shop.test"

  /** A start posted to Auth.js's callback by a browser holding `cookie`: the code in the answer. */
  async function postStart(link: Setup, cookie: string): Promise<string> {
    const config = {
      providers: [link.provider],
      secret: TEST_SECRET,
      trustHost: true,
      basePath: "/auth",
      logger: { error() {}, warn() {}, debug() {} },
    }
    const csrf = await Auth(new Request(`${ORIGIN}/auth/csrf`), config)
    const { csrfToken } = (await csrf.json()) as { csrfToken: string }
    const jar = csrf.headers
      .getSetCookie()
      .map((header) => header.split(";")[0])
    const response = await Auth(
      new Request(`${ORIGIN}/auth/callback/link`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          cookie: [...jar, cookie].join("; "),
        },
        body: new URLSearchParams({ email: JO, csrfToken }),
      }),
      config
    )
    // Auth.js answers a step's outcome with its error redirect: ?error=CredentialsSignin&code=…
    return String(
      new URL(response.headers.get("location")!).searchParams.get("code")
    )
  }

  it("authorize() gets the browser's cookies: its device token passes the stranger's lock", async () => {
    const link = setup()
    const token = await link.device(JO)
    await strangerLocks(link)
    expect(await postStart(link, "theme=dark")).toBe("too_many_attempts")
    expect(await postStart(link, `__Host-link_device=${token}`)).toBe(
      "code_sent"
    )
  })
})
