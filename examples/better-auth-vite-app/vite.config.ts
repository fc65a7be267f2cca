import { defineConfig } from "vite"
import react from "@vitejs/plugin-react"

// In development Vite serves the pages and hands /api to the Better Auth server (`npm run
// dev:server`, port 3001); in production that server serves both (`npm run build && npm start`).
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { "/api": `http://127.0.0.1:${process.env.API_PORT ?? 3001}` },
  },
})
