/**
 * The steps the flow tests drive: `createLinkSignIn` on the in-process simulator (its fetch), the
 * test key and secret, no rate limits unless a test passes some; and what the tests read of a
 * step's answer.
 */
import { expect } from "vitest"
import {
  rejection,
  TEST_KEY,
  TEST_SECRET,
} from "@login-with-link/test-helpers/link"
import { LinkSignInError } from "../src/errors.js"
import type { LoginWithLinkOptions } from "../src/options.js"
import { createLinkSignIn, type LinkCodeSentOutcome } from "../src/sign-in.js"

export function simulatedSteps(
  link: { fetch: typeof fetch },
  options: LoginWithLinkOptions = {}
) {
  return createLinkSignIn({
    publishableKey: TEST_KEY,
    apiUrl: "http://link.localhost/api",
    secret: TEST_SECRET,
    fetch: link.fetch,
    rateLimit: false,
    ...options,
  })
}

/** Let pending I/O and microtasks run (fake timers leave setImmediate alone). */
export const settle = () =>
  new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Under fake timers, wait until a step has set a timer (or `done()` says it answered). A step's
 * own work (Link calls, sealing) runs on real I/O with the fake clock standing still, and on a
 * loaded machine it outlasts any fixed number of ticks, so this waits by the wall clock
 * (`performance` is not faked), up to 15 s.
 */
export async function untilATimer(
  timerCount: () => number,
  done: () => boolean = () => false
): Promise<void> {
  const since = performance.now()
  while (timerCount() === 0 && !done() && performance.now() - since < 15_000) {
    await settle()
  }
}

/** A step that sent a code: its outcome (fails the test otherwise). */
export async function codeSent(
  promise: Promise<unknown>
): Promise<LinkCodeSentOutcome> {
  const outcome = (await promise) as LinkCodeSentOutcome
  expect(outcome.status).toBe("code_sent")
  return outcome
}

/** A step that failed: its coded error (fails the test otherwise). */
export async function failure(
  promise: Promise<unknown>
): Promise<LinkSignInError> {
  const error = await rejection(promise)
  expect(error).toBeInstanceOf(LinkSignInError)
  return error as LinkSignInError
}
