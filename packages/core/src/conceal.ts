/**
 * Conceal mode (`unknownEmail: "conceal"`): for an email that is not on Link, the start and resend
 * steps answer exactly as for a known one. The decoy challenge carries random padding as long as a
 * real `client_secret`, a phone shaped like Link's redaction (derived from the email, so the same
 * email always shows the same phone), and the answer is paced like a real Link call. No SMS is
 * sent, and the code step then fails as a wrong code would.
 *
 * @module
 */
import type { EmailDigest } from "./email-digest.js"

/** A moving average of how long a Link call takes, to pace the decoys. */
export class Latency {
  #value = 0
  #samples = 0
  record(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return
    this.#samples += 1
    const weight = this.#samples < 10 ? 1 / this.#samples : 0.1
    this.#value += (Math.min(ms, 5000) - this.#value) * weight
  }
  /** A delay near the average, with jitter; 0 until something has been measured. */
  delay(): number {
    return this.#samples === 0 ? 0 : this.#value * (0.8 + Math.random() * 0.4)
  }
  /** Wait about as long as the call takes. */
  pace(): Promise<void> {
    const ms = this.delay()
    return ms > 0
      ? new Promise<void>((resolve) => setTimeout(resolve, ms))
      : Promise.resolve()
  }
}

const ALPHABET =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

/** What the steps need to answer for an unknown email as for a known one. */
export interface Concealment {
  /** Random padding in place of a `client_secret`, as long as the last real one. */
  padding(): string
  /** Note a real `client_secret`, so that decoys are as long. */
  noteSecret(clientSecret: string): void
  /** A redacted phone for an email, shaped like Link's (`+3*********90`), the same each time. */
  decoyPhone(email: string): Promise<string>
  /** How long `start_verification` takes, to pace a decoy send. */
  readonly send: Latency
  /** How long `authenticate` takes, to pace a decoy code check. */
  readonly authenticate: Latency
}

/** Create the decoys of one sign-in configuration. */
export function createConcealment(digest: EmailDigest): Concealment {
  // The simulator's secrets are 32 characters; a real one replaces this at the first send.
  let secretLength = 32
  return {
    padding() {
      const bytes = crypto.getRandomValues(new Uint8Array(secretLength))
      let text = ""
      for (const byte of bytes) text += ALPHABET[byte % 64]
      return text
    },
    noteSecret(clientSecret) {
      secretLength = Math.min(clientSecret.length, 512)
    },
    async decoyPhone(email) {
      const mac = await digest.mac("decoy-phone", email)
      // Shaped like Link's redaction of an E.164 number: "+1" numbers are one digit shorter.
      const country = ["1", "3", "4"][(mac[0] ?? 0) % 3] ?? "1"
      const last = String(((mac[1] ?? 0) * 256 + (mac[2] ?? 0)) % 100)
      return `+${country}${"*".repeat(country === "1" ? 8 : 9)}${last.padStart(2, "0")}`
    },
    send: new Latency(),
    authenticate: new Latency(),
  }
}
