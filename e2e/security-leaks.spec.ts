// Security journey, run last (project "leaks"): no client_secret, code or challenge appears in a
// URL, nor anywhere in what the shop's server logged during the whole browser run
// (E2E_SHOP_LOG, written by e2e/log-to-file.mjs; see playwright.config.ts).
import { readFileSync } from "node:fs"
import { codeInput, expect, requestCode, test, wrongCode } from "./fixtures"
import { pendingChallenge, shopOrigin } from "./security-helpers"

type Message = { email: string; code: string }

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
/** `needle` as a whole token: not inside a longer run of letters or digits. */
const token = (needle: string) =>
  new RegExp(`(?<![A-Za-z0-9_-])${escape(needle)}(?![A-Za-z0-9_-])`)

test.afterEach(async ({ link }) => {
  await link.clearFaults()
})

test("no client secret, code or challenge in any URL or in the server log", async ({
  page,
  link,
  person,
  playwright,
}) => {
  const logFile = process.env.E2E_SHOP_LOG
  if (!logFile)
    throw new Error("E2E_SHOP_LOG is not set (playwright.config.ts)")
  const urls: string[] = []
  page.on("request", (request) => urls.push(request.url()))
  page.on("response", async (response) => {
    const location = await response.headerValue("location")
    if (location) urls.push(location)
  })
  page.on("framenavigated", (frame) => urls.push(frame.url()))
  const challenges: string[] = []

  await test.step("a sign-in with a Link failure, a wrong code, then the right one", async () => {
    await page.goto("/login?callbackUrl=%2Fcart")
    await requestCode(page, person.email)
    challenges.push(await pendingChallenge(page.context()))
    const code = await link.code(person.email)
    await link.addFault({
      route: "authenticate",
      kind: "status",
      status: 500,
      count: 1,
    })
    await codeInput(page).fill(code)
    await expect(
      page.getByText("Link is not answering right now.")
    ).toBeVisible()
    await codeInput(page).fill(wrongCode(code))
    await expect(page.getByText("That code is not right.")).toBeVisible()
    await codeInput(page).fill(code)
    await expect(page).toHaveURL(`${shopOrigin()}/cart`)
  })

  // Everything the simulator handed out during the whole run, every journey's (a reset in
  // between does not clear this list), and what it texted this journey's person.
  const sim = await playwright.request.newContext({
    baseURL: process.env.E2E_SIM_URL,
  })
  const issued = (await (await sim.get("/__control/issued")).json()) as {
    clientSecrets: string[]
    codes: string[]
  }
  const { messages } = (await (
    await sim.get(`/__dev/outbox?email=${encodeURIComponent(person.email)}`)
  ).json()) as { messages: Message[] }
  await sim.dispose()
  const secrets = [...new Set(issued.clientSecrets)]
  const codes = [...new Set(issued.codes)]
  const mine = messages.map((m) => m.code)
  expect(secrets.length).toBeGreaterThan(0)
  expect(mine.length).toBeGreaterThan(0)
  expect(codes).toEqual(expect.arrayContaining(mine))

  await test.step("no URL the browser saw holds a secret, a code or the challenge", async () => {
    expect(urls.length).toBeGreaterThan(5)
    for (const url of urls) {
      const decoded = decodeURIComponent(url)
      for (const secret of secrets) expect(decoded).not.toContain(secret)
      for (const challenge of challenges)
        expect(decoded).not.toContain(challenge)
      for (const code of mine) expect(decoded).not.toMatch(token(code))
    }
  })

  await test.step("the server log holds none of them", async () => {
    // The Link failure above is logged as an error line: wait until it is in the file.
    await expect
      .poll(() => readFileSync(logFile, "utf8"))
      .toMatch(
        /\[auth\]\[error\] link_unavailable: LinkApiError api_error status 500/
      )
    const log = readFileSync(logFile, "utf8")
    const found: string[] = []
    for (const secret of secrets)
      if (log.includes(secret)) found.push(`client_secret ${secret}`)
    for (const challenge of challenges)
      if (log.includes(challenge)) found.push("a challenge")
    // A challenge's pieces (its ciphertext) must not be there either.
    for (const challenge of challenges)
      for (const part of challenge.split(".").filter((p) => p.length > 20))
        if (log.includes(part)) found.push("part of a challenge")
    for (const code of codes)
      if (token(code).test(log)) found.push(`code ${code}`)
    expect(found).toEqual([])
    console.log(
      `[leaks] checked ${log.split("\n").length} log lines and ${urls.length} URLs against ${secrets.length} client secrets, ${codes.length} codes, ${challenges.length} challenge(s): 0 found`
    )
  })
})
