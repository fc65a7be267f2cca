/**
 * What every step of the form is given: the state, the action, the words, the classes, and the
 * element ids of this form (unique per form, so two forms on a page never share one).
 *
 * @module
 */
import type { ReactNode } from "react"
import type { LinkSignInCode } from "@login-with-link/core"
import type { LinkErrorCopy } from "@login-with-link/core"
import type { LinkDriverCode, LinkFormState } from "./state.js"
import type { LinkSignInLabels } from "./labels.js"
import type { LinkSignInClassNames } from "./parts.js"

/** Per-code overrides of the provider's `linkErrorCopy` (what happened, what to do next). */
export type LinkSignInCopy = Partial<
  Record<LinkSignInCode | LinkDriverCode, Partial<LinkErrorCopy>>
>

export interface StepView {
  state: LinkFormState
  formAction: (formData: FormData) => void
  labels: LinkSignInLabels
  classNames: LinkSignInClassNames | undefined
  callbackUrl: string
  Heading: "h1" | "h2" | "h3" | "h4"
  /** The app's human check widget, shown in the form whose step asked for it. */
  humanCheck: ReactNode
  /** Where "Continue with Link" (OAuth) goes, if anywhere. */
  oauth: "above" | "only" | undefined
  ids: {
    alert: string
    email: string
    code: string
    sentTo: string
    expiry: string
    resendWait: string
    resendButton: string
    lastTry: string
  }
  /** Called when a form of this step is submitted, with its intent. */
  onSubmitIntent: (intent: string) => void
}
