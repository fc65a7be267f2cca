/**
 * The userinfo endpoint of the simulated api.link.com: `GET /oauth/userinfo` with
 * `Authorization: Bearer <access token>` answers the person's profile
 * `{ id, email, name, first_name, last_name, phone }`. Faults make it leave out the email or the
 * id, answer for another person, or set any field.
 * @module
 */
import type { Fault } from "../faults.js"
import { linkUserId, normalizeEmail } from "../people.js"
import type { SimulatorState } from "../state.js"
import type { StoredPerson } from "../store.js"
import { OAUTH_MESSAGES, oauthErrorResponse } from "./errors.js"
import { oauthGuarded } from "./guard.js"
import { jsonAnswers } from "./token.js"

/** The realm of the `WWW-Authenticate` challenges of api.link.com. */
const API_REALM = 'realm="api.link.com"'

/** The scope userinfo needs. */
export const USERINFO_SCOPE = "userinfo:read"

/** The answer of userinfo. Any field but `id` and `email` may be `null`. */
export interface LinkProfile {
  id: string
  email: string
  name: string | null
  first_name: string | null
  last_name: string | null
  phone: string | null
}

/** A person's profile as userinfo answers it: the name split at its first space. */
export function profileOf(person: StoredPerson): LinkProfile {
  const name = person.fullName?.trim() || null
  const [first, ...rest] = name ? name.split(/\s+/) : []
  return {
    id: person.id,
    email: person.email,
    name,
    first_name: first ?? null,
    last_name: rest.length ? rest.join(" ") : null,
    phone: person.phone,
  }
}

function invalidToken(description: string, challenge: boolean): Response {
  return oauthErrorResponse("invalid_token", description, {
    // RFC 6750 §3.1: a request with no token gets the bare challenge, without an error code.
    wwwAuthenticate: challenge
      ? `Bearer ${API_REALM}, error="invalid_token", error_description="${description}"`
      : `Bearer ${API_REALM}`,
  })
}

/** Applies a userinfo fault to a profile. */
function faulted(
  state: SimulatorState,
  profile: LinkProfile,
  fault: Fault | undefined
): Record<string, unknown> {
  const answer: Record<string, unknown> = { ...profile }
  switch (fault?.kind) {
    case "no_email":
      delete answer.email
      break
    case "no_id":
      delete answer.id
      break
    case "other_person": {
      const email = normalizeEmail(fault.email ?? "")
      const other = state.people.get(email)
      return other
        ? { ...profileOf(other) }
        : {
            ...profileOf({ id: linkUserId(email), email, phone: "" }),
            phone: null,
          }
    }
    case "profile":
      for (const field of fault.omit ?? []) delete answer[field]
      Object.assign(answer, fault.set ?? {})
      break
  }
  return answer
}

/** The userinfo handler. */
export function createUserinfo(state: SimulatorState) {
  return oauthGuarded(state, "userinfo", jsonAnswers, (c, fault) => {
    const authorization = c.req.header("authorization") ?? ""
    const value = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1]
    if (!value) return invalidToken(OAUTH_MESSAGES.accessMissing, false)
    const found = state.oauth.access(value)
    const now = state.clock.now()
    if (
      !found ||
      found.token.revoked ||
      found.grant.revokedAt !== undefined ||
      now >= found.token.expiresAt
    )
      return invalidToken(OAUTH_MESSAGES.accessInvalid, true)
    if (!found.token.scope.includes(USERINFO_SCOPE))
      return oauthErrorResponse(
        "insufficient_scope",
        OAUTH_MESSAGES.insufficientScope,
        {
          wwwAuthenticate: `Bearer ${API_REALM}, error="insufficient_scope", scope="${USERINFO_SCOPE}"`,
        }
      )
    const person = state.people.byId(found.grant.personId)
    if (!person) return invalidToken(OAUTH_MESSAGES.accessInvalid, true)
    return new Response(
      JSON.stringify(faulted(state, profileOf(person), fault)),
      {
        status: 200,
        headers: {
          "content-type": "application/json; charset=utf-8",
          "cache-control": "no-store",
        },
      }
    )
  })
}
