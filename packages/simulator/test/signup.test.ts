import { beforeEach, describe, expect, test } from "vitest"
import { SIGNUP_MESSAGES, linkUserId } from "../src/index.js"
import { BASE, get, lookup, makeSimulator, postForm } from "./utils.js"

const sim = makeSimulator()
beforeEach(() => sim.reset())

const RETURN_TO = "http://localhost:3000/login?step=email"

function signUp(
  fields: Record<string, string>,
  headers: Record<string, string> = {}
) {
  return postForm(sim, "/signup", { return_to: RETURN_TO, ...fields }, headers)
}

describe("sign-up page", () => {
  test("the form is prefilled with the email and carries return_to", async () => {
    const res = await get(
      sim,
      `/signup?email=new@example.com&return_to=${encodeURIComponent(RETURN_TO)}`
    )
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('<label for="phone">Mobile number</label>')
    expect(html).toContain('id="email" name="email" value="new@example.com"')
    expect(html).toContain(
      `name="return_to" value="${RETURN_TO.replace("&", "&amp;")}"`
    )
  })

  test("signing up creates the person and sends them back to return_to with a 303", async () => {
    const res = await signUp({
      email: "New@Example.com",
      phone: "+1 (415) 555-0199",
      fullName: "Nia New",
    })
    expect(res.status).toBe(303)
    expect(res.headers.get("location")).toBe(RETURN_TO)
    expect(sim.state.people.get("new@example.com")).toEqual({
      id: linkUserId("new@example.com"),
      email: "new@example.com",
      phone: "+14155550199",
      fullName: "Nia New",
    })
    const body = (await (
      await lookup(sim, "new@example.com")
    ).json()) as Record<string, unknown>
    expect(body.userExistsOnLink).toBe(true)
  })

  test("signing up without return_to shows a confirmation page", async () => {
    const res = await postForm(sim, "/signup", {
      email: "new@example.com",
      phone: "+14155550199",
    })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain(SIGNUP_MESSAGES.done)
  })

  test("signing up an email already on Link keeps the existing person", async () => {
    const res = await signUp({ email: "jo@example.com", phone: "+14155550199" })
    expect(res.status).toBe(303)
    expect(sim.state.people.get("jo@example.com")?.phone).toBe("+353871234590")
  })

  test("a phone number that is not international is refused with the form and an explanation", async () => {
    const res = await signUp({ email: "new@example.com", phone: "555-0199" })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain(SIGNUP_MESSAGES.badPhone)
    expect(html).toContain('aria-invalid="true"')
    expect(html).toContain('role="alert"')
    expect(sim.state.people.get("new@example.com")).toBeUndefined()
  })

  test("a malformed email is refused with the form and an explanation", async () => {
    const res = await signUp({ email: "nope", phone: "+14155550199" })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain(SIGNUP_MESSAGES.badEmail)
  })

  test("a return_to on an origin that is not allowed is refused before the form is shown", async () => {
    const res = await get(
      sim,
      `/signup?email=new@example.com&return_to=${encodeURIComponent("https://evil.example/x")}`
    )
    expect(res.status).toBe(400)
    expect(await res.text()).toContain(SIGNUP_MESSAGES.returnToRefused)
  })

  test("a return_to on an origin that is not allowed is refused on submit and creates nobody", async () => {
    const res = await signUp({
      email: "new@example.com",
      phone: "+14155550199",
      return_to: "https://evil.example/x",
    })
    expect(res.status).toBe(400)
    expect(sim.state.people.get("new@example.com")).toBeUndefined()
  })

  test("a return_to that is not an http URL is refused", async () => {
    const res = await get(
      sim,
      `/signup?return_to=${encodeURIComponent("javascript:alert(1)")}`
    )
    expect(res.status).toBe(400)
  })

  test("a return_to with credentials in it is refused", async () => {
    const res = await get(
      sim,
      `/signup?return_to=${encodeURIComponent("http://user:pw@localhost:3000/")}`
    )
    expect(res.status).toBe(400)
  })

  test("127.0.0.1 on any port is allowed by default", async () => {
    const res = await get(
      sim,
      `/signup?return_to=${encodeURIComponent("http://127.0.0.1:49152/login")}`
    )
    expect(res.status).toBe(200)
  })

  test("configured origins are allowed, and only on their port", async () => {
    const shop = makeSimulator({
      env: { LINK_SIM_RETURN_ORIGINS: "https://shop.test:8443" },
    })
    expect(
      (
        await get(
          shop,
          `/signup?return_to=${encodeURIComponent("https://shop.test:8443/a")}`
        )
      ).status
    ).toBe(200)
    expect(
      (
        await get(
          shop,
          `/signup?return_to=${encodeURIComponent("https://shop.test/a")}`
        )
      ).status
    ).toBe(400)
  })

  test("a form posted from another site is refused", async () => {
    const res = await signUp(
      { email: "new@example.com", phone: "+14155550199" },
      { origin: "https://evil.example" }
    )
    expect(res.status).toBe(403)
    expect(await res.text()).toContain(SIGNUP_MESSAGES.crossSite)
    expect(sim.state.people.get("new@example.com")).toBeUndefined()
  })

  test("a form posted with Sec-Fetch-Site cross-site is refused", async () => {
    const res = await signUp(
      { email: "new@example.com", phone: "+14155550199" },
      { "sec-fetch-site": "cross-site" }
    )
    expect(res.status).toBe(403)
  })

  test("a form posted from the simulator's own origin is accepted", async () => {
    const res = await signUp(
      { email: "new@example.com", phone: "+14155550199" },
      { origin: BASE, "sec-fetch-site": "same-origin" }
    )
    expect(res.status).toBe(303)
  })

  test("the page's CSP lets the form be redirected to the allowed origins", async () => {
    const res = await get(sim, "/signup")
    expect(res.headers.get("content-security-policy")).toContain(
      "form-action 'self' http://localhost:* http://127.0.0.1:*;"
    )
  })

  test("the page cannot be framed", async () => {
    const res = await get(sim, "/signup")
    expect(res.headers.get("x-frame-options")).toBe("DENY")
    expect(res.headers.get("content-security-policy")).toContain(
      "frame-ancestors 'none'"
    )
  })
})
