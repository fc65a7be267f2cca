import type { Ref } from "react"
import type { LoginAlert } from "@/app/lib/login-state"

export const ALERT_ID = "login-alert"

export function LoginAlertBox({
  alert,
  ref,
}: {
  alert: LoginAlert
  ref?: Ref<HTMLDivElement>
}) {
  return (
    <div
      ref={ref}
      id={ALERT_ID}
      tabIndex={-1}
      className={alert.quiet ? "visually-hidden" : `alert alert--${alert.kind}`}
      data-code={alert.code}
    >
      <p className="alert__message">{alert.message}</p>
      <p className="alert__action">{alert.action}</p>
    </div>
  )
}
