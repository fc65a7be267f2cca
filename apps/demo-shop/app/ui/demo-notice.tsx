import type { DemoInfo } from "@/app/lib/demo"

function NewTab() {
  return <span className="visually-hidden"> (opens in a new tab)</span>
}

export function DemoNotice({ demo }: { demo: DemoInfo }) {
  const { outbox, hostedLoginUrl, secondShopUrl } = demo
  return (
    <aside className="demo-notice" aria-labelledby="demo-notice-title">
      <h2 id="demo-notice-title" className="demo-notice__title">
        Try Login with Link
      </h2>
      {outbox ? (
        <>
          <p>
            This shop runs on the Link simulator, so no real text message is
            sent. Sign in with the demo account{" "}
            <strong className="mono">{outbox.email}</strong>, then read the
            six-digit code in the{" "}
            <a href={outbox.url} target="_blank" rel="noreferrer">
              simulator&apos;s SMS outbox
              <NewTab />
            </a>
            .
          </p>
          <p className="demo-notice__hint">
            Any other email shows the invitation to sign up for Link.
          </p>
        </>
      ) : null}
      {hostedLoginUrl || secondShopUrl ? (
        <ul className="demo-notice__links">
          {hostedLoginUrl ? (
            <li>
              <a href={hostedLoginUrl} target="_blank" rel="noreferrer">
                The hosted Login with Link page
                <NewTab />
              </a>{" "}
              (an OpenID Provider)
            </li>
          ) : null}
          {secondShopUrl ? (
            <li>
              <a href={secondShopUrl} target="_blank" rel="noreferrer">
                Corner Store, a second shop
                <NewTab />
              </a>{" "}
              that signs in through the same page, without next-auth
            </li>
          ) : null}
        </ul>
      ) : null}
    </aside>
  )
}
