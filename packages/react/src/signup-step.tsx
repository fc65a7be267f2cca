"use client"
import { LinkMark } from "./link-mark.js"
import { partClass } from "./parts.js"
import { StepForm } from "./step-form.js"
import { SubmitButton } from "./submit-button.js"
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
      <StepForm
        view={view}
        intent="change"
        className={partClass("form", classNames, "lwl-form--tight")}
      >
        <input type="hidden" name="email" value={state.email} />
        <SubmitButton
          className={partClass("linkButton", classNames)}
          pendingText={labels.changeEmailPending}
        >
          {labels.changeEmail}
        </SubmitButton>
      </StepForm>
    </>
  )
}
