/**
 * What every journey shares: a handle on the Link simulator's control API and outbox, a fresh
 * person on Link per test (so journeys never share rate limits), and the sign-in steps.
 */
import { randomBytes } from "node:crypto"
import { basename } from "node:path"
import {
  test as base,
  expect,
  type APIRequestContext,
  type Locator,
  type Page,
} from "@playwright/test"
import { cspViolations } from "./csp-violations"

export { expect }

export type Person = { email: string; phone: string; fullName: string }
type OutboxMessage = {
  phone: string
  email: string
  code: string
  sentAt: string
}
type FaultSpec = {
  route: "lookup-email" | "start_verification" | "authenticate" | "*"
  kind: "status" | "hang" | "latency" | "malformed" | "html" | "drop"
  count?: number
  status?: 500 | 502 | 503 | 429
}

/** The simulator's test-only control API and its outbox. */
export class LinkSimulator {
  private readonly request: APIRequestContext
  constructor(request: APIRequestContext) {
    this.request = request
  }

  async seed(person: Person): Promise<void> {
    const response = await this.request.post("/__control/people", {
      data: person,
    })
    expect(response.status(), await response.text()).toBe(201)
  }

  async messages(email: string): Promise<OutboxMessage[]> {
    const response = await this.request.get(
      `/__dev/outbox?email=${encodeURIComponent(email)}`
    )
    expect(response.ok()).toBe(true)
    const body = (await response.json()) as { messages: OutboxMessage[] }
    return body.messages
  }

  /** The newest code texted to `email`, once `count` messages have been sent to them. */
  async code(email: string, count = 1): Promise<string> {
    // One request per poll (a failed one is retried by the poll), and the code read from the
    // same answer that satisfied it.
    let newest: OutboxMessage | undefined
    await expect
      .poll(
        async () => {
          const messages = await this.messages(email)
          newest = messages[0]
          return messages.length
        },
        { message: `waiting for SMS #${count} to ${email}` }
      )
      .toBeGreaterThanOrEqual(count)
    if (!newest) throw new Error(`no SMS to ${email}`)
    return newest.code
  }

  async advanceClock(advanceMs: number): Promise<void> {
    const response = await this.request.post("/__control/clock", {
      data: { advanceMs },
    })
    expect(response.ok()).toBe(true)
  }

  async addFault(fault: FaultSpec): Promise<void> {
    const response = await this.request.post("/__control/faults", {
      data: fault,
    })
    expect(response.status(), await response.text()).toBe(201)
  }

  async clearFaults(): Promise<void> {
    expect((await this.request.delete("/__control/faults")).ok()).toBe(true)
  }

  async reset(): Promise<void> {
    expect((await this.request.post("/__control/reset")).ok()).toBe(true)
  }
}

/** A person nobody else uses: a unique email and phone. */
export function newPerson(label: string): Person {
  const id = randomBytes(4).toString("hex")
  const digits = String(parseInt(id, 16) % 10_000_000).padStart(7, "0")
  return {
    email: `${label}-${id}@example.com`,
    phone: `+1415${digits}`,
    fullName: `Casey ${label
      .split("-")
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(" ")}`,
  }
}

/** "+14155550123" as the form shows it (Link's "+1*******23" as people read it): "•••• 23". */
export function shownPhone(phone: string): string {
  return `•••• ${phone.slice(-2)}`
}

/** The code step's line "We texted a code to •••• 23" (not the announcement, which ends in "."). */
export function codeSentLine(page: Page, phone: string): Locator {
  return page.getByText(
    new RegExp(`^We texted a code to ${shownPhone(phone)}(?!\\.)`)
  )
}

/** A six-digit code that is neither `code` nor test mode's always-valid 000000. */
export function wrongCode(code: string): string {
  const next = String((Number(code) + 1) % 1_000_000).padStart(6, "0")
  return next === "000000" ? "000001" : next
}

export const test = base.extend<{
  link: LinkSimulator
  person: Person
  cspViolations: string[]
}>({
  // Every journey also checks that the Content-Security-Policy blocked nothing the shop needs.
  cspViolations,
  link: async ({ playwright }, use) => {
    const request = await playwright.request.newContext({
      baseURL: process.env.E2E_SIM_URL,
    })
    await use(new LinkSimulator(request))
    await request.dispose()
  },
  person: async ({ link }, use, testInfo) => {
    const person = newPerson(basename(testInfo.file, ".spec.ts"))
    await link.seed(person)
    await use(person)
  },
})

/** A product in the cart, then "Check out": a signed-out person is sent to sign in. */
export async function checkOutSignedOut(
  page: Page,
  product = "stoneware-mug"
): Promise<void> {
  await page.goto(`/products/${product}`)
  await page.getByRole("button", { name: "Add to cart" }).click()
  await page.getByRole("link", { name: "Check out" }).click()
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fcheckout$/)
}

/** Email step: ask Link for a code and wait for the code step. */
export async function requestCode(page: Page, email: string): Promise<void> {
  await page.getByLabel("Email").fill(email)
  await page.getByRole("button", { name: "Continue with Link" }).click()
  await expect(
    page.getByRole("heading", { name: "Enter your code" })
  ).toBeVisible()
}

export function codeInput(page: Page) {
  return page.getByLabel("6-digit code")
}
