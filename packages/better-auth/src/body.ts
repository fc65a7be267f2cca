/**
 * Request bodies on the three routes: bounded before better-auth reads them, and checked. A body
 * over the limit is a `413 REQUEST_BODY_TOO_LARGE` (read no further than the limit, whatever
 * `Content-Length` says); bad JSON or a body of the wrong shape is a `400` with the route's own
 * code, so a client always gets a coded error and Link is never called.
 *
 * @module
 */
import * as z from "zod"
import { apiError } from "./api-error.js"
import {
  LOGIN_WITH_LINK_ERROR_CODES,
  type LoginWithLinkErrorCode,
} from "./error-codes.js"
import { LINK_PATHS, type LinkRoute } from "./options.js"

/** Longest email accepted in a body (the core refuses anything over 254 after trimming). */
const MAX_EMAIL_LENGTH = 1024
/** Longest sealed challenge accepted. */
const MAX_CHALLENGE_LENGTH = 4096
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

/** The server-only challenge view (`auth.api.readLinkChallenge`). */
export const viewBody = z.object({
  challenge: z.string().max(MAX_CHALLENGE_LENGTH),
  allowExpired: z.boolean().optional(),
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
  if (route === "resend") return "CHALLENGE_INVALID"
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
 * better-auth's `onRequest` for the plugin: on a POST to one of the three routes, read the body
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
