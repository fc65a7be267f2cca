/**
 * HMAC-SHA-256 (RFC 2104, FIPS 180-4) in plain JavaScript, synchronous. For the email digests the
 * limiters key on: one per sign-in step, on a few dozen bytes, where WebCrypto's asynchronous call
 * (a hop to a worker thread and back) costs far more than the hashing itself. The key's inner and
 * outer pads are hashed once, so a digest of a short message is two compressions. Checked against
 * WebCrypto in the tests.
 *
 * @module
 */

// The first 32 bits of the fractional parts of the cube roots of the first 64 primes.
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
  0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
  0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
])

// The first 32 bits of the fractional parts of the square roots of the first 8 primes.
const INITIAL = new Uint32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c,
  0x1f83d9ab, 0x5be0cd19,
])

const BLOCK = 64
const w = new Uint32Array(64)

/** Fold one 64-byte block (at `offset` of `bytes`) into `state`. */
function compress(state: Uint32Array, bytes: Uint8Array, offset: number) {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4
    w[i] =
      ((bytes[j]! << 24) |
        (bytes[j + 1]! << 16) |
        (bytes[j + 2]! << 8) |
        bytes[j + 3]!) >>>
      0
  }
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15]!
    const b = w[i - 2]!
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3)
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10)
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0
  }
  let a = state[0]!
  let b = state[1]!
  let c = state[2]!
  let d = state[3]!
  let e = state[4]!
  let f = state[5]!
  let g = state[6]!
  let h = state[7]!
  for (let i = 0; i < 64; i++) {
    const S1 =
      ((e >>> 6) | (e << 26)) ^
      ((e >>> 11) | (e << 21)) ^
      ((e >>> 25) | (e << 7))
    const ch = (e & f) ^ (~e & g)
    const t1 = (h + S1 + ch + K[i]! + w[i]!) >>> 0
    const S0 =
      ((a >>> 2) | (a << 30)) ^
      ((a >>> 13) | (a << 19)) ^
      ((a >>> 22) | (a << 10))
    const maj = (a & b) ^ (a & c) ^ (b & c)
    const t2 = (S0 + maj) >>> 0
    h = g
    g = f
    f = e
    e = (d + t1) >>> 0
    d = c
    c = b
    b = a
    a = (t1 + t2) >>> 0
  }
  state[0] = (state[0]! + a) >>> 0
  state[1] = (state[1]! + b) >>> 0
  state[2] = (state[2]! + c) >>> 0
  state[3] = (state[3]! + d) >>> 0
  state[4] = (state[4]! + e) >>> 0
  state[5] = (state[5]! + f) >>> 0
  state[6] = (state[6]! + g) >>> 0
  state[7] = (state[7]! + h) >>> 0
}

/** SHA-256 of `message`, continuing from `state` after `prefixBlocks` blocks already folded in. */
function finish(
  start: Uint32Array,
  prefixBlocks: number,
  message: Uint8Array
): Uint8Array {
  const state = start.slice()
  const full = message.length - (message.length % BLOCK)
  for (let offset = 0; offset < full; offset += BLOCK)
    compress(state, message, offset)
  // The tail, the 0x80 marker and the length in bits (big-endian, 64 bits).
  const rest = message.length - full
  const tail = new Uint8Array(rest < 56 ? BLOCK : 2 * BLOCK)
  tail.set(message.subarray(full))
  tail[rest] = 0x80
  const bits = (prefixBlocks * BLOCK + message.length) * 8
  const view = new DataView(tail.buffer)
  view.setUint32(tail.length - 8, Math.floor(bits / 0x1_0000_0000))
  view.setUint32(tail.length - 4, bits >>> 0)
  for (let offset = 0; offset < tail.length; offset += BLOCK)
    compress(state, tail, offset)
  const out = new Uint8Array(32)
  const outView = new DataView(out.buffer)
  for (let i = 0; i < 8; i++) outView.setUint32(i * 4, state[i]!)
  return out
}

/** SHA-256 of `message`. */
export function sha256(message: Uint8Array): Uint8Array {
  return finish(INITIAL, 0, message)
}

/**
 * An HMAC-SHA-256 under `key`: the pads are hashed here, once; each call then hashes the message.
 *
 * @example
 * ```ts
 * const mac = createHmacSha256(keyBytes)
 * mac(new TextEncoder().encode("rate-limit\0jo@example.com")) // 32 bytes
 * ```
 */
export function createHmacSha256(
  key: Uint8Array
): (message: Uint8Array) => Uint8Array {
  const block = new Uint8Array(BLOCK)
  block.set(key.length > BLOCK ? sha256(key) : key)
  const pad = (byte: number) => {
    const padded = block.map((b) => b ^ byte)
    const state = INITIAL.slice()
    compress(state, padded, 0)
    return state
  }
  const inner = pad(0x36)
  const outer = pad(0x5c)
  block.fill(0)
  return (message) => finish(outer, 1, finish(inner, 1, message))
}
