import type { Ref } from "react"
import { isLinkSignInCode, linkErrorText } from "@login-with-link/core"
import type { LinkSignInAlert } from "./state.js"
import { fill, readablePhone, type LinkSignInLabels } from "./labels.js"
import { partClass, type LinkSignInClassNames } from "./parts.js"
import type { LinkSignInCopy } from "./view.js"

/**
 * The words of an alert: the app's copy for its code, else the server's (`linkErrorCopy`), with
 * the numbers it carries (tries left, the wait) in the core's one wording (`linkErrorText`).
 */
export function alertText(
  alert: LinkSignInAlert,
  copy: LinkSignInCopy | undefined,
  labels: LinkSignInLabels,
  redactedPhone: string | undefined
): { message: string; action: string } {
  const own = copy?.[alert.code]
  const words = {
    message: own?.message ?? alert.message,
    action: own?.action ?? alert.action,
  }
  if (alert.code === "code_sent" && !own?.message && redactedPhone) {
    words.message = fill(alert.resent ? labels.codeResent : labels.codeSent, {
      phone: readablePhone(redactedPhone, labels),
    })
    if (alert.resent && !own?.action) words.action = labels.codeResentAction
  }
  // A driver's own code (Better Auth's account_not_linked) carries its words as they are.
  if (!isLinkSignInCode(alert.code)) return words
  const numbers = {
    labels,
    retryAfter: alert.retryAfter,
    attemptsLeft: alert.attemptsLeft,
  }
  return {
    message: linkErrorText(alert.code, {
      part: "message",
      copy: words,
      ...numbers,
    }),
    // When the wait is shown, our action drops its own "wait" (the app's own action stays).
    action:
      alert.retryAfter !== undefined && own?.action === undefined
        ? linkErrorText(alert.code, { part: "action", ...numbers })
        : words.action,
  }
}

/**
 * What the alert box needs of an alert: its kind and code (for `data-*`), whether it is quiet, and
 * whether it is an alert of its own (`role="alert"`: the page's error, in the page from the first
 * paint, which the live region around it would not announce).
 */
export type AlertBoxAlert = Pick<LinkSignInAlert, "kind" | "quiet"> & {
  code: string
  announce?: boolean
}

export function AlertBox({
  alert,
  text,
  id,
  classNames,
  ref,
}: {
  alert: AlertBoxAlert
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
      role={alert.announce ? "alert" : undefined}
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
