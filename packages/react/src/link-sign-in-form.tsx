"use client"
/**
 * `LinkSignInForm`: the whole sign-in with Link (email, code, resend, sign-up invitation) as one
 * component over the app's action (its driver). Every step is a plain `<form>` posting to that
 * action (`useActionState`), so with a server action it works before and without JavaScript; with
 * JavaScript, the code field submits itself, countdowns tick, alerts are announced, focus follows
 * what needs attention, and the other tabs of the browser follow the sign-in.
 *
 * @module
 */
import {
  type ReactNode,
  startTransition,
  useActionState,
  useEffect,
  useId,
  useRef,
  useState,
} from "react"
import { linkErrorCopy, type LinkSignInCode } from "@login-with-link/core"
import type { LinkFormState } from "./state.js"
import { AlertBox, alertText, type AlertBoxAlert } from "./alert.js"
import { CodeStep } from "./code-step.js"
import { EmailStep } from "./email-step.js"
import { OAuthStep } from "./oauth-step.js"
import { defaultLabels, type LinkSignInLabels } from "./labels.js"
import { partClass, type LinkSignInClassNames } from "./parts.js"
import { SignupStep } from "./signup-step.js"
import { useTabs } from "./tabs.js"
import { usePageQuery } from "./use-page-query.js"
import type { LinkSignInCopy, StepView } from "./view.js"

/**
 * The action the form posts to. Any {@link LinkFormAction} fits; so does one that needs a state
 * (the form always passes the one it shows).
 */
export type LinkSignInAction = (
  state: LinkFormState,
  formData: FormData
) => Promise<LinkFormState>

/** Props of {@link LinkSignInForm}. */
export interface LinkSignInFormProps {
  /**
   * The driver: a server action whose body is e.g. `linkSignIn(signIn, state, formData)`
   * (`@login-with-link/next/server`), or a client-side one.
   */
  action: LinkSignInAction
  /**
   * Where the sign-in starts: the action called with no form data while the page renders (the
   * sign-in in progress, from its cookie). Without it the form starts at the email step.
   */
  state?: LinkFormState
  /**
   * Where to go after signing in (checked again by the driver). Default: the page's
   * `?callbackUrl=`, read in the browser (`@login-with-link/next` reads it on the server too; with
   * another server renderer, pass it so that it is in the HTML before JavaScript runs).
   */
  callbackUrl?: string
  /**
   * The email to start with. Default: the page's `?email=` (Link's sign-up page sends the person
   * back with it), read as `callbackUrl` is.
   */
  email?: string
  /**
   * Another tab of this browser signed in. Default: reload the page (`@login-with-link/next`
   * passes Next.js's `router.refresh`).
   */
  onSignedInElsewhere?: () => void
  /**
   * A driver that runs in the browser answered a state with `redirectTo`: the person is signed
   * in. Default: `window.location.assign(redirectTo)`; pass your router's navigate instead.
   */
  onSignedIn?: (redirectTo: string) => void
  /** Classes for the root element. */
  className?: string
  /** Classes per part (`title`, `input`, `button`, ...), added to the form's own `lwl-*` ones. */
  classNames?: LinkSignInClassNames
  /** Per-code words, over the provider's `linkErrorCopy`. */
  copy?: LinkSignInCopy
  /** The form's own words (headings, labels, buttons). */
  labels?: Partial<LinkSignInLabels>
  /** The level of the step's heading. Default 1 (the form is the page); 2 beside other content. */
  headingLevel?: 1 | 2 | 3 | 4
  /**
   * "Continue with Link", Link's own sign-in page (OAuth): `"above"` the code steps, or `"only"`
   * (no code steps). A form posting `intent=oauth` to `action`, whose driver redirects to Link
   * (`linkSignIn` calls `signIn("link-oauth", { redirectTo })`). Default: the code steps only.
   */
  oauth?: "above" | "only"
  /**
   * An error the page shows before the first answer, as an alert (`role="alert"`, so screen
   * readers announce it although it is there when the page loads). A code shows its copy (core's
   * `linkErrorCopy`, over which `copy` applies), e.g. why the last "Continue with Link" did not
   * finish: `readLinkOAuthError(searchParams)` of `@login-with-link/provider`, read on the
   * server. Or the page's own words (`code` becomes the alert's `data-code`).
   */
  error?:
    | LinkSignInCode
    | { message: string; action?: string; code?: string }
    | undefined
  /**
   * The app's human check (a CAPTCHA or Turnstile widget whose answer is posted as `human_token`),
   * shown in the email step's or the resend form when the driver answered `human_check_required`
   * (past the per-email send limit, with the core's `verifyHuman` configured).
   */
  humanCheck?: ReactNode
}

/** The core's `MAX_EMAIL_LENGTH`; not imported, as its module would bring zod's schemas along. */
const MAX_EMAIL = 320

/** An alert as the live region shows it. */
interface Shown {
  key: string
  alert: AlertBoxAlert
  text: { message: string; action: string }
}

/** A same-origin path, or "/" (a driver's `redirectTo` never leaves the origin). */
const samePath = (path: string) => (/^\/(?![/\\])/.test(path) ? path : "/")

const reload = () => window.location.reload()

/** The page's own error (`error`): a code's copy, or the page's words; announced as an alert. */
function pageError(
  error: NonNullable<LinkSignInFormProps["error"]>,
  copy: LinkSignInCopy | undefined
): Shown | undefined {
  if (typeof error === "string") {
    // An unknown code (a hand-edited URL): nothing to say.
    if (!Object.hasOwn(linkErrorCopy, error)) return undefined
    const words = linkErrorCopy[error]
    return {
      key: "error",
      alert: { kind: "error", code: error, announce: true },
      text: {
        message: copy?.[error]?.message ?? words.message,
        action: copy?.[error]?.action ?? words.action,
      },
    }
  }
  return {
    key: "error",
    alert: { kind: "error", code: error.code ?? "error", announce: true },
    text: { message: error.message, action: error.action ?? "" },
  }
}

/** The first state: the page's, or the email step; `?email=` fills the email in. */
function initialState(
  state: LinkFormState | undefined,
  queryEmail: string
): LinkFormState {
  const first: LinkFormState = state ?? {
    step: "email",
    email: "",
    serverNow: Date.now(),
    seq: 0,
  }
  if (!queryEmail || first.email === queryEmail) return first
  // Back from Link's sign-up page (or a link with the email in it): that email, from the start.
  if (first.step === "email" && first.email === "")
    return { ...first, email: queryEmail }
  if (first.step === "code")
    return {
      step: "email",
      email: queryEmail,
      serverNow: first.serverNow,
      seq: 0,
    }
  return first
}

/**
 * The sign-in with Link form. Semantic HTML with `lwl-*` classes and no styles of its own:
 * `@login-with-link/react/styles.css` gives it a look (CSS custom properties), or style the
 * classes, or pass `className` / `classNames`. The root carries `data-step` and `data-pending`.
 *
 * @example
 * ```tsx
 * // app/login/page.tsx
 * import { LinkSignInForm } from "@login-with-link/react"
 * import { linkAction } from "./actions"
 * export default async function LoginPage() {
 *   return <LinkSignInForm action={linkAction} state={await linkAction()} />
 * }
 * ```
 */
export function LinkSignInForm(props: LinkSignInFormProps) {
  const pageCallbackUrl = usePageQuery("callbackUrl")
  const pageEmail = usePageQuery("email")
  const callbackUrl = props.callbackUrl ?? pageCallbackUrl
  const queryEmail = (props.email ?? pageEmail)
    .trim()
    .toLowerCase()
    .slice(0, MAX_EMAIL)
  const [state, formAction, isPending] = useActionState(
    props.action,
    initialState(props.state, queryEmail)
  )
  const labels: LinkSignInLabels = { ...defaultLabels, ...props.labels }
  const id = useId()
  const rootRef = useRef<HTMLDivElement>(null)
  const alertRef = useRef<HTMLDivElement>(null)
  // The intent of the form on its way, if any: a "verify" that never answers signed the person in
  // (the page is leaving with Next.js's redirect).
  const submitted = useRef<string | undefined>(undefined)
  const [notice, setNotice] = useState<string | undefined>(undefined)

  const tell = useTabs((message) => {
    if (message.type === "signed-in") {
      setNotice(labels.signedInElsewhere)
      ;(props.onSignedInElsewhere ?? reload)()
      return
    }
    // Another tab sent a code or started over: show the sign-in as it now is.
    const resume = new FormData()
    resume.set("intent", "resume")
    resume.set("email", state.email)
    setNotice(labels.changedElsewhere)
    startTransition(() => formAction(resume))
  })

  useEffect(() => {
    if (state.seq === 0) return
    const intent = submitted.current
    submitted.current = undefined
    if (state.redirectTo !== undefined) {
      tell({ type: "signed-in" })
      const to = samePath(state.redirectTo)
      if (props.onSignedIn) props.onSignedIn(to)
      else window.location.assign(to)
      return
    }
    // Tell the other tabs when the sign-in in progress changed here.
    if (
      intent &&
      intent !== "resume" &&
      (state.alert?.code === "code_sent" ||
        intent === "change" ||
        (state.step === "email" && intent !== "start"))
    )
      tell({ type: "changed" })
    // The first render's focus is the server's autoFocus; move it only after an answer.
    const root = rootRef.current
    if (!root || !intent || intent === "resume") return
    const target =
      state.alert?.field === "resend"
        ? root.querySelector<HTMLElement>(
            `[id="${CSS.escape(`${id}-resend`)}"]:not(:disabled)`
          )
        : state.step === "email"
          ? root.querySelector<HTMLElement>("input[name=email]")
          : state.step === "code"
            ? root.querySelector<HTMLElement>("input[name=code]")
            : root.querySelector<HTMLElement>(".lwl-title")
    ;(target ?? alertRef.current)?.focus()
    // Only a new answer moves focus or tells the other tabs.
  }, [state])

  useEffect(
    () => () => {
      if (submitted.current === "verify") tell({ type: "signed-in" })
    },
    []
  )

  const Heading = `h${props.headingLevel ?? 1}` as StepView["Heading"]
  const view: StepView = {
    state,
    formAction,
    labels,
    classNames: props.classNames,
    callbackUrl,
    Heading,
    oauth: props.oauth,
    humanCheck:
      state.alert?.code === "human_check_required" ? props.humanCheck : null,
    ids: {
      alert: `${id}-alert`,
      email: `${id}-email`,
      code: `${id}-code`,
      sentTo: `${id}-sent-to`,
      expiry: `${id}-expiry`,
      resendWait: `${id}-resend-wait`,
      resendButton: `${id}-resend`,
      lastTry: `${id}-last-try`,
    },
    onSubmitIntent: (intent) => {
      submitted.current = intent
      setNotice(undefined)
    },
  }
  const alert = state.alert
  // What the live region says: the answer's alert; else a note from another tab; else, until the
  // first answer, the page's own error (`error`). A new answer on its way hides them all.
  const shown: Shown | undefined = isPending
    ? undefined
    : alert
      ? {
          key: "alert",
          alert,
          text: alertText(alert, props.copy, labels, state.redactedPhone),
        }
      : notice
        ? {
            key: "notice",
            alert: { kind: "info", code: "elsewhere" },
            text: { message: notice, action: "" },
          }
        : props.error && state.seq === 0
          ? pageError(props.error, props.copy)
          : undefined

  return (
    <div
      ref={rootRef}
      className={partClass("root", props.classNames, props.className)}
      data-step={props.oauth === "only" ? "oauth" : state.step}
      data-pending={isPending || undefined}
    >
      {/* Always in the page, so screen readers announce each new message. */}
      <div aria-live="polite" aria-atomic="true" className="lwl-alert-slot">
        {shown ? (
          <AlertBox
            key={`${state.seq}-${shown.key}`}
            ref={alertRef}
            id={view.ids.alert}
            alert={shown.alert}
            text={shown.text}
            classNames={props.classNames}
          />
        ) : null}
      </div>
      {props.oauth === "only" ? (
        <OAuthStep view={view} />
      ) : state.step === "code" ? (
        <CodeStep key={`code-${state.seq}`} view={view} />
      ) : state.step === "signup" ? (
        <SignupStep view={view} />
      ) : (
        <EmailStep key={`email-${state.seq}`} view={view} />
      )}
    </div>
  )
}
