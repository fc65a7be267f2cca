/**
 * The HTML of the simulated login.link.com hosted page: the email step, the code step, the
 * sign-up invite, the failed sign-in and the error pages. Plain forms that work without
 * JavaScript; every message is in {@link HOSTED_MESSAGES}.
 * @module
 */
import { escapeHtml, page } from "../html.js"

/** Every message the hosted page shows. */
export const HOSTED_MESSAGES = {
  title: "Sign in with Link",
  intro: (client: string) =>
    `${client} asks you to sign in with Link. Enter the email of your Link account.`,
  badEmail: "Enter an email address, like jo@example.com.",
  notOnLink: (email: string) => `There is no Link account for ${email}.`,
  signUp: "Sign up for Link",
  signUpHint:
    "After signing up you come back here to sign in. Or use another email.",
  codeSent: (phone: string) => `We sent a 6-digit code to ${phone}.`,
  codeResent: (phone: string) => `We sent a new code to ${phone}.`,
  badCode: "Enter the 6-digit code from the text message.",
  wrongCode: (left: number) =>
    `That code is not right. ${left} ${left === 1 ? "try" : "tries"} left.`,
  codeExpired: "This code has expired. Send a new code.",
  tooManyAttempts:
    "Too many incorrect codes. Start over to get a new code, or cancel.",
  resendWait: (seconds: number) =>
    `A code was sent moments ago. Wait ${seconds} seconds before asking for another.`,
  sendCap: (seconds: number) =>
    `Too many codes were sent to this number in the last hour. Try again in ${seconds} seconds.`,
  signInGone:
    "This sign-in has expired or was started in another browser. Go back to the shop and choose to sign in with Link again.",
  crossSite:
    "This form was sent from another site, so it is refused. Go back to the shop and start again.",
  clientMissing:
    "This sign-in link has no client_id. The shop's Link OAuth settings are wrong.",
  clientUnknown:
    "This sign-in link names an unknown client_id. The shop's Link OAuth settings are wrong.",
  redirectMissing:
    "This sign-in link has no redirect_uri. The shop's Link OAuth settings are wrong.",
  redirectRefused:
    "This sign-in link's redirect_uri is not registered for this client, so Link will not send you there.",
  repeated: (param: string) =>
    `This sign-in link has ${param} more than once, so Link will not use it.`,
  rateLimited: (seconds: number) =>
    `Too many requests. Try again in ${seconds} seconds.`,
  unavailable:
    "Link is unavailable right now (injected fault). Try again later.",
} as const

/** What every hosted page knows about the sign-in it belongs to. */
export interface PageContext {
  /** The sign-in's id (the hidden `request` field). */
  request: string
  /** The shop's name. */
  client: string
  /** The authorization URL's path and query, to start over. */
  startOver: string
}

const ACTION = "/oauth/auth"

function form(context: PageContext, inner: string): string {
  return `<form method="post" action="${ACTION}">
<input type="hidden" name="request" value="${escapeHtml(context.request)}">
${inner}
</form>`
}

const cancelButton = `<button type="submit" name="intent" value="cancel" formnovalidate class="secondary">Cancel</button>`

function alert(message: string | undefined): string {
  return message
    ? `<div role="alert"><p class="error">${escapeHtml(message)}</p></div>`
    : ""
}

/** The first step: the person types their email. */
export function emailPage(
  context: PageContext,
  values: { email?: string; error?: string | undefined } = {}
): string {
  const error = values.error
  return page(
    error ? `Error: ${HOSTED_MESSAGES.title}` : HOSTED_MESSAGES.title,
    `<h1>${HOSTED_MESSAGES.title}</h1>
<p>${escapeHtml(HOSTED_MESSAGES.intro(context.client))}</p>
${form(
  context,
  `<label for="email">Email</label>
${error ? `<p class="error" id="email-error">${escapeHtml(error)}</p>` : ""}
<input id="email" name="email" type="email" autocomplete="email" required value="${escapeHtml(values.email ?? "")}"${error ? ' aria-invalid="true" aria-describedby="email-error"' : ""}>
<div class="actions"><button type="submit" name="intent" value="email">Continue</button>
${cancelButton}</div>`
)}`
  )
}

/** The second step: the code sent by SMS. */
export function codePage(
  context: PageContext,
  values: {
    phone: string
    notice?: string | undefined
    error?: string | undefined
  }
): string {
  const { error } = values
  return page(
    error ? `Error: ${HOSTED_MESSAGES.title}` : HOSTED_MESSAGES.title,
    `<h1>${HOSTED_MESSAGES.title}</h1>
<p role="status">${escapeHtml(values.notice ?? HOSTED_MESSAGES.codeSent(values.phone))}</p>
${form(
  context,
  `<label for="code">Code</label>
${error ? `<p class="error" id="code-error">${escapeHtml(error)}</p>` : ""}
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required${error ? ' aria-invalid="true" aria-describedby="code-error"' : ""}>
<div class="actions"><button type="submit" name="intent" value="code">Sign in</button>
<button type="submit" name="intent" value="resend" formnovalidate class="secondary">Send a new code</button>
<button type="submit" name="intent" value="restart" formnovalidate class="secondary">Use another email</button>
${cancelButton}</div>`
)}`
  )
}

/** An email that has no Link account: the invite to sign up, or to use another email. */
export function invitePage(
  context: PageContext,
  values: { email: string; signupUrl: string }
): string {
  return page(
    HOSTED_MESSAGES.title,
    `<h1>${HOSTED_MESSAGES.title}</h1>
<p role="status">${escapeHtml(HOSTED_MESSAGES.notOnLink(values.email))}</p>
<p><a href="${escapeHtml(values.signupUrl)}">${HOSTED_MESSAGES.signUp}</a></p>
<p class="hint">${HOSTED_MESSAGES.signUpHint}</p>
${form(
  context,
  `<div class="actions"><button type="submit" name="intent" value="restart" class="secondary">Use another email</button>
${cancelButton}</div>`
)}`
  )
}

/** A sign-in that can no longer succeed (too many wrong codes): start over or cancel. */
export function failedPage(context: PageContext, message: string): string {
  return page(
    `Error: ${HOSTED_MESSAGES.title}`,
    `<h1>${HOSTED_MESSAGES.title}</h1>
${alert(message)}
<p><a href="${escapeHtml(context.startOver)}">Start over</a></p>
${form(context, `<div class="actions">${cancelButton}</div>`)}`
  )
}

/** A page that cannot send the person back to the shop (no trusted redirect_uri, or no sign-in). */
export function errorPage(title: string, message: string): string {
  return page(
    `Error: ${title}`,
    `<h1>${escapeHtml(title)}</h1>
${alert(message)}`
  )
}
