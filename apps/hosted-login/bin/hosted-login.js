#!/usr/bin/env node
// Committed entry point so pnpm can link the bin before the first build; the server lives in dist/.
import "../dist/bin.js"
