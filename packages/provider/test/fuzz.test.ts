/**
 * Property tests: whatever is posted, authorize() answers with a user or a coded
 * CredentialsSignin, never anything else, and invalid input never reaches Link.
 * (Issue 6 raises the counts and adds upstream faults.)
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { sealChallenge } from "../src/challenge.js"
import { isLinkSignInCode, LinkSignInError } from "../src/errors.js"
import { LoginWithLink } from "../src/provider.js"
import { normalizeEmail } from "../src/schemas.js"
import {
  API_URL,
  authRequest,
  interceptFetch,
  TEST_KEY,
  TEST_SECRET,
  testOptions,
} from "./utils.js"

type Authorize = (credentials: unknown, request: Request) => Promise<unknown>
const RUNS = 2000

function authorizeWith(fetch: typeof globalThis.fetch): Authorize {
  const provider = LoginWithLink(testOptions({ fetch }))
  return (provider as unknown as { options: { authorize: Authorize } }).options
    .authorize
}

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "jo@example.com,evil@example.com",
    "jo@example.com@evil.com",
    "jo＠example.com",
    '"jo@x"@example.com',
    "jo\u0000@example.com",
    "a".repeat(5000),
    "__proto__",
    "constructor",
    "123 456",
    "１２３４５６"
  )
)
const value = fc.oneof(
  hostileString,
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.object({ maxDepth: 1 })
)
const credentials = fc.oneof(
  value,
  fc.record(
    { email: value, code: value, challenge: value, resend: value },
    { requiredKeys: [] }
  ),
  fc.dictionary(
    fc.constantFrom(
      "email",
      "code",
      "challenge",
      "resend",
      "__proto__",
      "constructor",
      "csrfToken"
    ),
    value
  )
)

async function outcome(authorize: Authorize, input: unknown): Promise<string> {
  try {
    await authorize(input, authRequest())
    return "user"
  } catch (error) {
    expect(error).toBeInstanceOf(LinkSignInError)
    const code = (error as LinkSignInError).code
    expect(isLinkSignInCode(code)).toBe(true)
    return code
  }
}

describe("hostile credentials (property tests)", () => {
  it(`${RUNS} random shapes: only coded errors, and Link is never called for invalid input`, async () => {
    let cases = 0
    await fc.assert(
      fc.asyncProperty(credentials, async (input) => {
        cases += 1
        // A valid email may reach Link's lookup; the intercepted fetch then answers "not on Link".
        const link = interceptFetch({
          method: "GET",
          path: "/lookup-email",
          respond: () =>
            Response.json({ result: "success", userExistsOnLink: false }),
        })
        const authorize = authorizeWith(link.fetch)
        try {
          await authorize(input, authRequest())
        } catch (error) {
          const code = (error as { code?: unknown }).code
          expect(isLinkSignInCode(code)).toBe(true)
          if (link.calls.length > 0) {
            expect(code).toBe("signup_required")
            expect(link.calls).toHaveLength(1)
            // Only a plain, normalised address ever reaches Link.
            const email = link.calls[0]!.url.searchParams.get("email")!
            expect(normalizeEmail(email)).toBe(email)
          }
          return
        }
        throw new Error("authorize() returned a user for random input")
      }),
      { numRuns: RUNS }
    )
    expect(cases).toBe(RUNS)
    console.info(`[fuzz] hostile credentials: ${cases} cases`)
  })

  it(`${RUNS} bit-flipped challenges are refused without a call to Link`, async () => {
    const good = await sealChallenge(
      {
        email: "jo@example.com",
        clientSecret: "cs_test_abc",
        redactedPhone: "+3*********90",
        expiresAt: Date.now() + 600_000,
        resendAt: 0,
      },
      { secret: TEST_SECRET, binding: `${TEST_KEY} ${API_URL}` }
    )
    const link = interceptFetch()
    const authorize = authorizeWith(link.fetch)
    let cases = 0
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: good.length - 1 }),
        fc.nat({ max: 63 }),
        async (index, shift) => {
          cases += 1
          const alphabet =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."
          const current = alphabet.indexOf(good[index]!)
          const replacement = alphabet[(current + 1 + shift) % alphabet.length]!
          if (replacement === good[index]) return
          const flipped =
            good.slice(0, index) + replacement + good.slice(index + 1)
          const code = await outcome(authorize, {
            challenge: flipped,
            code: "123456",
          })
          expect(code).toBe("challenge_invalid")
        }
      ),
      { numRuns: RUNS }
    )
    link.done()
    console.info(`[fuzz] bit-flipped challenges: ${cases} cases`)
  })
})
