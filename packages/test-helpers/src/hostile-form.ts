/**
 * Hostile input for the form's server drivers (`@login-with-link/next`'s and
 * `@login-with-link/better-auth/next`'s `linkSignIn`): challenge cookies that are not this app's
 * (tampered, foreign, expired, oversized, garbage) and forged `previousState`s. Both drivers' tests
 * play the same lists.
 *
 * @module
 */

/** A bad cookie: its name, how to make it, and the code a verify or resend with it answers. */
export type BadChallengeCookie = [
  name: string,
  make: () => Promise<string>,
  code: "challenge_invalid" | "challenge_expired",
]

/** `sealChallenge` of `@login-with-link/core`, as the lists call it. */
export type SealChallenge = (
  view: {
    email: string
    clientSecret: string
    redactedPhone: string
    expiresAt: number
    resendAt: number
  },
  options: { secret: string; binding: string; now: number }
) => Promise<string>

/** The app under test, as {@link badChallengeCookies} makes cookies for it. */
export interface ChallengeApp {
  /** A genuine challenge of the app (a start, then its cookie). */
  real(): Promise<string>
  /** `sealChallenge` of `@login-with-link/core`. */
  seal: SealChallenge
  /** The app's publishable key, secret and Link API URL (read when a cookie is made). */
  key: string
  secret: string
  apiUrl(): string
  /** The person who started: an expired challenge of the app still names them. */
  email: string
}

/** Every bad challenge cookie, for `app`. */
export function badChallengeCookies(app: ChallengeApp): BadChallengeCookie[] {
  // Another app's or an old challenge, sealed as the app would seal it.
  const sealed = (
    binding: string,
    secret: string,
    expiresAt: number,
    email = "mallory@example.com"
  ) =>
    app.seal(
      {
        email,
        clientSecret: "cs_mallory",
        redactedPhone: "+1********66",
        expiresAt,
        resendAt: expiresAt - 570_000,
      },
      { secret, binding, now: expiresAt - 600_000 }
    )
  const soon = () => Date.now() + 600_000
  return [
    [
      "tampered (one character changed)",
      async () => {
        const value = await app.real()
        const i = Math.floor(value.length / 2)
        return `${value.slice(0, i)}${value[i] === "A" ? "B" : "A"}${value.slice(i + 1)}`
      },
      "challenge_invalid",
    ],
    [
      "foreign (another publishable key)",
      () => sealed(`pk_test_other ${app.apiUrl()}`, app.secret, soon()),
      "challenge_invalid",
    ],
    [
      "foreign (another secret)",
      () =>
        sealed(
          `${app.key} ${app.apiUrl()}`,
          "another-secret-0123456789-abcdefgh",
          soon()
        ),
      "challenge_invalid",
    ],
    [
      "expired",
      // Genuine (the app's) but expired: its email may be filled in again.
      () =>
        sealed(
          `${app.key} ${app.apiUrl()}`,
          app.secret,
          Date.now() - 60_000,
          app.email
        ),
      "challenge_expired",
    ],
    ["oversized", async () => "A".repeat(5000), "challenge_invalid"],
    ["garbage", async () => "not a challenge", "challenge_invalid"],
    ["a JSON value", async () => '{"challenge":"x"}', "challenge_invalid"],
  ]
}

/** `previousState`s a browser may forge: the driver must trust none of them. */
export const FORGED_FORM_STATES: [name: string, state: unknown][] = [
  [
    "another person's code step",
    {
      step: "code",
      email: "victim@example.com",
      redactedPhone: "+1********00",
      expiresAt: 9e15,
      resendAt: 0,
      signupUrl: "javascript:alert(1)",
      alert: { kind: "info", code: "code_sent", message: "<script>" },
      seq: 7,
    },
  ],
  ["a string", "state"],
  ["null", null],
  ["a huge seq", { seq: Number.MAX_SAFE_INTEGER }],
  ["a negative seq", { seq: -5 }],
  ["a seq that is not a number", { seq: "1; DROP" }],
  ["an array", [1, 2, 3]],
]
