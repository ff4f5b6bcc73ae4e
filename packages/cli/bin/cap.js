#!/usr/bin/env node
// The `cap` command. The bundle is built by `npm run build` (run by `npm ci` through `prepare`).
import module from 'node:module';

// Node 22.1+ keeps V8's compiled code of the 2 MB bundle on disk between runs, so a `cap check`
// does not compile it again every time (about a tenth of its start-up). Node 20 has no cache.
module.enableCompileCache?.();
await import('../dist/cap.js');
