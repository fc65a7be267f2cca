/**
 * Which publishable key an OAuth client may use: its own when it is registered with one, else
 * any key the simulator accepts (configured keys, and any `pk_test_...` key in test mode).
 * @module
 */
import type { SimulatorConfig } from "../config.js"
import type { OAuthClient } from "./clients.js"

/** Why a key is refused for a client: missing, unknown, or not the client's own. */
export type KeyProblem = "missing" | "unknown" | "not_clients"

/** Checks the publishable key a client sent; undefined when it may use it. */
export function keyProblem(
  config: SimulatorConfig,
  client: OAuthClient,
  key: string | undefined
): KeyProblem | undefined {
  if (!key) return "missing"
  if (client.publishableKey !== undefined)
    return key === client.publishableKey ? undefined : "not_clients"
  const known =
    config.publishableKeys.includes(key) ||
    (config.acceptAnyTestKey && /^pk_test_[A-Za-z0-9_]+$/.test(key))
  return known ? undefined : "unknown"
}
