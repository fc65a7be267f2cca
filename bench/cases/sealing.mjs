/**
 * Figure 2: sealChallenge/unsealChallenge per second versus bare jose EncryptJWT/jwtDecrypt of
 * the same claims under a key derived beforehand (what sealing costs beyond the cipher itself).
 * @module
 */
import { performance } from "node:perf_hooks"
import { EncryptJWT, jwtDecrypt } from "jose"
import { API_URL, PUBLISHABLE_KEY, SECRET, corePackage } from "../lib/link.mjs"

const { sealChallenge, unsealChallenge } = corePackage
import { figure, interleave, median, round } from "../lib/stats.mjs"

const CONCURRENCY = 4

/**
 * @param {{ quick?: boolean }} [options]
 */
export async function sealing(options = {}) {
  const perRound = options.quick ? 300 : 1000
  const rounds = options.quick ? 6 : 10
  const now = Date.now()
  const payload = {
    email: "bench-1@example.com",
    clientSecret: "cs_bench_0123456789abcdefghijklmnopqr",
    redactedPhone: "+1*******01",
    expiresAt: now + 600_000,
    resendAt: now + 30_000,
  }
  const sealOptions = {
    secret: SECRET,
    binding: `${PUBLISHABLE_KEY} ${API_URL}`,
  }
  const sealed = await sealChallenge(payload, sealOptions)

  // The bare baseline: the same claims, header and cipher; the key is derived and imported once,
  // up front (a CryptoKey, so jose does not import raw bytes on every call).
  const key = await crypto.subtle.importKey(
    "raw",
    crypto.getRandomValues(new Uint8Array(32)),
    "AES-GCM",
    false,
    ["encrypt", "decrypt"]
  )
  const claims = {
    em: payload.email,
    ph: payload.redactedPhone,
    rs: payload.resendAt,
    cs: payload.clientSecret,
    d: 0,
  }
  const audience = "bench-audience-fingerprint"
  const bareSeal = () =>
    new EncryptJWT(claims)
      .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(payload.expiresAt / 1000))
      .setAudience(audience)
      .encrypt(key)
  const bareSealed = await bareSeal()
  const bareUnseal = () =>
    jwtDecrypt(bareSealed, key, {
      audience,
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
    })

  /**
   * Operations per second of `op`, run `count` times by `CONCURRENCY` workers. WebCrypto runs on
   * libuv's thread pool, so one-at-a-time rates measure thread hand-off latency more than cost;
   * a few in flight keep the pool busy and the rates steady.
   * @param {() => Promise<unknown>} op
   * @param {number} count
   */
  async function rate(op, count) {
    let left = count
    const worker = async () => {
      while (left-- > 0) await op()
    }
    const t0 = performance.now()
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    return (count / (performance.now() - t0)) * 1000
  }

  const ours = {
    seal: () => sealChallenge(payload, sealOptions),
    unseal: () => unsealChallenge(sealed, sealOptions),
  }
  const bare = { seal: bareSeal, unseal: bareUnseal }
  /** @type {Record<string, { ours: number, bare: number, ratio: number, roundRatios: number[] }>} */
  const out = {}
  for (const op of /** @type {const} */ (["seal", "unseal"])) {
    await rate(ours[op], perRound)
    await rate(bare[op], perRound)
    const { a, b } = await interleave(
      rounds,
      () => rate(ours[op], perRound),
      () => rate(bare[op], perRound)
    )
    const ratios = a.map((x, i) => x / /** @type {number} */ (b[i]))
    out[op] = {
      ours: round(median(a)),
      bare: round(median(b)),
      ratio: round(median(ratios), 4),
      roundRatios: ratios.map((x) => round(x, 4)),
    }
  }
  const seal = /** @type {(typeof out)[string]} */ (out.seal)
  const unseal = /** @type {(typeof out)[string]} */ (out.unseal)
  // One figure for the pair: a seal and an unseal per sign-in, so the rate of the pair.
  const pair = (/** @type {number} */ s, /** @type {number} */ u) =>
    1 / (1 / s + 1 / u)
  const result = figure({
    id: "sealing",
    title:
      "2. Challenge sealing: seal + unseal per second vs bare jose with a pre-derived key",
    value: round(pair(seal.ours, unseal.ours)),
    baseline: round(pair(seal.bare, unseal.bare)),
    unit: "seal+unseal pairs/s",
    baselineLabel: "bare EncryptJWT + jwtDecrypt",
    details: {
      seal,
      unseal,
      challengeLength: sealed.length,
      opsPerRound: perRound,
      concurrency: CONCURRENCY,
      rounds,
    },
  })
  return result
}
