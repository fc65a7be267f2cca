/**
 * The hosted Login with Link page's steps, as the shops' tests walk them with a cookie-keeping
 * client: from a shop page that needs sign-in, through the email and code forms, back to the shop.
 * For vitest.
 *
 * @module
 */
import { expect } from "vitest"

/** A page as a test client followed it: the final response, its URL and its text. */
export interface FollowedPage {
  response: Response
  url: string
  page: string
}

/** What {@link signInThroughHostedPage} needs of a test's cookie-keeping client. */
export interface FormClient {
  /** GETs `url`, following redirects. */
  follow(url: string): Promise<FollowedPage>
  /** POSTs a form to `url` as a browser on that page would, following redirects. */
  form(url: string, fields: Record<string, string>): Promise<FollowedPage>
}

/** The first capture of `pattern` in `page`, with `&amp;` decoded. */
export function attr(page: string, pattern: RegExp): string {
  const match = pattern.exec(page)
  if (!match?.[1]) throw new Error(`not found: ${pattern}`)
  return match[1].replaceAll("&amp;", "&")
}

/**
 * Opens `from` (a shop page that sends a signed-out person to the hosted page at `hostedUrl`),
 * submits `email`, then the code the simulator at `linkUrl` texted; answers the page it ends on.
 */
export async function signInThroughHostedPage(
  browser: FormClient,
  where: { from: string; hostedUrl: string; linkUrl: string },
  email: string
): Promise<FollowedPage> {
  const start = await browser.follow(where.from)
  expect(start.url.startsWith(where.hostedUrl)).toBe(true)
  const emailAction = attr(
    start.page,
    /<form method="post" action="([^"]+\/email)"/
  )
  const codeStep = await browser.form(
    new URL(emailAction, where.hostedUrl).href,
    { email }
  )
  const challenge = attr(codeStep.page, /name="challenge"\s+value="([^"]+)"/)
  const codeAction = attr(codeStep.page, /action="([^"]+\/code)"/)
  const outbox = (await (
    await fetch(
      `${where.linkUrl}/__dev/outbox?email=${encodeURIComponent(email)}`
    )
  ).json()) as { messages: { code: string }[] }
  return browser.form(new URL(codeAction, where.hostedUrl).href, {
    challenge,
    code: outbox.messages[0]!.code,
  })
}
