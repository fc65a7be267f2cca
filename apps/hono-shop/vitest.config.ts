// The shops share one config: ../vitest.shops.ts.
export { default } from "../vitest.shops.js"
