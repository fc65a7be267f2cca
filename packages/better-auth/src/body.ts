/**
 * Request bodies on the routes: bounded before better-auth reads them, and checked. A body
 * over the limit is a `413 REQUEST_BODY_TOO_LARGE` (read no further than the limit, whatever
 * `Content-Length` says); bad JSON or a body of the wrong shape is a `400` with the route's own
 * code, so a client always gets a coded error and Link is never called.
 *
 * @module
 */
import * as z from "zod"
import { MAX_CHALLENGE_LENGTH } from "@login-with-link/core"
import { apiError } from "./api-error.js"
import {
  LOGIN_WITH_LINK_ERROR_CODES,
  type LoginWithLinkErrorCode,
} from "./error-codes.js"
import { LINK_PATHS, type LinkRoute } from "./paths.js"

/** Longest email accepted in a body (the core refuses anything over 254 after trimming). */
const MAX_EMAIL_LENGTH = 1024
/** Longest typed code accepted ("123 456" and "123-456" are fine). */
const MAX_CODE_LENGTH = 64
/** Longest `callbackURL`. */
const MAX_URL_LENGTH = 2048
/** Longest human check answer (Turnstile's tokens are about 2 KB). */
const MAX_HUMAN_TOKEN_LENGTH = 4096

const humanToken = z.string().max(MAX_HUMAN_TOKEN_LENGTH).optional().meta({
  description:
    "The answer of the app's human check (CAPTCHA, Turnstile), for the verifyHuman option",
})

/** `POST /sign-in/link/start` */
export const startBody = z.object({
  email: z
    .string()
    .max(MAX_EMAIL_LENGTH)
    .meta({ description: "The email of the person's Link account" }),
  callbackURL: z.string().max(MAX_URL_LENGTH).optional().meta({
    description:
      "Where Link's sign-up page sends the person back (a trusted origin or a relative path)",
  }),
  humanToken,
})

/** `POST /sign-in/link/resend` */
export const resendBody = z.object({
  challenge: z
    .string()
    .max(MAX_CHALLENGE_LENGTH)
    .meta({ description: "The challenge from start (or the last resend)" }),
  humanToken,
})

/** `POST /sign-in/link/verify` */
export const verifyBody = z.object({
  challenge: z
    .string()
    .max(MAX_CHALLENGE_LENGTH)
    .meta({ description: "The challenge from start (or the last resend)" }),
  code: z
    .string()
    .max(MAX_CODE_LENGTH)
    .meta({ description: "The six-digit code Link sent by SMS" }),
})

/** A form field: text up to `max`, else (too long, not text) absent, as a form driver reads it. */
const formField = (max: number, description: string) =>
  z.string().max(max).optional().catch(undefined).meta({ description })

/**
 * `POST /sign-in/link/form`: the form's fields (as `<LinkSignInForm />` posts them) and the
 * sequence number of the state it shows. A field that is too long or not text is taken as absent,
 * so the answer is a coded state, as a server action answers.
 */
export const formBody = z.object({
  intent: formField(
    16,
    "The step: start, verify, resend, change, resume or oauth"
  ),
  email: formField(MAX_EMAIL_LENGTH, "The email (start)"),
  code: formField(MAX_CODE_LENGTH, "The code Link texted (verify)"),
  callbackUrl: formField(
    MAX_URL_LENGTH,
    "Where to go once signed in: a same-origin path"
  ),
  fallbackUrl: formField(
    MAX_URL_LENGTH,
    "Where to go when callbackUrl is not one (a same-origin path; default /)"
  ),
  exclude: z
    .array(z.string().max(MAX_URL_LENGTH))
    .max(16)
    .optional()
    .catch(undefined)
    .meta({
      description: "Paths never gone to once signed in (the sign-in page)",
    }),
  humanToken: formField(
    MAX_HUMAN_TOKEN_LENGTH,
    "The answer of the app's human check, for the verifyHuman option"
  ),
  page: formField(
    MAX_URL_LENGTH,
    "The page the form is on, where Link's sign-up page sends a new person back (a trusted origin)"
  ),
  oauthError: formField(
    64,
    "Why the driver's Continue with Link did not start (its coded failure)"
  ),
  seq: z
    .number()
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .catch(undefined)
    .meta({ description: "The sequence number of the state the form shows" }),
})

/** A validation issue, as Standard Schema reports it. */
type Issue = {
  readonly path?:
    readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined
}

/** The code of a body that is not what a route expects: which field is at fault decides. */
export function malformedBodyCode(
  route: LinkRoute,
  issues: readonly Issue[]
): LoginWithLinkErrorCode {
  if (route === "start") return "INVALID_EMAIL"
  if (route === "resend" || route === "form") return "CHALLENGE_INVALID"
  const challengeOk =
    issues.length > 0 &&
    issues.every((issue) => {
      const first = issue.path?.[0]
      const key = typeof first === "object" ? first.key : first
      return key === "code"
    })
  return challengeOk ? "INVALID_CODE" : "CHALLENGE_INVALID"
}

/** Throw the coded 400 for a body a route refused. */
export function refuseBody(route: LinkRoute, issues: readonly Issue[]): never {
  throw apiError(malformedBodyCode(route, issues), { status: "BAD_REQUEST" })
}

function errorResponse(
  code: LoginWithLinkErrorCode,
  status: 400 | 413
): Response {
  return Response.json(
    { code, message: LOGIN_WITH_LINK_ERROR_CODES[code].message },
    { status, headers: { "Cache-Control": "no-store" } }
  )
}

/** Read at most `limit` bytes of a body; `undefined` when it is longer. */
async function readBounded(
  body: ReadableStream<Uint8Array>,
  limit: number
): Promise<Uint8Array | undefined> {
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > limit) {
        await reader.cancel().catch(() => {})
        return undefined
      }
      chunks.push(value)
    }
  } finally {
    reader.releaseLock()
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/**
 * better-auth's `onRequest` for the plugin: on a POST to one of the routes, read the body
 * (bounded), check that it is JSON, and hand better-auth a request with the same bytes.
 */
export function boundBodies(maxBodyBytes: number) {
  const routes = Object.entries(LINK_PATHS) as [LinkRoute, string][]
  return async (
    request: Request
  ): Promise<{ response: Response } | { request: Request } | undefined> => {
    if (request.method !== "POST" || !request.body) return undefined
    const pathname = new URL(request.url).pathname.replace(/\/+$/, "")
    // Matched by suffix: whatever better-auth's base path, only these routes are ours.
    const route = routes.find(([, path]) => pathname.endsWith(path))?.[0]
    if (!route) return undefined
    const declared = Number(request.headers.get("content-length") ?? "0")
    if (declared > maxBodyBytes) {
      return { response: errorResponse("REQUEST_BODY_TOO_LARGE", 413) }
    }
    const bytes = await readBounded(request.body, maxBodyBytes)
    if (!bytes) {
      return { response: errorResponse("REQUEST_BODY_TOO_LARGE", 413) }
    }
    const type = (request.headers.get("content-type") ?? "")
      .split(";")[0]
      ?.trim()
      .toLowerCase()
    if (type === "application/json") {
      try {
        JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes))
      } catch {
        return { response: errorResponse(malformedBodyCode(route, []), 400) }
      }
    }
    // Same method, headers and signal; the bytes already read as the body.
    return { request: new Request(request, { body: bytes as BodyInit }) }
  }
}
