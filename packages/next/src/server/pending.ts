/**
 * The pending store `runLinkForm` keeps the sign-in in progress in: the challenge cookie, read
 * with the provider's challenge reader (what the page shows comes from the sealed challenge only).
 *
 * @module
 */
import type { LinkPending, LinkPendingStore } from "@login-with-link/core/form"
import type { ChallengeReader } from "../common/challenge-reader.js"
import {
  clearChallengeCookie,
  readChallengeCookie,
  writeChallengeCookie,
} from "./challenge-cookie.js"

const expired = (error: unknown) =>
  typeof error === "object" &&
  error !== null &&
  (error as { code?: unknown }).code === "LWL_CHALLENGE_EXPIRED"

/** The challenge in the cookie and what it says, or why there is none. */
async function readPending(read: ChallengeReader): Promise<LinkPending> {
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

/** The challenge cookie as the form's pending store. */
export function cookiePending(read: ChallengeReader): LinkPendingStore {
  return {
    read: () => readPending(read),
    write: (sent) => writeChallengeCookie(sent.challenge, sent.expiresAt),
    clear: clearChallengeCookie,
  }
}
