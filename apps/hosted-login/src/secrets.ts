/**
 * The hosted page's own secrets: ID token signing keys, cookie keys, the `sub` pepper and the key
 * that seals Link challenges. Given by env in production; generated on first start into a file
 * under the data directory (gitignored) for development.
 *
 * Every instance behind one issuer must share the same secrets.
 * @module
 */
import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto"
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import type { JWK } from "oidc-provider"

/** Secrets of one deployment. */
export interface HostedLoginSecrets {
  /** Private JWKS that signs ID tokens (RS256). The first key signs; the others stay published. */
  jwks: { keys: JWK[] }
  /** Keys that sign oidc-provider's cookies; the first signs, all verify (rotation). */
  cookieKeys: string[]
  /** Pepper of the `sub` HMAC. Changing it changes every person's `sub`: never rotate it. */
  subjectPepper: string
  /** Key that seals the Link challenge between the email and code steps. */
  challengeSecret: string
}

/** Generates a fresh RS256 signing key. */
export function generateSigningKey(): JWK {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
  return {
    ...(privateKey.export({ format: "jwk" }) as JWK),
    kid: randomUUID(),
    alg: "RS256",
    use: "sig",
  }
}

/** Generates a complete set of secrets. */
export function generateSecrets(): HostedLoginSecrets {
  return {
    jwks: { keys: [generateSigningKey()] },
    cookieKeys: [randomBytes(32).toString("base64url")],
    subjectPepper: randomBytes(32).toString("base64url"),
    challengeSecret: randomBytes(32).toString("base64url"),
  }
}

/**
 * Reads `<dataDir>/secrets.json`, creating it (mode 0600) with fresh secrets on first start.
 *
 * @example
 * const secrets = loadOrCreateSecrets(".data")
 */
export function loadOrCreateSecrets(dataDir: string): HostedLoginSecrets {
  const file = join(dataDir, "secrets.json")
  try {
    return JSON.parse(readFileSync(file, "utf8")) as HostedLoginSecrets
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new Error(
        `Could not read ${file}: delete it to generate new secrets (every person's sub changes), or fix it.`,
        { cause: error }
      )
    }
  }
  mkdirSync(dataDir, { recursive: true })
  const secrets = generateSecrets()
  try {
    // "wx": if another instance created it first, use theirs.
    writeFileSync(file, JSON.stringify(secrets, null, 2), {
      flag: "wx",
      mode: 0o600,
    })
    return secrets
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      return JSON.parse(readFileSync(file, "utf8")) as HostedLoginSecrets
    throw error
  }
}
