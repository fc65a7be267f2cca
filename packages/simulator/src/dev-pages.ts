/**
 * The outbox for people running the demo: `GET /__dev` (HTML) and `GET /__dev/outbox` (JSON).
 * @module
 */
import { Hono } from "hono"
import type { SimulatorEnv } from "./fault-middleware.js"
import { escapeHtml, htmlResponse, page } from "./html.js"
import { redactPhone } from "./people.js"
import type { SimulatorState } from "./state.js"

/** How many messages the HTML page lists. */
export const DEV_PAGE_LIMIT = 50

/** Creates the `/__dev` routes. */
export function createDevPages(state: SimulatorState): Hono<SimulatorEnv> {
  const app = new Hono<SimulatorEnv>()

  app.get("/outbox", (c) => {
    const email = c.req.query("email")
    return c.json(
      { messages: state.outbox.list(email === "" ? undefined : email) },
      200,
      { "cache-control": "no-store" }
    )
  })

  app.get("/", (c) => {
    const email = c.req.query("email") ?? ""
    const refresh = Number(c.req.query("refresh") ?? "0")
    const seconds =
      Number.isInteger(refresh) && refresh >= 2 && refresh <= 60 ? refresh : 0
    const messages = state.outbox
      .list(email || undefined)
      .slice(0, DEV_PAGE_LIMIT)
    const rows = messages
      .map(
        (
          m
        ) => `<tr><td><time datetime="${escapeHtml(m.sentAt)}">${escapeHtml(m.sentAt.replace("T", " ").slice(0, 19))} UTC</time></td>
<td>${escapeHtml(m.email)}</td><td>${escapeHtml(redactPhone(m.phone))}</td><td class="code">${escapeHtml(m.code)}</td></tr>`
      )
      .join("\n")
    const people = state.people
      .list()
      .map(
        (p) =>
          `<li>${escapeHtml(p.email)}${p.fullName ? ` (${escapeHtml(p.fullName)})` : ""}</li>`
      )
      .join("")
    const query = new URLSearchParams({
      ...(email ? { email } : {}),
      ...(seconds ? { refresh: String(seconds) } : {}),
    })
    const self = `/__dev${query.size ? `?${query}` : ""}`
    const body = `<h1>Link simulator outbox</h1>
<p>Every code the simulator "sends" by SMS appears here, newest first.
<a href="${escapeHtml(self)}">Refresh</a>${seconds ? ` (this page refreshes every ${seconds} seconds)` : ""}.</p>
<form method="get" action="/__dev">
<label for="email">Show codes for one email</label>
<input id="email" name="email" type="email" value="${escapeHtml(email)}" autocomplete="email">
<button type="submit">Filter</button>
</form>
<h2>Codes sent</h2>
${
  messages.length
    ? `<table><caption>Newest first${email ? `, to ${escapeHtml(email)}` : ""}</caption>
<thead><tr><th scope="col">Sent</th><th scope="col">Email</th><th scope="col">Phone</th><th scope="col">Code</th></tr></thead>
<tbody>${rows}</tbody></table>`
    : `<p>No codes sent yet${email ? ` to ${escapeHtml(email)}` : ""}.</p>`
}
<h2>People on Link</h2>
<ul>${people}</ul>
<p>As JSON: <a href="/__dev/outbox">/__dev/outbox</a>.</p>`
    return htmlResponse(
      page(
        "Link simulator outbox",
        body,
        seconds ? `<meta http-equiv="refresh" content="${seconds}">\n` : ""
      )
    )
  })

  return app
}
