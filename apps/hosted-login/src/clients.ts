/**
 * The shops allowed to sign people in here (OIDC clients), read from a JSON file or env.
 * @module
 */
import { z } from "zod"
import type { ClientMetadata } from "oidc-provider"

const url = z.url({ protocol: /^https?$/ })

/** One registered shop, as written in the clients file (OIDC client metadata, snake_case). */
export const clientConfigSchema = z.object({
  client_id: z.string().min(1),
  client_secret: z
    .string()
    .min(16, "client_secret must be at least 16 characters"),
  client_name: z.string().min(1).optional(),
  redirect_uris: z.array(url).min(1),
  post_logout_redirect_uris: z.array(url).default([]),
  /** First-party shops skip the consent screen: the person is signing in to us, not granting access. */
  first_party: z.boolean().default(false),
})

/** A registered shop. */
export type ClientConfig = z.infer<typeof clientConfigSchema>
/** A registered shop as written by hand (defaults not yet applied). */
export type ClientConfigInput = z.input<typeof clientConfigSchema>

/**
 * Parses a list of clients, with an error naming the source and the field at fault.
 *
 * @example
 * parseClients(JSON.parse(readFileSync("clients.json", "utf8")), "clients.json")
 */
export function parseClients(input: unknown, source: string): ClientConfig[] {
  const result = z.array(clientConfigSchema).min(1).safeParse(input)
  if (!result.success) {
    const issue = result.error.issues[0]
    const where = issue?.path.join(".") || "(root)"
    throw new TypeError(
      `${source}: ${where}: ${issue?.message ?? "invalid"}. Expected a JSON array of { client_id, client_secret, redirect_uris, post_logout_redirect_uris?, client_name?, first_party? }.`
    )
  }
  const ids = new Set<string>()
  for (const client of result.data) {
    if (ids.has(client.client_id))
      throw new TypeError(
        `${source}: client_id "${client.client_id}" appears twice.`
      )
    ids.add(client.client_id)
  }
  return result.data
}

/** The metadata oidc-provider registers for a client: code flow only, secret at the token endpoint. */
export function toClientMetadata(client: ClientConfig): ClientMetadata {
  return {
    client_id: client.client_id,
    client_secret: client.client_secret,
    ...(client.client_name ? { client_name: client.client_name } : {}),
    redirect_uris: client.redirect_uris,
    post_logout_redirect_uris: client.post_logout_redirect_uris,
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_basic",
  }
}
