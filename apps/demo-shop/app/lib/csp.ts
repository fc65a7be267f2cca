/**
 * The Content-Security-Policy, built per request with a fresh nonce. Next.js reads the nonce from
 * the request's CSP header and puts it on its own scripts, so no `'unsafe-inline'` is needed for
 * scripts or styles in production. See node_modules/next/dist/docs/01-app/02-guides/content-security-policy.md.
 * @module
 */

export function createNonce(): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  let binary = ""
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/**
 * `formActionOrigins`: other origins a form may post or redirect to, e.g. the hosted Login with
 * Link page in OIDC mode (the sign-in and sign-out actions redirect there, and Chromium applies
 * `form-action` to a form's redirects when it posts without JavaScript).
 */
export function contentSecurityPolicy(
  nonce: string,
  isDev: boolean,
  formActionOrigins: readonly string[] = []
): string {
  const directives = [
    "default-src 'self'",
    // React's dev build uses eval to rebuild server stacks; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    // The dev overlay injects unnonced styles; production styles are files or nonced.
    isDev
      ? "style-src 'self' 'unsafe-inline'"
      : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    ["form-action 'self'", ...formActionOrigins].join(" "),
    "frame-ancestors 'none'",
  ]
  // No upgrade-insecure-requests: production is HTTPS-only through HSTS (next.config.ts), and the
  // directive would break `next start` on http://127.0.0.1 in the end-to-end tests.
  return directives.join("; ")
}
