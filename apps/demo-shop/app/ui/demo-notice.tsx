import type { DemoInfo } from "@/app/lib/demo"

export function DemoNotice({ demo }: { demo: DemoInfo }) {
  return (
    <aside className="demo-notice" aria-labelledby="demo-notice-title">
      <h2 id="demo-notice-title" className="demo-notice__title">
        Try Login with Link
      </h2>
      <p>
        This shop runs on the Link simulator, so no real text message is sent.
        Sign in with the demo account{" "}
        <strong className="mono">{demo.email}</strong>, then read the six-digit
        code in the{" "}
        <a href={demo.outboxUrl} target="_blank" rel="noreferrer">
          simulator&apos;s SMS outbox
          <span className="visually-hidden"> (opens in a new tab)</span>
        </a>
        .
      </p>
      <p className="demo-notice__hint">
        Any other email shows the invitation to sign up for Link.
      </p>
    </aside>
  )
}
