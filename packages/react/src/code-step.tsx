"use client"
import { CodeInput } from "./code-input.js"
import { ChangeEmailForm, HumanCheck, StepForm } from "./step-form.js"
import { fill, formatClock, formatDuration, phoneDigits } from "./labels.js"
import { partClass } from "./parts.js"
import { SubmitButton } from "./submit-button.js"
import { useClock } from "./use-clock.js"
import type { StepView } from "./view.js"

/** The code step: the six digits Link texted, the expiry, resend, and "use a different email". */
export function CodeStep({ view }: { view: StepView }) {
  const { state, labels, classNames, ids, Heading } = view
  const { now, hydrated } = useClock(state.serverNow)
  const alert = state.alert
  const invalid = alert?.kind === "error" && alert.field === "code"
  // One wrong code left: say so at the field, and let the person submit it themselves.
  const lastTry = alert?.code === "invalid_code" && alert.attemptsLeft === 1
  const digits = phoneDigits(state.redactedPhone)
  const expiresIn = ((state.expiresAt ?? now) - now) / 1000
  const resendIn = ((state.resendAt ?? now) - now) / 1000
  // Without JavaScript nothing re-enables a disabled button, so it is only disabled once hydrated;
  // the server refuses an early resend either way.
  const waitToResend = hydrated && resendIn > 0
  const time = (seconds: number) =>
    hydrated ? formatClock(seconds) : formatDuration(seconds, labels)
  const [sentBefore, sentAfter] = labels.codeSentTo.split("{phone}")
  const [asBefore, asAfter] = labels.codeSigningInAs.split("{email}")

  return (
    <>
      <Heading className={partClass("title", classNames)} tabIndex={-1}>
        {labels.codeTitle}
      </Heading>
      <p id={ids.sentTo} className={partClass("lead", classNames)}>
        {sentBefore}
        <strong className="lwl-phone">
          {digits ? (
            <>
              <span aria-hidden="true">
                {fill(labels.phoneEnding, { digits })}
              </span>
              <span className={partClass("visuallyHidden", classNames)}>
                {fill(labels.phoneEndingSpoken, { digits })}
              </span>
            </>
          ) : (
            state.redactedPhone
          )}
        </strong>
        {sentAfter}
      </p>
      <p className={partClass("fine", classNames)}>
        {asBefore}
        <strong>{state.email}</strong>
        {asAfter}
      </p>
      <StepForm
        view={view}
        intent="verify"
        className={partClass("form", classNames)}
      >
        <div className={partClass("field", classNames)}>
          <label htmlFor={ids.code} className={partClass("label", classNames)}>
            {labels.codeLabel}
          </label>
          <CodeInput
            id={ids.code}
            className={
              partClass("input", classNames, "lwl-code-input") +
              (classNames?.codeInput ? ` ${classNames.codeInput}` : "")
            }
            invalid={invalid}
            autoSubmit={!lastTry}
            describedBy={[
              invalid ? ids.alert : ids.sentTo,
              lastTry ? ids.lastTry : "",
              ids.expiry,
            ]
              .filter(Boolean)
              .join(" ")}
          />
          {lastTry ? (
            <p
              id={ids.lastTry}
              className={partClass("hint", classNames, "lwl-hint--warning")}
            >
              {labels.lastTry}
            </p>
          ) : null}
          <p id={ids.expiry} className={partClass("hint", classNames)}>
            {expiresIn > 0
              ? fill(labels.codeExpiresIn, {
                  // Before hydration: whole minutes, as the server cannot tick.
                  time: hydrated
                    ? formatClock(expiresIn)
                    : formatDuration(
                        Math.round(expiresIn / 60) * 60 || expiresIn,
                        labels
                      ),
                })
              : labels.codeExpired}
          </p>
        </div>
        <SubmitButton
          className={partClass("button", classNames)}
          pendingText={labels.codeSubmitPending}
        >
          {labels.codeSubmit}
        </SubmitButton>
      </StepForm>
      <div className={partClass("secondary", classNames)}>
        <StepForm
          view={view}
          intent="resend"
          className={partClass("resend", classNames)}
        >
          <HumanCheck view={view} />
          <SubmitButton
            className={partClass("resendButton", classNames)}
            pendingText={labels.resendPending}
            disabled={waitToResend}
            describedBy={ids.resendWait}
            id={ids.resendButton}
          >
            {labels.resend}
          </SubmitButton>
          <span id={ids.resendWait} className={partClass("hint", classNames)}>
            {resendIn > 0
              ? fill(labels.resendIn, { time: time(resendIn) })
              : labels.resendReady}
          </span>
        </StepForm>
        <ChangeEmailForm view={view} />
      </div>
    </>
  )
}
