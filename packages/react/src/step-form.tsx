"use client"
import type { ReactNode } from "react"
import type { LinkSignInIntent } from "./state.js"
import { partClass } from "./parts.js"
import type { StepView } from "./view.js"

/** The step a form asks for, and where to go after signing in (checked again on the server). */
export function HiddenFields({
  intent,
  callbackUrl,
}: {
  intent: LinkSignInIntent
  callbackUrl: string
}) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      {callbackUrl ? (
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
      ) : null}
    </>
  )
}

/** One step's form: posts `intent` (and the way back) to the driver, and tells the tabs. */
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
      <HiddenFields intent={intent} callbackUrl={view.callbackUrl} />
      {children}
    </form>
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
