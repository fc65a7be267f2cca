"use client"
import { ChangeEmailForm } from "./step-form.js"
import { LinkMark } from "./link-mark.js"
import { partClass } from "./parts.js"
import type { StepView } from "./view.js"

/** The invitation: this email is not on Link yet; Link's sign-up page brings the person back. */
export function SignupStep({ view }: { view: StepView }) {
  const { state, labels, classNames, Heading } = view
  return (
    <>
      <Heading className={partClass("title", classNames)} tabIndex={-1}>
        {labels.signupTitle}
      </Heading>
      <p className={partClass("lead", classNames)}>
        <strong>{state.email}</strong> {labels.signupLead}{" "}
        <LinkMark classNames={classNames} /> {labels.signupLeadEnd}
      </p>
      <p className={partClass("fine", classNames)}>{labels.signupNote}</p>
      {state.signupUrl && /^https?:\/\//.test(state.signupUrl) ? (
        <a
          href={state.signupUrl}
          className={partClass("signupLink", classNames)}
        >
          {labels.signupLink}
        </a>
      ) : null}
      <ChangeEmailForm
        view={view}
        email={state.email}
        className={partClass("form", classNames, "lwl-form--tight")}
      />
    </>
  )
}
