import type { NextConfig } from "next"
import { MAX_BODY_SIZE } from "./app/lib/body-limit"

const isProduction = process.env.NODE_ENV === "production"

/**
 * Headers for every response. The Content-Security-Policy is set per request in proxy.ts because
 * it carries a nonce; these are the static ones.
 */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // For browsers without CSP frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  {
    key: "Permissions-Policy",
    // WebOTP (reading the SMS code) is allowed for this origin only.
    value: "camera=(), microphone=(), geolocation=(), otp-credentials=(self)",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ...(isProduction
    ? [
        {
          key: "Strict-Transport-Security",
          value: "max-age=63072000; includeSubDomains",
        },
      ]
    : []),
]

const nextConfig: NextConfig = {
  // The OIDC-mode browser tests build into their own folder (NEXT_DIST_DIR=.next-oidc), so they
  // and the credentials-mode ones (.next) never overwrite each other's production build.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  experimental: {
    // Request bodies are bounded (app/lib/body-limit.ts): server actions count their bytes and
    // refuse past the limit (1 MB by default); the proxy (proxy.ts) copies at most this much of a
    // body while it runs (10 MB by default), and refuses a larger Content-Length outright.
    serverActions: { bodySizeLimit: MAX_BODY_SIZE },
    proxyClientMaxBodySize: MAX_BODY_SIZE,
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }]
  },
}

export default nextConfig
