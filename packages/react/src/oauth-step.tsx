"use client"
import { LinkMark } from "./link-mark.js"
import { partClass } from "./parts.js"
import { SubmitButton } from "./submit-button.js"
import type { StepView } from "./view.js"

/**
 * "Continue with Link": Link's own sign-in page (OAuth). A plain form posting `intent=oauth` (and
 * the callback URL) to the same action, whose driver answers with the framework's redirect to
 * Link, so it works without JavaScript.
 */
export function OAuthButton({ view }: { view: StepView }) {
  const { labels, classNames } = view
  return (
    <form
      action={view.formAction}
      onSubmit={() => view.onSubmitIntent("oauth")}
      className={partClass("form", classNames, "lwl-form--oauth")}
    >
      {view.callbackUrl ? (
        <input type="hidden" name="callbackUrl" value={view.callbackUrl} />
      ) : null}
      <SubmitButton
        className={partClass("oauthButton", classNames)}
        pendingText={labels.oauthSubmitPending}
        name="intent"
        value="oauth"
      >
        {labels.oauthSubmit}
      </SubmitButton>
    </form>
  )
}

/** `oauth="only"`: the heading, a line about Link, and the button; no code steps. */
export function OAuthStep({ view }: { view: StepView }) {
  const { labels, classNames, Heading } = view
  return (
    <>
      <Heading className={partClass("title", classNames)} tabIndex={-1}>
        {labels.emailTitle}
      </Heading>
      <p className={partClass("lead", classNames)}>
        {labels.oauthLead} <LinkMark classNames={classNames} />
        {labels.oauthLeadEnd}
      </p>
      <OAuthButton view={view} />
      <p className={partClass("fine", classNames)}>{labels.oauthFine}</p>
    </>
  )
}

/** Between the button and the code steps (`oauth="above"`). */
export function OAuthDivider({ view }: { view: StepView }) {
  return (
    <p className={partClass("divider", view.classNames)}>
      <span>{view.labels.oauthDivider}</span>
    </p>
  )
}
