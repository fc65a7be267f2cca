/**
 * The SMS outbox: every code the simulator "sends" lands here instead of on a phone.
 * @module
 */
import { normalizeEmail } from "./people.js"

/** One SMS the simulator would have sent. */
export interface OutboxMessage {
  /** The full phone number (the simulator's people are not real). */
  phone: string
  email: string
  code: string
  /** ISO 8601 time of the send, on the simulator's clock. */
  sentAt: string
}

/** The outbox. */
export interface Outbox {
  add(message: OutboxMessage): void
  /** Messages, newest first, optionally only those to one email (case-insensitive). */
  list(email?: string): OutboxMessage[]
  /** The newest code sent to an email, if any. */
  latestCode(email: string): string | undefined
  clear(): void
}

/** Creates an outbox keeping the newest `limit` messages. */
export function createOutbox(limit = 1000): Outbox {
  let messages: OutboxMessage[] = []
  const outbox: Outbox = {
    add(message) {
      messages.push(message)
      if (messages.length > limit) messages = messages.slice(-limit)
    },
    list(email) {
      const wanted = email === undefined ? undefined : normalizeEmail(email)
      return messages
        .filter((m) => wanted === undefined || m.email === wanted)
        .reverse()
    },
    latestCode: (email) => outbox.list(email)[0]?.code,
    clear() {
      messages = []
    },
  }
  return outbox
}
