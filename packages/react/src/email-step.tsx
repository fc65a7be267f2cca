"use client"
import { HumanCheck, StepForm } from "./step-form.js"
import { LinkMark } from "./link-mark.js"
import { OAuthButton, OAuthDivider } from "./oauth-step.js"
import { partClass } from "./parts.js"
import { SubmitButton } from "./submit-button.js"
import type { StepView } from "./view.js"

/** The email step: the email Link knows the person by. */
export function EmailStep({ view }: { view: StepView }) {
  const { state, labels, classNames, ids, Heading } = view
  // The human check asks for more, not for another email: the field is not marked invalid.
  const invalid =
    state.alert?.kind === "error" &&
    state.alert.field === "email" &&
    state.alert.code !== "human_check_required"
  return (
    <>
      <Heading className={partClass("title", classNames)} tabIndex={-1}>
        {labels.emailTitle}
      </Heading>
      <p className={partClass("lead", classNames)}>
        {labels.emailLead} <LinkMark classNames={classNames} />
        {labels.emailLeadEnd}
      </p>
      {view.oauth === "above" ? (
        <>
          <OAuthButton view={view} />
          <OAuthDivider view={view} />
        </>
      ) : null}
      <StepForm
        view={view}
        intent="start"
        className={partClass("form", classNames)}
      >
        <div className={partClass("field", classNames)}>
          <label htmlFor={ids.email} className={partClass("label", classNames)}>
            {labels.emailLabel}
          </label>
          <input
            id={ids.email}
            name="email"
            type="email"
            autoComplete="email"
            inputMode="email"
            spellCheck={false}
            required
            maxLength={320}
            autoFocus
            defaultValue={state.email}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? ids.alert : undefined}
            className={partClass("input", classNames)}
          />
        </div>
        <HumanCheck view={view} />
        <SubmitButton
          className={partClass("button", classNames)}
          pendingText={labels.emailSubmitPending}
        >
          {view.oauth === "above"
            ? labels.emailSubmitBesideOAuth
            : labels.emailSubmit}
        </SubmitButton>
      </StepForm>
      <p className={partClass("fine", classNames)}>{labels.emailFine}</p>
    </>
  )
}
