/**
 * The pending store of every server driver: the sealed challenge in the challenge cookie
 * (`challenge-cookie.ts`), and what the page shows read out of that challenge, never out of posted
 * fields. A driver gives the cookie (its framework's cookie API) and the challenge reader (its
 * steps' secrets); a challenge that expired but is genuine still fills the email in again.
 *
 * @module
 */
import type { ChallengeView } from "../challenge-view.js"
import { readLinkChallengeCookie } from "./challenge-cookie.js"
import type { LinkPending, LinkPendingStore } from "./run.js"

/** The challenge cookie, through the framework's cookie API. */
export interface LinkChallengeJar {
  /** The cookie's value, if the request has it. */
  get(): string | undefined | Promise<string | undefined>
  /** Set it to a challenge that expires at `expiresAt`; `("", 0)` clears it. */
  set(value: string, expiresAt: number): void | Promise<void>
}

/**
 * Unseal a challenge into what a page may show. It throws when the challenge is refused; an error
 * whose `code` is `LWL_CHALLENGE_EXPIRED` means genuine but expired (then `allowExpired` reads it).
 */
export type LinkChallengeViewReader = (
  challenge: string,
  options?: { allowExpired?: boolean }
) => Promise<ChallengeView>

const isExpired = (error: unknown): boolean =>
  (error as { code?: unknown } | null)?.code === "LWL_CHALLENGE_EXPIRED"

async function readPending(
  jar: LinkChallengeJar,
  read: LinkChallengeViewReader
): Promise<LinkPending> {
  const cookie = readLinkChallengeCookie(await jar.get())
  if (cookie.status === "missing") return { status: "none" }
  if (cookie.status === "oversized")
    return { status: "refused", code: "challenge_invalid", email: "" }
  const { challenge } = cookie
  try {
    return { status: "open", challenge, view: await read(challenge) }
  } catch (error) {
    if (!isExpired(error))
      return { status: "refused", code: "challenge_invalid", email: "" }
    // Expired but genuine: the email can be filled in again.
    const expired = await read(challenge, { allowExpired: true }).catch(
      () => undefined
    )
    return {
      status: "refused",
      code: "challenge_expired",
      email: expired?.email ?? "",
    }
  }
}

/** The challenge cookie as the form's pending store (`runLinkForm`'s `pending`). */
export function linkCookiePending(
  jar: LinkChallengeJar,
  read: LinkChallengeViewReader
): LinkPendingStore {
  return {
    read: () => readPending(jar, read),
    write: async (sent) => jar.set(sent.challenge, sent.expiresAt),
    async clear() {
      if (await jar.get()) await jar.set("", 0)
    },
  }
}
