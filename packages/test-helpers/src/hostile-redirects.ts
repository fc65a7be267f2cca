/**
 * Ways to write "another site" that a naive same-origin check might take for a local path: the
 * redirect tests of the hosted page and of the Corner Store (apps/hono-shop) both play them.
 *
 * @module
 */

/**
 * The variants of the demo shop's redirect journey (e2e/security-redirects.spec.ts), more ways to
 * write another site, and tab, newline and backslash forms. Each is sent percent-encoded.
 */
export const VARIANTS = [
  "https://evil.example/",
  "http://evil.example",
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "javascript:alert(document.domain)",
  "data:text/html,<script>alert(1)</script>",
  "%2F%2Fevil.example",
  "/%2F/evil.example",
  "/%5Cevil.example",
  "%252F%252Fevil.example",
  "https:evil.example",
  " //evil.example",
  "/login/..//evil.example",
  "http:/evil.example",
  "http://evil.example@127.0.0.1",
  "/%2fevil.example",
  "/a/..//evil.example/path",
  "/./..//evil.example",
  "/%2e%2e//evil.example",
  "/%5C%5Cevil.example",
  "/\\/evil.example",
  "\\/evil.example",
  "\t//evil.example",
  "/\t\\evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/%09/evil.example",
  "/%0a/evil.example",
  "/%0d%0aSet-Cookie:%20x=1",
]

/** Query strings exactly as the attacker's probes sent them (decoded once by the server). */
export const RAW_QUERIES = [
  "/%09/evil.example",
  "/%09%5Cevil.example",
  "/%0a/evil.example",
  "/%0d%0a/evil.example",
  "/%5C/evil.example",
]
