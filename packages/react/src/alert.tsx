import type { Ref } from "react"
import type { LinkSignInAlert } from "./state.js"
import { fill, formatDuration, type LinkSignInLabels } from "./labels.js"
import { partClass, type LinkSignInClassNames } from "./parts.js"
import type { LinkSignInCopy } from "./view.js"

/** The words of an alert: the app's copy for its code, else the server's (`linkErrorCopy`). */
export function alertText(
  alert: LinkSignInAlert,
  copy: LinkSignInCopy | undefined,
  labels: LinkSignInLabels,
  redactedPhone: string | undefined
): { message: string; action: string } {
  const own = copy?.[alert.code]
  let message = own?.message ?? alert.message
  let action = own?.action ?? alert.action
  if (alert.code === "code_sent" && !own?.message && redactedPhone) {
    message = fill(alert.resent ? labels.codeResent : labels.codeSent, {
      phone: redactedPhone,
    })
    if (alert.resent && !own?.action) action = labels.codeResentAction
  }
  const extra =
    alert.code === "invalid_code" && alert.attemptsLeft !== undefined
      ? alert.attemptsLeft === 1
        ? labels.attemptLeft
        : fill(labels.attemptsLeft, { count: alert.attemptsLeft })
      : alert.retryAfter
        ? fill(labels.retryIn, {
            time: formatDuration(alert.retryAfter, labels),
          })
        : ""
  return { message: extra ? `${message} ${extra}` : message, action }
}

export function AlertBox({
  alert,
  text,
  id,
  classNames,
  ref,
}: {
  alert: LinkSignInAlert
  text: { message: string; action: string }
  id: string
  classNames: LinkSignInClassNames | undefined
  ref?: Ref<HTMLDivElement>
}) {
  return (
    <div
      ref={ref}
      id={id}
      tabIndex={-1}
      className={partClass(
        "alert",
        classNames,
        alert.quiet
          ? partClass("visuallyHidden", classNames)
          : `lwl-alert--${alert.kind}`
      )}
      data-code={alert.code}
      data-kind={alert.kind}
    >
      <p className={partClass("alertMessage", classNames)}>{text.message}</p>
      {text.action ? (
        <p className={partClass("alertAction", classNames)}>{text.action}</p>
      ) : null}
    </div>
  )
}
