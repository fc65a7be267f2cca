/**
 * The small HTML shell shared by the simulator's pages (sign-up and outbox).
 * @module
 */

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;")
}

const STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a;background:#fff}
h1{font-size:1.5rem}label{display:block;font-weight:600;margin-top:1rem}
input{font:inherit;padding:.4rem;width:100%;max-width:24rem;border:1px solid #555;border-radius:4px}
button{font:inherit;margin-top:1.25rem;padding:.5rem 1rem;background:#0a5a2a;color:#fff;border:0;border-radius:4px;cursor:pointer}
button:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
.hint{color:#444;font-size:.9rem;margin:.25rem 0 0}.error{color:#a00000;font-weight:600}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #ccc}
code,.code{font-family:ui-monospace,monospace;font-size:1.1rem;letter-spacing:.1em}
.banner{background:#fff4cc;border:1px solid #b38600;padding:.5rem .75rem;border-radius:4px}
.actions{display:flex;flex-wrap:wrap;gap:0 .75rem}
button.secondary{background:#fff;color:#0a5a2a;border:1px solid #0a5a2a}`

/** A full HTML page: language, title, viewport, a banner saying this is a simulator. */
export function page(title: string, body: string, head = ""): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${head}<style>${STYLE}</style>
</head>
<body>
<main>
<p class="banner">Link simulator: no real SMS is sent and no real Link account is created.</p>
${body}
</main>
</body>
</html>`
}

/**
 * An HTML response with the headers every page carries. `formTargets` are the origins (CSP
 * source expressions, `*` ports allowed) a form on the page may submit or be redirected to.
 */
export function htmlResponse(
  html: string,
  status = 200,
  formTargets: readonly string[] = []
): Response {
  const formAction = ["'self'", ...formTargets].join(" ")
  return new Response(html, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "x-frame-options": "DENY",
      "content-security-policy": `default-src 'none'; style-src 'unsafe-inline'; form-action ${formAction}; frame-ancestors 'none'`,
    },
  })
}
