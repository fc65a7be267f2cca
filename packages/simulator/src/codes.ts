/**
 * Secrets and codes: CSPRNG client secrets and six-digit codes, codes stored as salted SHA-256.
 * Hashing is synchronous on purpose: the authenticate check-and-spend must not await.
 * @module
 */
import {
  createHash,
  randomBytes,
  randomInt,
  timingSafeEqual,
} from "node:crypto"

// Each randomBytes call has a fixed cost that outweighs producing 24 bytes, so bytes are drawn
// from a pool filled in bulk. A refill allocates a new pool: bytes handed out are never rewritten.
const POOL_BYTES = 4096
let pool = Buffer.alloc(0)
let used = 0

function random(bytes: number): Buffer {
  if (used + bytes > pool.length) {
    pool = randomBytes(POOL_BYTES)
    used = 0
  }
  used += bytes
  return pool.subarray(used - bytes, used)
}

/** A new client_secret: 192 bits from the CSPRNG, base64url. */
export function newClientSecret(): string {
  return random(24).toString("base64url")
}

/** A new six-digit code, uniform over 000000-999999. */
export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0")
}

/** A code as stored: salted SHA-256, never the code itself. */
export interface HashedCode {
  salt: Buffer
  hash: Buffer
}

/** Hashes a code with a fresh per-send salt. */
export function hashCode(code: string): HashedCode {
  const salt = random(16)
  return { salt, hash: digest(salt, code) }
}

/** Whether `code` is the hashed code (constant-time comparison). */
export function codeMatches(stored: HashedCode, code: string): boolean {
  return timingSafeEqual(stored.hash, digest(stored.salt, code))
}

function digest(salt: Buffer, code: string): Buffer {
  return createHash("sha256").update(salt).update(code, "utf8").digest()
}
