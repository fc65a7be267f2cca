/**
 * Request parameters: reading JSON or form bodies and query strings, and validating them with
 * zod into 400 `parameter_missing` / `parameter_invalid` errors that name the parameter.
 * @module
 */
import { z } from "zod"
import { MESSAGES, SimulatorError } from "./errors.js"

/** Longest value accepted for any parameter. */
export const MAX_PARAM_LENGTH = 1024
/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 16 * 1024

type Raw = Record<string, unknown>

function invalid(param: string | undefined, message: string): SimulatorError {
  return new SimulatorError("parameter_invalid", {
    message,
    ...(param === undefined ? {} : { param }),
  })
}

/** Reads the query string, refusing a parameter given twice. */
export function readQuery(url: URL): Raw {
  const raw: Raw = {}
  for (const [name, value] of url.searchParams) {
    if (name in raw) throw invalid(name, MESSAGES.repeated(name))
    raw[name] = value
  }
  return raw
}

/**
 * Reads a JSON object or a form-encoded body. An empty body reads as no parameters. The app's
 * body limit has already refused anything over MAX_BODY_BYTES (413).
 */
export async function readBody(request: Request): Promise<Raw> {
  const text = await request.text()
  const type =
    (request.headers.get("content-type") ?? "")
      .split(";")[0]
      ?.trim()
      .toLowerCase() ?? ""
  if (
    text.trim() === "" &&
    (type === "" ||
      type === "application/json" ||
      type === "application/x-www-form-urlencoded")
  ) {
    return {}
  }
  if (type === "application/json") {
    let data: unknown
    try {
      data = JSON.parse(text)
    } catch {
      throw invalid(undefined, MESSAGES.badJson)
    }
    if (typeof data !== "object" || data === null || Array.isArray(data))
      throw invalid(undefined, MESSAGES.notObject)
    return data as Raw
  }
  if (type === "application/x-www-form-urlencoded") {
    return readQuery(new URL(`http://form.invalid/?${text}`))
  }
  throw invalid(undefined, MESSAGES.contentType)
}

const text = z.string().max(MAX_PARAM_LENGTH)
const email = text.refine(
  (v) => v.trim().length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()),
  MESSAGES.badEmail
)
const resend = z.union(
  [z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")],
  {
    error: MESSAGES.badResend,
  }
)

/** `GET /lookup-email` query. */
export const lookupSchema = z.strictObject({
  email,
  STRIPE_PUBLIC_KEY: text.optional(),
})
/** `POST /start_verification` body. */
export const startSchema = z.strictObject({
  client_secret: text,
  email,
  resend: resend.optional(),
  STRIPE_PUBLIC_KEY: text.optional(),
})
/** `POST /authenticate` body. */
export const authenticateSchema = z.strictObject({
  client_secret: text,
  email,
  code: text.regex(/^\d{6}$/, MESSAGES.badCode),
  STRIPE_PUBLIC_KEY: text.optional(),
})

/**
 * Validates raw parameters. A missing or empty required parameter is `parameter_missing`; an
 * unknown, non-string, overlong or malformed one is `parameter_invalid`; both name the parameter.
 */
export function parseParams<S extends z.ZodType>(
  schema: S,
  raw: Raw
): z.infer<S> {
  const result = schema.safeParse(raw)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  if (!issue) throw invalid(undefined, "Invalid parameters.")
  if (issue.code === "unrecognized_keys") {
    const name = issue.keys[0] ?? "unknown"
    throw invalid(name, MESSAGES.unknown(name))
  }
  const param = String(issue.path[0] ?? "")
  const value = raw[param]
  if (value === undefined || value === "") {
    throw new SimulatorError("parameter_missing", {
      param,
      message: MESSAGES.missing(param),
    })
  }
  if (issue.code === "too_big")
    throw invalid(param, MESSAGES.tooLong(param, MAX_PARAM_LENGTH))
  if (issue.code === "invalid_type" && issue.expected === "string")
    throw invalid(param, MESSAGES.notString(param))
  throw invalid(param, issue.message)
}
