import type { ReactNode } from "react"
import type { LinkSignInIntent } from "./state.js"
import { partClass } from "./parts.js"
import { SubmitButton } from "./submit-button.js"
import type { StepView } from "./view.js"

/**
 * One form of a step: a plain `<form>` posting to the action, with the step it asks for (`intent`)
 * and where to go after signing in (checked again on the server), telling the form its intent
 * when submitted.
 */
export function StepForm({
  view,
  intent,
  className,
  children,
}: {
  view: StepView
  intent: LinkSignInIntent
  className?: string | undefined
  children: ReactNode
}) {
  return (
    <form
      action={view.formAction}
      onSubmit={() => view.onSubmitIntent(intent)}
      className={className}
    >
      <input type="hidden" name="intent" value={intent} />
      {view.callbackUrl ? (
        <input type="hidden" name="callbackUrl" value={view.callbackUrl} />
      ) : null}
      {children}
    </form>
  )
}

/** "Use a different email": back to the email step, with `email` filled in when given. */
export function ChangeEmailForm({
  view,
  email,
  className,
}: {
  view: StepView
  email?: string
  className?: string
}) {
  const { labels, classNames } = view
  return (
    <StepForm view={view} intent="change" className={className}>
      {email !== undefined ? (
        <input type="hidden" name="email" value={email} />
      ) : null}
      <SubmitButton
        className={partClass("linkButton", classNames)}
        pendingText={labels.changeEmailPending}
      >
        {labels.changeEmail}
      </SubmitButton>
    </StepForm>
  )
}

/** The app's human check widget, inside a step's form (so its answer posts), when it has one. */
export function HumanCheck({ view }: { view: StepView }) {
  return view.humanCheck ? (
    <div className={partClass("humanCheck", view.classNames)}>
      {view.humanCheck}
    </div>
  ) : null
}
