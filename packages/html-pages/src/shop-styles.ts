/**
 * The shops' one stylesheet: the frame, the home page's hero and cards, the panels, the forms of
 * the sign-in steps and the alerts. A shop gives only its colours ({@link ShopTheme}).
 * @module
 */

/** A shop's own colours; everything else is the same in every shop. */
export interface ShopTheme {
  /** Buttons, the second half of the logo. */
  accent: string
  /** The hero's gradient, from top left to bottom right, and its border. */
  heroFrom: string
  heroTo: string
  heroLine: string
  /** The keyboard focus ring (and the demo notice's dashed border). */
  focus: string
}

const base = `
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.55 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:inherit}
header{border-bottom:1px solid var(--line);background:var(--card)}
.bar{max-width:960px;margin:0 auto;padding:14px 24px;display:flex;align-items:center;justify-content:space-between;gap:16px}
.logo{font-weight:800;letter-spacing:-.02em;font-size:20px;text-decoration:none}
.logo span{color:var(--accent)}
nav{display:flex;align-items:center;gap:16px;font-size:15px}
nav a{text-decoration:none}
nav a:hover{text-decoration:underline}
nav form{margin:0}
main{max-width:960px;margin:0 auto;padding:32px 24px 64px}
.hero{display:grid;gap:12px;padding:40px;border-radius:20px;background:linear-gradient(135deg,var(--hero-from),var(--hero-to));border:1px solid var(--hero-line);margin-bottom:32px}
.hero h1{font-size:36px;line-height:1.15;margin:0;letter-spacing:-.02em}
.hero p{margin:0;color:var(--muted);max-width:560px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:20px}
.card{background:var(--card);border:1px solid var(--line);border-radius:16px;overflow:hidden}
.card .art{height:120px;display:grid;place-items:center;font:italic 700 56px/1 Georgia,'DejaVu Serif',serif}
.card .body{padding:14px 16px}
.card h3{margin:0 0 4px;font-size:17px}
.card p{margin:0;color:var(--muted);font-size:14px}
.price{font-weight:700;color:var(--ink)!important;margin-top:8px!important}
.button{display:inline-block;font:inherit;font-weight:600;padding:10px 18px;border-radius:10px;border:1px solid var(--accent);background:var(--accent);color:var(--accent-ink);cursor:pointer;text-decoration:none;text-align:center}
.button.secondary{background:transparent;color:var(--ink);border-color:#c9c0ae}
.button.wide{display:block;width:100%}
.link{font:inherit;background:none;border:0;padding:0;cursor:pointer;text-decoration:underline;color:inherit}
.panel{background:var(--card);border:1px solid var(--line);border-radius:16px;padding:28px;max-width:460px;margin:0 auto}
.panel h1{font-size:26px;line-height:1.25;margin:0 0 8px}
.panel form{margin:0}
.panel form.after{margin-top:12px}
.lede{color:var(--muted);margin:0 0 20px}
label{display:block;font-weight:600;margin:0 0 6px}
input{display:block;width:100%;font:inherit;padding:12px 14px;border:1px solid #b3aa98;border-radius:10px;margin:0 0 16px;background:#fff;color:inherit}
input[aria-invalid=true]{border-color:var(--error)}
input.code{font-size:24px;letter-spacing:.3em;text-align:center;font-variant-numeric:tabular-nums}
.stack{display:grid;gap:12px}
.hint{font-size:14px;color:var(--muted);margin:0 0 16px}
.after{margin-top:12px}
.wait{color:var(--ink)}
.row{display:flex;justify-content:space-between;gap:12px;flex-wrap:wrap;margin-top:20px;font-size:14px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:8px 20px;margin:16px 0 24px}
dt{color:var(--muted)}
dd{margin:0;overflow-wrap:anywhere}
.notice{padding:12px 16px;border-radius:10px;background:var(--ok-bg);color:var(--ok);margin:0 0 20px}
.alert{padding:12px 16px;border-radius:10px;background:var(--error-bg);color:var(--error);margin:0 0 20px}
.demo{background:var(--card);border:1px dashed var(--focus);border-radius:16px;padding:18px 22px;margin:0 0 32px}
.demo h2{font-size:18px;margin:0 0 6px}
.demo p{margin:0 0 8px}
.demo .hint{margin:0}
.phone{white-space:nowrap}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.divider{display:flex;align-items:center;gap:12px;color:var(--muted);font-size:14px;margin:20px 0}
.divider::before,.divider::after{content:"";flex:1;border-top:1px solid var(--line)}
.explain{margin-top:40px;color:var(--muted);font-size:14px;max-width:640px}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
`

/**
 * The stylesheet of a shop in `theme`'s colours, for the `<style>` of {@link shopLayout}.
 *
 * @example
 * ```ts
 * shopStyles({ accent: "#1f5f8b", heroFrom: "#eef5fa", heroTo: "#dcebf5", heroLine: "#c8dceb", focus: "#5aa9e0" })
 * ```
 */
export function shopStyles(theme: ShopTheme): string {
  return (
    `:root{color-scheme:light;--ink:#1c1a17;--muted:#5f594f;--line:#e6e0d4;--bg:#faf7f1;--card:#fff;` +
    `--accent:${theme.accent};--accent-ink:#fff;--hero-from:${theme.heroFrom};--hero-to:${theme.heroTo};` +
    `--hero-line:${theme.heroLine};--focus:${theme.focus};` +
    `--ok:#1d5e37;--ok-bg:#e7f4ec;--error:#b3261e;--error-bg:#fdecea}` +
    base
  )
}
