/**
 * The sign-in in progress: the challenge in the cookie and what it says, or why there is none.
 * {@link withPending} is the one opening of every step that needs it (verify, resend): no
 * challenge, or a refused one, answers the email step with the reason; an open one runs the step.
 *
 * @module
 */
import type { LinkSignInCode } from "@login-with-link/core"
import type { LinkFormState } from "@login-with-link/react"
import type {
  ChallengeReader,
  ChallengeView,
} from "../common/challenge-reader.js"
import {
  clearChallengeCookie,
  readChallengeCookie,
} from "./challenge-cookie.js"
import { alertFor, emailStep } from "./states.js"

/** A sign-in in progress: its challenge, and what the challenge says. */
export interface OpenPending {
  challenge: string
  view: ChallengeView
}

export type Pending =
  | ({ status: "open" } & OpenPending)
  | { status: "none" }
  | {
      status: "refused"
      code: "challenge_expired" | "challenge_invalid"
      email: string
    }

const expired = (error: unknown) =>
  typeof error === "object" &&
  error !== null &&
  (error as { code?: unknown }).code === "LWL_CHALLENGE_EXPIRED"

/** The challenge in the cookie and what it says, or why there is none. */
export async function readPending(read: ChallengeReader): Promise<Pending> {
  const cookie = await readChallengeCookie()
  if (cookie.status === "missing") return { status: "none" }
  if (cookie.status === "oversized")
    return { status: "refused", code: "challenge_invalid", email: "" }
  try {
    return {
      status: "open",
      challenge: cookie.challenge,
      view: await read(cookie.challenge),
    }
  } catch (error) {
    if (!expired(error))
      return { status: "refused", code: "challenge_invalid", email: "" }
    // Expired but genuine: the email can still be filled in again.
    let email = ""
    try {
      email = (await read(cookie.challenge, { allowExpired: true })).email
    } catch {
      // unreadable after all: start with an empty email
    }
    return { status: "refused", code: "challenge_expired", email }
  }
}

/** The sign-in in progress is over: forget its challenge, back to the email step, saying why. */
export async function startOver(
  email: string,
  seq: number,
  code: LinkSignInCode
): Promise<LinkFormState> {
  await clearChallengeCookie()
  return emailStep(email, seq, alertFor(code, "error", "email"))
}

/** Run `step` on the sign-in in progress; without one, the email step says why. */
export async function withPending(
  read: ChallengeReader,
  seq: number,
  step: (pending: OpenPending) => Promise<LinkFormState>
): Promise<LinkFormState> {
  const pending = await readPending(read)
  if (pending.status === "none")
    return emailStep("", seq, alertFor("challenge_expired", "error", "email"))
  if (pending.status === "refused")
    return startOver(pending.email, seq, pending.code)
  return step(pending)
}
