/**
 * The pending store `runLinkForm` keeps the sign-in in progress in: the challenge cookie, read
 * with the provider's challenge reader (what the page shows comes from the sealed challenge only),
 * as `@login-with-link/core/form`'s `linkCookiePending` does it for every server driver.
 *
 * @module
 */
import {
  linkCookiePending,
  type LinkPendingStore,
} from "@login-with-link/core/form"
import type { ChallengeReader } from "../common/challenge-reader.js"
import {
  clearChallengeCookie,
  readChallengeCookie,
  writeChallengeCookie,
} from "./challenge-cookie.js"

/** The challenge cookie as the form's pending store. */
export function cookiePending(read: ChallengeReader): LinkPendingStore {
  return linkCookiePending(
    {
      get: readChallengeCookie,
      set: (value, expiresAt) =>
        expiresAt === 0
          ? clearChallengeCookie()
          : writeChallengeCookie(value, expiresAt),
    },
    read
  )
}
