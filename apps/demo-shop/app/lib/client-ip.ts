/**
 * Where the shop learns the visitor's IP address, for the provider's per-IP limits, read at run
 * time from the host the shop runs on. Nothing is trusted unless the host or the environment says
 * so: a header is only as honest as the proxy that writes it.
 *
 * - On Vercel (`VERCEL=1`, set by Vercel): `x-real-ip`, which Vercel's edge sets to the address it
 *   saw, replacing whatever the client sent.
 * - `CLIENT_IP_HEADER=<name>`: a header a proxy you run sets to the one address it saw
 *   (`x-real-ip` with nginx's `proxy_set_header X-Real-IP $remote_addr`, `cf-connecting-ip`
 *   behind Cloudflare, `fly-client-ip` on Fly.io).
 * - `CLIENT_IP_PROXY_HOPS=<n>`: the number of proxies you run in front of the shop that append to
 *   `X-Forwarded-For`; the address is the one the outermost of them appended.
 * - Otherwise none: `next start` facing the internet directly keeps a client's own
 *   `X-Forwarded-For`, so no header can be trusted. The per-email and deployment-wide limits
 *   still apply.
 * @module
 */
import {
  clientIpFromForwardedFor,
  clientIpFromHeader,
  type ClientIpSource,
} from "@login-with-link/provider"

export function clientIpSource(
  env: Record<string, string | undefined> = process.env
): ClientIpSource | undefined {
  const header = env.CLIENT_IP_HEADER?.trim()
  const hops = env.CLIENT_IP_PROXY_HOPS?.trim()
  if (header && hops) {
    throw new Error(
      "Set CLIENT_IP_HEADER or CLIENT_IP_PROXY_HOPS, not both: they describe different proxies."
    )
  }
  if (header) {
    try {
      return clientIpFromHeader(header)
    } catch (error) {
      throw new Error(`CLIENT_IP_HEADER: ${(error as Error).message}`, {
        cause: error,
      })
    }
  }
  if (hops) {
    if (!/^\d{1,2}$/.test(hops) || Number(hops) < 1 || Number(hops) > 20) {
      throw new Error(
        `CLIENT_IP_PROXY_HOPS must be the number of proxies in front of the shop (1 to 20), got ${JSON.stringify(hops)}.`
      )
    }
    return clientIpFromForwardedFor({ hops: Number(hops) })
  }
  if (env.VERCEL === "1") return clientIpFromHeader("x-real-ip")
  return undefined
}
