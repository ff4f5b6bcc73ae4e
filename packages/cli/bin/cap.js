#!/usr/bin/env node
// The `cap` command. The bundle is built by `npm run build` (run by `npm ci` through `prepare`).
import '../dist/cap.js';
