/**
 * Registered OAuth clients of the simulated login.link.com: their shape, the built-in dev client,
 * how the environment and the seed file add clients, and how a `redirect_uri` is matched.
 * @module
 */
import { z } from "zod"

/** A confidential client registered with the simulated login.link.com. */
export interface OAuthClient {
  /** The client's id, e.g. `shop_dev`. */
  clientId: string
  /** The client's secret, sent in the token and revoke request bodies. */
  clientSecret: string
  /**
   * The redirect URIs a request may name, compared exactly. A loopback URI written with the
   * port `*` (`http://localhost:*`, `http://127.0.0.1:*` or `http://[::1]:*`, then the path)
   * matches any port, the rest exactly.
   */
  redirectUris: string[]
  /**
   * The publishable key the client is tied to. When absent, any key the simulator accepts
   * (any `pk_test_...` key by default); the code and tokens are then bound to the key of the
   * authorization request.
   */
  publishableKey?: string | undefined
  /** What the hosted page calls the shop. @default the client id */
  name?: string | undefined
}

/** The dev client's id. */
export const DEV_CLIENT_ID = "shop_dev"
/** The dev client's secret (public: it is for local development only). */
export const DEV_CLIENT_SECRET = "shop_dev_secret"

/** The callback paths the dev client accepts, on `localhost` and `127.0.0.1`, any port. */
export const DEV_CLIENT_CALLBACK_PATHS = [
  "/api/auth/callback/link-oauth",
  "/api/auth/callback/link",
  "/api/auth/oauth2/callback/link",
  "/callback",
] as const

/**
 * The client every simulator has unless `oauthDevClient: false` (`LINK_SIM_OAUTH_DEV_CLIENT=0`):
 * `shop_dev` / `shop_dev_secret`, any test key, the shops' callbacks on loopback with any port.
 */
export function devClient(
  extraRedirectUris: readonly string[] = []
): OAuthClient {
  return {
    clientId: DEV_CLIENT_ID,
    clientSecret: DEV_CLIENT_SECRET,
    redirectUris: [
      ...DEV_CLIENT_CALLBACK_PATHS.flatMap((path) => [
        `http://localhost:*${path}`,
        `http://127.0.0.1:*${path}`,
      ]),
      ...extraRedirectUris,
    ],
    name: "Dev shop",
  }
}

const WILDCARD_PORT =
  /^(http:\/\/(?:localhost|127\.0\.0\.1|\[::1\])):\*(\/.*)?$/

/**
 * Checks one registered redirect URI: an absolute http(s) URL without a fragment or user info;
 * `:*` as the port only on a loopback host over http. Returns a reason when it is refused.
 */
export function redirectUriProblem(uri: string): string | undefined {
  const wildcard = WILDCARD_PORT.exec(uri)
  if (/:\*(\/|$)/.test(uri) && !wildcard)
    return "may use the port * only on http://localhost, http://127.0.0.1 or http://[::1]"
  let url: URL
  try {
    url = new URL(wildcard ? `${wildcard[1]}${wildcard[2] ?? "/"}` : uri)
  } catch {
    return "is not an absolute URL"
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return "must be http or https"
  if (url.hash || uri.includes("#")) return "must not have a fragment"
  if (url.username || url.password) return "must not carry user info"
  return undefined
}

/**
 * Whether `given` (from a request) matches a registered redirect URI. The comparison is of the
 * strings, exactly; a registered loopback URI with port `*` matches the same URI with any port
 * (RFC 8252 §7.3). Nothing is normalised: `http://localhost:3000/cb/` is not `.../cb`.
 * @example redirectUriMatches(registered, "http://localhost:3000/cb") // true when registered is "http://localhost:" + "*" + "/cb"
 */
export function redirectUriMatches(registered: string, given: string): boolean {
  if (registered === given) return true
  const wildcard = WILDCARD_PORT.exec(registered)
  if (!wildcard) return false
  const origin = wildcard[1] ?? ""
  const rest = wildcard[2] ?? ""
  if (!given.startsWith(`${origin}:`)) return false
  const after = given.slice(origin.length + 1)
  const port = /^\d{1,5}/.exec(after)?.[0]
  if (!port || Number(port) < 1 || Number(port) > 65535) return false
  return after.slice(port.length) === rest
}

const clientSchema = z.strictObject({
  client_id: z
    .string()
    .regex(
      /^[A-Za-z0-9_.-]{1,100}$/,
      "client_id must be 1-100 letters, digits, _ . or -"
    ),
  client_secret: z
    .string()
    .min(8, "client_secret must be at least 8 characters")
    .max(200),
  redirect_uris: z
    .array(z.string().max(2048))
    .min(1, "redirect_uris must list at least one URI"),
  publishable_key: z
    .string()
    .regex(
      /^pk_(live|test)_[A-Za-z0-9_]+$/,
      "publishable_key must be a pk_live_... or pk_test_... key"
    )
    .optional(),
  name: z.string().min(1).max(100).optional(),
})

/** The JSON shape of a client in `LINK_SIM_OAUTH_CLIENTS` and the seed file's `oauthClients`. */
export type OAuthClientJson = z.input<typeof clientSchema>

/** Validates one client in its JSON shape, throwing a TypeError that names what is wrong. */
export function parseClientJson(input: unknown, where: string): OAuthClient {
  const result = clientSchema.safeParse(input)
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new TypeError(
      `${where}: ${issue?.path.join(".") || "value"}: ${issue?.message ?? "invalid"}`
    )
  }
  const { client_id, client_secret, redirect_uris, publishable_key, name } =
    result.data
  return checkClient(
    {
      clientId: client_id,
      clientSecret: client_secret,
      redirectUris: redirect_uris,
      publishableKey: publishable_key,
      name,
    },
    where
  )
}

/** Checks a client's redirect URIs, throwing a TypeError naming the first bad one. */
export function checkClient(client: OAuthClient, where: string): OAuthClient {
  for (const uri of client.redirectUris) {
    const problem = redirectUriProblem(uri)
    if (problem)
      throw new TypeError(
        `${where}: redirect URI ${JSON.stringify(uri)} ${problem}`
      )
  }
  return client
}

/** Reads `LINK_SIM_OAUTH_CLIENTS`: a JSON array of clients in their JSON shape. */
export function readClientsEnv(value: string): OAuthClient[] {
  let data: unknown
  try {
    data = JSON.parse(value)
  } catch (cause) {
    throw new TypeError(
      "LINK_SIM_OAUTH_CLIENTS is not JSON: give a JSON array of clients",
      {
        cause,
      }
    )
  }
  if (!Array.isArray(data))
    throw new TypeError(
      "LINK_SIM_OAUTH_CLIENTS must be a JSON array of clients"
    )
  return data.map((c, i) => parseClientJson(c, `LINK_SIM_OAUTH_CLIENTS[${i}]`))
}

/** The registered clients, by id. */
export interface ClientRegistry {
  get(clientId: string): OAuthClient | undefined
  list(): OAuthClient[]
}

/** Creates the registry; a client id given twice is a TypeError. */
export function createClientRegistry(
  clients: readonly OAuthClient[]
): ClientRegistry {
  const byId = new Map<string, OAuthClient>()
  for (const client of clients) {
    if (byId.has(client.clientId))
      throw new TypeError(
        `oauthClients: client_id ${JSON.stringify(client.clientId)} is registered twice`
      )
    byId.set(client.clientId, client)
  }
  return {
    get: (clientId) => byId.get(clientId),
    list: () => [...byId.values()],
  }
}
