/**
 * Property tests of hostile input (issue 6): whatever is posted to `authorize()`, the answer is a
 * user or a coded `CredentialsSignin`, nothing else is thrown, and invalid input never reaches
 * Link (every Link call goes through an intercepted `fetch` that counts it). The total number of
 * cases is printed at the end; it is at least 10,000.
 */
import { dirname, join } from "node:path"
import { pathToFileURL } from "node:url"
import { createRequire } from "node:module"
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { authorizeOf, type Authorize } from "@login-with-link/test-helpers"
import {
  isLinkSignInCode,
  normalizeEmail,
  sealChallenge,
} from "@login-with-link/core"
import {
  LinkCodeSent,
  LinkSignInFailed,
  LinkSignupRequired,
} from "../src/outcome-errors.js"
import { LoginWithLink } from "../src/provider.js"
import {
  API_URL,
  authRequest,
  interceptFetch,
  LINK,
  TEST_KEY,
  TEST_SECRET,
  testOptions,
} from "@login-with-link/test-helpers/link"

/** Cases per property; their sum is the total printed (at least 10,000). */
const RUNS = {
  shapes: 3000,
  emails: 3000,
  authjsRefused: 1000,
  randomChallenges: 1000,
  changedChars: 1000,
  flippedBits: 1000,
  codes: 1000,
}
let total = 0
let linkCallsForInvalidInput = 0
let plainAddressesSent = 0
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort()

/** Auth.js's own email normaliser (not exported by a public entry: loaded from its file). */
let authjsNormalize: (email?: string) => string

beforeAll(async () => {
  const core = createRequire(import.meta.url).resolve("@auth/core/errors")
  const file = join(dirname(core), "lib", "actions", "signin", "send-token.js")
  const mod = (await import(pathToFileURL(file).href)) as {
    defaultNormalizer: (email?: string) => string
  }
  authjsNormalize = mod.defaultNormalizer
})

afterAll(() => {
  // Nothing posted changed Object.prototype.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(
    prototypeKeys
  )
  expect(({} as { email?: unknown }).email).toBeUndefined()
  console.info(
    `[fuzz] ${total} cases against authorize(); Link calls for invalid input: ${linkCallsForInvalidInput}; plain addresses passed on: ${plainAddressesSent}`
  )
})

function authorizeWith(fetch: typeof globalThis.fetch): Authorize {
  const provider = LoginWithLink(testOptions({ fetch }))
  return authorizeOf(provider)
}

/** A Link that knows nobody: a valid email gets one lookup, answered "not on Link". */
function linkThatKnowsNobody() {
  return interceptFetch({
    method: "GET",
    path: "/lookup-email",
    respond: () => LINK.lookupMissing(),
  })
}

/** authorize() must throw one of ours with a sign-in code; returns that code. */
async function codeOf(authorize: Authorize, input: unknown): Promise<string> {
  let thrown: unknown
  try {
    await authorize(input, authRequest())
  } catch (error) {
    thrown = error
  }
  if (thrown === undefined) throw new Error("authorize() returned a user")
  expect(
    thrown instanceof LinkSignInFailed ||
      thrown instanceof LinkCodeSent ||
      thrown instanceof LinkSignupRequired
  ).toBe(true)
  const code = (thrown as { code?: unknown }).code
  expect(isLinkSignInCode(code)).toBe(true)
  return code as string
}

// ------------------------------------------------------------------------------- arbitraries

const MB = 1024 * 1024
/** A string of about 1 MB, from a random seed repeated. */
const hugeString = fc
  .string({ minLength: 1, maxLength: 8 })
  .map((seed) => seed.repeat(Math.ceil(MB / seed.length)))

/** Characters that must never pass inside an address: C0 controls, DEL, NUL and invisible ones. */
const controlChar = fc.constantFrom(
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)),
  "\u007f",
  "\u0085",
  "\u00a0",
  "\u200b",
  "\u200e",
  "\u202e",
  "\u2028",
  "\u2060",
  "\ufeff"
)
/** Look-alikes of "@" (fullwidth, small, circled, combining) and of "." */
const atLookAlike = fc.constantFrom(
  "\uff20",
  "\ufe6b",
  "\u0040\u0301",
  "\u24d0",
  "\u00e0",
  "(at)",
  " at "
)
const dotLookAlike = fc.constantFrom("\uff0e", "\u3002", "\u2024", "\u00b7")

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/)
const localPart = fc.stringMatching(/^[a-z0-9!#$%&'*+/=?^_`{|}~-]{1,20}$/)
const validEmail = fc
  .tuple(localPart, label, fc.stringMatching(/^[a-z]{2,6}$/))
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`)

/** Insert `piece` at a random position of `text`. */
const insert = (text: fc.Arbitrary<string>, piece: fc.Arbitrary<string>) =>
  fc
    .tuple(text, piece, fc.nat())
    .map(
      ([t, p, at]) =>
        t.slice(0, at % (t.length + 1)) + p + t.slice(at % (t.length + 1))
    )

/** Hostile emails, each tagged with whether it can possibly be one plain address. */
const hostileEmail: fc.Arbitrary<string> = fc.oneof(
  validEmail, // the control group: these must reach Link, once, normalised
  validEmail.map((e) => `  ${e.toUpperCase()} `),
  insert(validEmail, controlChar),
  validEmail.map((e) => e.replace("@", "\uff20")),
  fc.tuple(validEmail, atLookAlike).map(([e, at]) => e.replace("@", at)),
  fc.tuple(validEmail, dotLookAlike).map(([e, dot]) => e.replace(".", dot)),
  fc.tuple(validEmail, validEmail).map(([a, b]) => `${a}@${b}`),
  fc.tuple(validEmail, label).map(([e, x]) => `${e}@${x}`),
  validEmail.map((e) => `@${e}`),
  validEmail.map((e) => `${e}@`),
  fc
    .tuple(validEmail, validEmail, fc.constantFrom(",", ";", " ", ", ", "\t"))
    .map(([a, b, sep]) => `${a}${sep}${b}`),
  fc.tuple(validEmail, validEmail).map(([a, b]) => `${a},${b.split("@")[1]}`),
  validEmail.map((e) => `"${e.replace("@", '"@')}`),
  fc.tuple(validEmail, validEmail).map(([a, b]) => `"${a}"@${b.split("@")[1]}`),
  validEmail.map((e) => `<${e}>`),
  validEmail.map((e) => `Jo <${e}>`),
  validEmail.map((e) => `${e}\r\nBcc: evil@evil.example`),
  validEmail.map((e) => e.replace("@", "@[127.0.0.1]#")),
  fc.tuple(hugeString, validEmail).map(([pad, e]) => pad + e),
  fc.tuple(validEmail, hugeString).map(([e, pad]) => e + pad),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  insert(fc.string({ maxLength: 30 }), fc.constant("@"))
)

/** Anything but a string, or strings in the wrong places. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.boolean(),
  fc.constantFrom(
    null,
    undefined,
    Symbol("email"),
    () => "jo@example.com",
    new Date(0),
    /jo@example\.com/,
    new Map([["email", "jo@example.com"]]),
    new Uint8Array([106, 111, 64]),
    Object.create(null) as object,
    { toString: () => "jo@example.com" },
    { valueOf: () => "123456" },
    new String("jo@example.com")
  ),
  fc.array(fc.oneof(validEmail, fc.string()), { maxLength: 3 }),
  fc.object({ maxDepth: 2 })
)

const fieldValue = fc.oneof(
  { weight: 3, arbitrary: hostileEmail },
  { weight: 3, arbitrary: wrongType },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) }
)

const FIELD_KEYS = [
  "email",
  "code",
  "challenge",
  "resend",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "csrfToken",
  "callbackUrl",
] as const

/** Whole credentials objects of every shape, `__proto__` and `constructor` as own keys included. */
const shape: fc.Arbitrary<unknown> = fc.oneof(
  wrongType,
  hostileEmail,
  fc.array(fieldValue, { maxLength: 4 }),
  fc.record(
    {
      email: fieldValue,
      code: fieldValue,
      challenge: fieldValue,
      resend: fieldValue,
    },
    { requiredKeys: [] }
  ),
  fc.dictionary(fc.constantFrom(...FIELD_KEYS), fieldValue, { maxKeys: 6 }),
  // JSON.parse makes "__proto__" an own key, as a parsed request body would.
  fc
    .dictionary(
      fc.constantFrom(...FIELD_KEYS),
      fc.oneof(
        validEmail,
        fc.dictionary(fc.constantFrom(...FIELD_KEYS), validEmail)
      ),
      { maxKeys: 4 }
    )
    .map((d) => JSON.parse(JSON.stringify(d)) as unknown),
  // Fields only on the prototype, or behind getters: never read.
  validEmail.map((email) => Object.create({ email }) as unknown),
  validEmail.map(
    (email) =>
      Object.defineProperty({}, "email", {
        get: () => email,
        enumerable: true,
      }) as unknown
  )
)

// ----------------------------------------------------------------------------------- tests

describe("hostile credentials (property tests)", () => {
  it(`${RUNS.shapes} shapes of credentials: only coded errors; Link only ever sees one plain address`, async () => {
    let cases = 0
    await fc.assert(
      fc.asyncProperty(shape, async (input) => {
        cases += 1
        const link = linkThatKnowsNobody()
        const code = await codeOf(authorizeWith(link.fetch), input)
        if (link.calls.length === 0) return
        // Only a real own `email` data property holding one plain address may reach Link.
        expect(code).toBe("signup_required")
        expect(link.calls).toHaveLength(1)
        const email = link.calls[0]!.url.searchParams.get("email")!
        expect(normalizeEmail(email)).toBe(email)
        const own = Object.getOwnPropertyDescriptor(input, "email")
        expect(own && "value" in own && normalizeEmail(own.value)).toBe(email)
      }),
      { numRuns: RUNS.shapes }
    )
    total += cases
  })

  it(`${RUNS.emails} hostile emails: refused without a call to Link unless one plain address`, async () => {
    let cases = 0
    await fc.assert(
      fc.asyncProperty(hostileEmail, async (email) => {
        cases += 1
        const link = linkThatKnowsNobody()
        const code = await codeOf(authorizeWith(link.fetch), { email })
        const plain = normalizeEmail(email)
        if (plain === undefined) {
          expect(code).toBe("invalid_email")
          expect(link.calls).toHaveLength(0)
          linkCallsForInvalidInput += link.calls.length
          return
        }
        // Accepted: exactly what Auth.js's normaliser makes of it, ASCII, one "@", no list.
        expect(plain).toBe(authjsNormalize(email))
        expect(plain).toMatch(/^[\x21-\x7e]+$/)
        expect(plain.split("@")).toHaveLength(2)
        expect(plain).not.toMatch(/[",;<>\s]/)
        expect(code).toBe("signup_required")
        expect(link.calls).toHaveLength(1)
        expect(link.calls[0]!.url.searchParams.get("email")).toBe(plain)
        plainAddressesSent += 1
      }),
      { numRuns: RUNS.emails }
    )
    total += cases
  })

  it(`${RUNS.authjsRefused} emails that Auth.js's normaliser refuses are refused too`, async () => {
    let cases = 0
    const refusedByAuthjs = fc
      .oneof(
        hostileEmail,
        fc.string({ maxLength: 30 }),
        insert(validEmail, fc.constantFrom('"', "@", ",@", "\uff20"))
      )
      .filter((email) => {
        try {
          authjsNormalize(email)
          return false
        } catch {
          return true
        }
      })
    await fc.assert(
      fc.asyncProperty(refusedByAuthjs, async (email) => {
        cases += 1
        const link = linkThatKnowsNobody()
        expect(await codeOf(authorizeWith(link.fetch), { email })).toBe(
          "invalid_email"
        )
        expect(link.calls).toHaveLength(0)
        linkCallsForInvalidInput += link.calls.length
      }),
      { numRuns: RUNS.authjsRefused }
    )
    total += cases
  })
})

describe("hostile challenges and codes (property tests)", () => {
  let good: string
  const link = interceptFetch()
  let authorize: Authorize

  beforeAll(async () => {
    good = await sealChallenge(
      {
        email: "jo@example.com",
        clientSecret: "cs_test_abc",
        redactedPhone: "+3*********90",
        expiresAt: Date.now() + 600_000,
        resendAt: 0,
      },
      { secret: TEST_SECRET, binding: `${TEST_KEY} ${API_URL}` }
    )
    authorize = authorizeWith(link.fetch)
  })

  afterAll(() => {
    linkCallsForInvalidInput += link.calls.length
    link.done()
  })

  const B64URL =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

  it(`${RUNS.randomChallenges} random challenges are refused without a call to Link`, async () => {
    let cases = 0
    const segment = fc.string({
      unit: fc.constantFrom(...B64URL),
      maxLength: 200,
    })
    // (An empty challenge counts as none: that is the email step, tested above.)
    const randomChallenge = fc.oneof(
      fc.string({ minLength: 1, maxLength: 300 }),
      fc.array(segment, { minLength: 5, maxLength: 5 }).map((p) => p.join(".")),
      fc
        .array(segment, { minLength: 3, maxLength: 3 })
        .map(([, iv, c, t]) => [good.split(".")[0], "", iv, c, t].join(".")),
      fc.constantFrom(
        good.slice(0, -1),
        good + "A",
        good.split(".").reverse().join("."),
        good.replace(/\./g, ""),
        `${good}.${good}`,
        good.toUpperCase()
      ),
      hugeString
    )
    await fc.assert(
      fc.asyncProperty(
        randomChallenge,
        fc.constantFrom("code", "resend"),
        async (challenge, step) => {
          cases += 1
          const input =
            step === "code"
              ? { challenge, code: "123456" }
              : { challenge, resend: "1" }
          expect(await codeOf(authorize, input)).toBe("challenge_invalid")
        }
      ),
      { numRuns: RUNS.randomChallenges }
    )
    expect(link.calls).toHaveLength(0)
    total += cases
  })

  it(`${RUNS.changedChars} challenges with one character changed are refused without a call to Link`, async () => {
    let cases = 0
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: good.length - 1 }),
        fc.nat({ max: 63 }),
        async (index, shift) => {
          cases += 1
          const alphabet = `${B64URL}.`
          const current = alphabet.indexOf(good[index]!)
          const replacement = alphabet[(current + 1 + shift) % alphabet.length]!
          const changed =
            good.slice(0, index) + replacement + good.slice(index + 1)
          expect(
            await codeOf(authorize, { challenge: changed, code: "123456" })
          ).toBe("challenge_invalid")
        }
      ),
      { numRuns: RUNS.changedChars }
    )
    expect(link.calls).toHaveLength(0)
    total += cases
  })

  it(`${RUNS.flippedBits} challenges with one bit flipped are refused without a call to Link`, async () => {
    let cases = 0
    const parts = good.split(".")
    const decode = (s: string) => Uint8Array.from(Buffer.from(s, "base64url"))
    const encode = (b: Uint8Array) => Buffer.from(b).toString("base64url")
    // Non-empty parts: header (0), iv (2), ciphertext (3), tag (4).
    const flippable = [0, 2, 3, 4]
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...flippable),
        fc.nat(),
        fc.nat({ max: 7 }),
        async (part, byte, bit) => {
          cases += 1
          const bytes = decode(parts[part]!)
          const at = byte % bytes.length
          bytes[at] = bytes[at]! ^ (1 << bit)
          const flipped = parts
            .map((p, i) => (i === part ? encode(bytes) : p))
            .join(".")
          expect(flipped).not.toBe(good)
          expect(
            await codeOf(authorize, { challenge: flipped, code: "123456" })
          ).toBe("challenge_invalid")
        }
      ),
      { numRuns: RUNS.flippedBits }
    )
    expect(link.calls).toHaveLength(0)
    total += cases
  })

  it(`${RUNS.codes} typed codes: only six ASCII digits reach Link`, async () => {
    let cases = 0
    const typedCode = fc.oneof(
      fc.stringMatching(/^[0-9]{6}$/),
      fc.stringMatching(/^[0-9]{3}[ -][0-9]{3}$/),
      fc.string({ maxLength: 12 }),
      fc.stringMatching(/^[0-9]{0,12}$/),
      fc.constantFrom(
        "１２３４５６",
        "١٢٣٤٥٦",
        "12345６",
        "123456\u0000",
        "0x1E240",
        "1e5",
        "-12345"
      ),
      hugeString
    )
    await fc.assert(
      fc.asyncProperty(typedCode, async (code) => {
        cases += 1
        const answering = interceptFetch({
          method: "POST",
          path: "/authenticate",
          respond: () => LINK.error(400, "consumer_verification_code_invalid"),
        })
        const result = await codeOf(authorizeWith(answering.fetch), {
          challenge: good,
          code,
        })
        expect(result).toBe("invalid_code")
        const digits = code.replace(/[\s-]/g, "")
        if (/^[0-9]{6}$/.test(digits) && code.length <= 64) {
          expect(answering.calls).toHaveLength(1)
          expect((answering.calls[0]!.body as { code: string }).code).toBe(
            digits
          )
        } else {
          expect(answering.calls).toHaveLength(0)
          linkCallsForInvalidInput += answering.calls.length
        }
      }),
      { numRuns: RUNS.codes }
    )
    total += cases
  })
})

it("ran at least 10,000 cases in all, and none of the invalid ones reached Link", () => {
  expect(total).toBe(Object.values(RUNS).reduce((a, b) => a + b, 0))
  expect(total).toBeGreaterThanOrEqual(10_000)
  expect(linkCallsForInvalidInput).toBe(0)
})
