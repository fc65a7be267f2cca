// A local stand-in for GitHub's OAuth app flow, so the example signs in with GitHub offline:
// the authorize page (an "Authorize" button, no JavaScript needed), the token endpoint (PKCE and
// the client secret checked) and the REST API's /user and /user/emails, under /api/v3 as on a
// GitHub Enterprise server. Auth.js's GitHub provider reaches it through `enterprise.baseUrl`.
//
//   PORT=4001 AUTH_GITHUB_ID=... AUTH_GITHUB_SECRET=... node examples/test/github-stub.mjs
//
// One account signs in: GITHUB_STUB_LOGIN / GITHUB_STUB_NAME / GITHUB_STUB_EMAIL (defaults below).
import { Buffer } from "node:buffer"
import { createHash, randomBytes, timingSafeEqual } from "node:crypto"
import { createServer } from "node:http"
import { URLSearchParams } from "node:url"

const clientId = process.env.AUTH_GITHUB_ID || "existing-app-client"
const clientSecret = process.env.AUTH_GITHUB_SECRET || "existing-app-secret"
const account = {
  id: 5_830_231,
  login: process.env.GITHUB_STUB_LOGIN || "mona",
  name: process.env.GITHUB_STUB_NAME || "Mona Lisa Octocat",
  email: process.env.GITHUB_STUB_EMAIL || "mona@example.com",
  avatar_url: null,
}
const CODE_TTL_MS = 10 * 60_000
const MAX_BODY_BYTES = 16 * 1024
const MAX_PENDING = 1000

/** @type {Map<string, { redirectUri: string, challenge: string | null, method: string | null, expires: number }>} */
const codes = new Map()
const tokens = new Set()

function send(res, status, body, headers = {}) {
  const isText = typeof body === "string"
  res.writeHead(status, {
    "content-type": isText
      ? "text/html; charset=utf-8"
      : "application/json; charset=utf-8",
    "cache-control": "no-store",
    ...headers,
  })
  res.end(isText ? body : JSON.stringify(body))
}

function escapeHtml(value) {
  return String(value).replace(
    /[&<>"']/g,
    (c) =>
      ({
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "'": "&#39;",
      })[c]
  )
}

async function readForm(req) {
  let size = 0
  const chunks = []
  for await (const chunk of req) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw new Error("body too large")
    chunks.push(chunk)
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"))
}

function sameSecret(a, b) {
  const x = Buffer.from(String(a))
  const y = Buffer.from(String(b))
  return x.length === y.length && timingSafeEqual(x, y)
}

/** client_secret_basic (what Auth.js sends) or client_secret_post. */
function clientAuthenticated(req, form) {
  const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? "")
  if (basic) {
    const [id, secret] = Buffer.from(basic[1], "base64")
      .toString("utf8")
      .split(":")
      .map((part) => decodeURIComponent(part ?? ""))
    return id === clientId && sameSecret(secret, clientSecret)
  }
  return (
    form.get("client_id") === clientId &&
    sameSecret(form.get("client_secret") ?? "", clientSecret)
  )
}

function redirectBack(res, redirectUri, params) {
  const target = new URL(redirectUri)
  for (const [key, value] of Object.entries(params))
    if (value) target.searchParams.set(key, value)
  res.writeHead(302, { location: target.href, "cache-control": "no-store" })
  res.end()
}

function authorizePage(query) {
  const hidden = [
    "client_id",
    "redirect_uri",
    "state",
    "code_challenge",
    "code_challenge_method",
  ]
    .filter((name) => query.has(name))
    .map(
      (name) =>
        `<input type="hidden" name="${name}" value="${escapeHtml(query.get(name))}">`
    )
    .join("")
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authorize application</title></head>
<body><main><h1>Authorize application</h1>
<p>Signed in to GitHub as <strong>${escapeHtml(account.login)}</strong>. The application asks to read your profile and email address.</p>
<form method="post" action="/login/oauth/authorize">${hidden}
<button type="submit" name="decision" value="allow">Authorize</button>
<button type="submit" name="decision" value="deny">Cancel</button>
</form></main></body></html>`
}

async function handle(req, res) {
  const url = new URL(req.url ?? "/", "http://stub.invalid")

  if (url.pathname === "/login/oauth/authorize") {
    const query = req.method === "POST" ? await readForm(req) : url.searchParams
    const redirectUri = query.get("redirect_uri") ?? ""
    if (query.get("client_id") !== clientId || !URL.canParse(redirectUri))
      return send(res, 400, "<h1>Unknown application or redirect URI</h1>")
    if (req.method === "GET") return send(res, 200, authorizePage(query))
    if (query.get("decision") !== "allow")
      return redirectBack(res, redirectUri, {
        error: "access_denied",
        state: query.get("state"),
      })
    if (codes.size >= MAX_PENDING) codes.delete(codes.keys().next().value)
    const code = randomBytes(16).toString("hex")
    codes.set(code, {
      redirectUri,
      challenge: query.get("code_challenge"),
      method: query.get("code_challenge_method"),
      expires: Date.now() + CODE_TTL_MS,
    })
    return redirectBack(res, redirectUri, { code, state: query.get("state") })
  }

  if (url.pathname === "/login/oauth/access_token" && req.method === "POST") {
    const form = await readForm(req)
    if (!clientAuthenticated(req, form))
      return send(res, 401, { error: "incorrect_client_credentials" })
    const code = form.get("code") ?? ""
    const grant = codes.get(code)
    codes.delete(code) // single use
    const verifier = form.get("code_verifier") ?? ""
    const challengeOk =
      !grant?.challenge ||
      (grant.method === "S256"
        ? createHash("sha256").update(verifier).digest("base64url") ===
          grant.challenge
        : verifier === grant.challenge)
    if (
      !grant ||
      grant.expires < Date.now() ||
      grant.redirectUri !== form.get("redirect_uri") ||
      !challengeOk
    )
      return send(res, 400, { error: "bad_verification_code" })
    if (tokens.size >= MAX_PENDING) tokens.delete(tokens.values().next().value)
    const accessToken = `gho_${randomBytes(18).toString("hex")}`
    tokens.add(accessToken)
    return send(res, 200, {
      access_token: accessToken,
      token_type: "bearer",
      scope: "read:user,user:email",
    })
  }

  if (url.pathname.startsWith("/api/v3/") && req.method === "GET") {
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")
    if (!bearer || !tokens.has(bearer[1]))
      return send(res, 401, { message: "Bad credentials" })
    if (url.pathname === "/api/v3/user") return send(res, 200, account)
    if (url.pathname === "/api/v3/user/emails")
      return send(res, 200, [
        { email: account.email, primary: true, verified: true },
      ])
  }

  return send(res, 404, { message: "Not Found" })
}

const server = createServer((req, res) => {
  handle(req, res).catch(() => {
    if (!res.headersSent) send(res, 400, { message: "Bad request" })
    else res.end()
  })
})
server.listen(Number(process.env.PORT ?? 4001), "127.0.0.1", () => {
  const { port } = server.address()
  console.log(`GitHub stand-in on http://127.0.0.1:${port}`)
})
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => server.close(() => process.exit(0)))
