/**
 * The parts of server-rendered pages that the workspace's Hono apps share (the Corner Store, the
 * Little Pantry and the hosted page), each in a file of its own. Every value is escaped by
 * hono/html; nothing here runs in the browser.
 * @module
 */
export type { Html } from "./html.js"
export { shopStyles, type ShopTheme } from "./shop-styles.js"
export { shopLayout, type Shop, type ShopLayoutProps } from "./shop-layout.js"
export { hero, productGrid, type HeroProps, type Product } from "./shop-home.js"
export { accountPanel, type AccountPanelProps } from "./account-panel.js"
export { emailField, type EmailFieldProps } from "./email-field.js"
export { codeField, type CodeFieldProps } from "./code-field.js"
export { phoneEnding } from "./phone.js"
export { timeLeft } from "./time-left.js"
