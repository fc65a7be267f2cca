// The benchmark's pure helpers: statistics, HTML forms and scripts, cookies, multipart bodies.
// No timing is asserted anywhere: the benchmarks themselves run with `pnpm bench`, not here.
import { describe, expect, it } from "vitest"
import {
  CookieJar,
  attributes,
  decodeEntities,
  formWith,
  inlineScriptLength,
  multipart,
  parseForms,
  scriptSources,
} from "../lib/html.mjs"
import { figure, interleave, median, quantile, round } from "../lib/stats.mjs"

describe("stats", () => {
  it("interpolates quantiles between closest ranks", () => {
    expect(quantile([3, 1, 2, 4], 0.5)).toBe(2.5)
    expect(quantile([10], 0.99)).toBe(10)
    expect(quantile([1, 2, 3, 4, 5], 0)).toBe(1)
    expect(quantile([1, 2, 3, 4, 5], 1)).toBe(5)
    expect(median([5, 1, 3])).toBe(3)
    expect(Number.isNaN(median([]))).toBe(true)
  })

  it("rounds to significant digits", () => {
    expect(round(123456, 3)).toBe(123000)
    expect(round(0.0012345, 2)).toBe(0.0012)
    expect(round(0)).toBe(0)
  })

  it("alternates which side runs first", async () => {
    const order = /** @type {string[]} */ ([])
    const { a, b } = await interleave(
      3,
      async () => (order.push("a"), 1),
      async () => (order.push("b"), "x")
    )
    expect(order).toEqual(["a", "b", "b", "a", "a", "b"])
    expect(a).toEqual([1, 1, 1])
    expect(b).toEqual(["x", "x", "x"])
  })

  it("computes the ratio and whether the goal is met", () => {
    const base = { id: "x", title: "x", unit: "u", baselineLabel: "b" }
    expect(
      figure({
        ...base,
        value: 1,
        baseline: 2,
        goal: { op: ">=", target: 0.45 },
      })
    ).toMatchObject({ ratio: 0.5, met: true })
    expect(
      figure({
        ...base,
        value: 3,
        baseline: 2,
        goal: { op: "<=", target: 1.1 },
      })
    ).toMatchObject({ ratio: 1.5, met: false })
    expect(
      figure({ ...base, value: 3, baseline: 3, goal: { op: "==", target: 1 } })
    ).toMatchObject({ ratio: 1, met: true })
    expect(figure({ ...base, value: 1, baseline: 4 }).met).toBeUndefined()
  })
})

// What React renders for a form whose action comes from useActionState (no JavaScript needed).
const LOGIN = `<!DOCTYPE html><html><head><title>Sign in</title>
<script src="/_next/static/chunks/a.js" async=""></script>
<script src="/_next/static/chunks/b.js" async=""></script>
<script src="/_next/static/chunks/a.js" async=""></script>
<script>self.__next_f.push([1,"x"])</script></head><body>
<form class="stack" action="" encType="multipart/form-data" method="POST">
<input type="hidden" name="$ACTION_REF_1"/>
<input type="hidden" name="$ACTION_1:0" value="{&quot;id&quot;:&quot;60c8&quot;,&quot;bound&quot;:&quot;$@1&quot;}"/>
<input type="hidden" name="$ACTION_1:1" value="[{&quot;step&quot;:&quot;email&quot;,&quot;note&quot;:&quot;a &amp; b &#x27;c&#39;&quot;}]"/>
<input type="hidden" name="intent" value="start"/>
<input id="email" name="email" type="email" required="" value=""/>
<input type="checkbox" name="remember"/>
<button type="submit" name="go" value="1">Continue</button>
</form>
<form action="" method="POST"><input type="hidden" name="intent" value="resend"/></form>
</body></html>`

describe("html", () => {
  it("decodes the entities React writes in attributes", () => {
    expect(
      decodeEntities("a &amp; b &quot;c&quot; &#x27;d&#39; &lt;e&gt;")
    ).toBe(`a & b "c" 'd' <e>`)
    expect(decodeEntities("&unknown; &#65;")).toBe("&unknown; A")
  })

  it("reads attributes, quoted or not, and boolean ones", () => {
    expect(
      attributes(`<input type=hidden name='a' value="b" required/>`)
    ).toEqual({
      type: "hidden",
      name: "a",
      value: "b",
      required: "",
    })
  })

  it("finds the fields a browser without JavaScript submits", () => {
    const forms = parseForms(LOGIN)
    expect(forms).toHaveLength(2)
    const form = formWith(LOGIN, "email")
    expect(form.attrs.enctype).toBe("multipart/form-data")
    expect(form.fields).toEqual([
      ["$ACTION_REF_1", ""],
      ["$ACTION_1:0", '{"id":"60c8","bound":"$@1"}'],
      ["$ACTION_1:1", `[{"step":"email","note":"a & b 'c'"}]`],
      ["intent", "start"],
      ["email", ""],
    ])
    expect(form.names).toContain("remember")
    expect(() => formWith(LOGIN, "code")).toThrow(
      /no form with a field "code".*Sign in/
    )
  })

  it("lists external scripts once, resolved, and measures inline ones", () => {
    expect(scriptSources(LOGIN, "http://127.0.0.1:3000/login")).toEqual([
      "http://127.0.0.1:3000/_next/static/chunks/a.js",
      "http://127.0.0.1:3000/_next/static/chunks/b.js",
    ])
    expect(inlineScriptLength(LOGIN)).toBe('self.__next_f.push([1,"x"])'.length)
  })
})

describe("CookieJar", () => {
  it("keeps cookies and drops expired or emptied ones", () => {
    const jar = new CookieJar()
    expect(jar.header()).toBeUndefined()
    jar.store([
      "link_signin=abc; Path=/login; HttpOnly; Secure",
      "authjs.session-token=xyz; Path=/; Expires=Fri, 25 Dec 2099 20:48:42 GMT",
    ])
    expect(jar.header()).toBe("link_signin=abc; authjs.session-token=xyz")
    jar.store("link_signin=; Path=/login; Max-Age=0")
    expect(jar.has("link_signin")).toBe(false)
    jar.store("a=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT")
    expect(jar.has("a")).toBe(false)
    expect(jar.get("authjs.session-token")).toBe("xyz")
  })
})

describe("multipart", () => {
  it("encodes fields as a browser does, and Request parses them back", async () => {
    const { body, contentType } = multipart([
      ["$ACTION_1:0", '{"id":"x"}'],
      ["email", "jo@example.com"],
    ])
    const form = await new Request("http://x/", {
      method: "POST",
      body,
      headers: { "content-type": contentType },
    }).formData()
    expect(form.get("$ACTION_1:0")).toBe('{"id":"x"}')
    expect(form.get("email")).toBe("jo@example.com")
  })
})
