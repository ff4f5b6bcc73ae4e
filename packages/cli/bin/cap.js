#!/usr/bin/env node
// The `cap` command. The bundle is built by `npm run build` (run by `npm ci` through `prepare`);
// code-cache.js runs it with the V8 code cache of an earlier run of the same command. This folder
// is CommonJS (package.json here): Node starts a CommonJS main module without its ES module loader.
'use strict';
const { join } = require('node:path');
const { runBundle } = require('./code-cache.js');

// A one-shot command ends before most of what V8 optimizes pays back, and optimizing competes
// with the command for the processor: on Node 22 (V8 12, Maglev off) functions go to TurboFan
// later. The language server keeps V8's defaults; Node 20 and 24 are left alone (their V8 does not
// know the flag, or has Maglev). docs/performance.md has the measurements.
if (process.argv[2] !== 'lsp' && process.versions.v8.startsWith('12.')) {
    require('node:v8').setFlagsFromString('--invocation-count-for-turbofan=30000');
}

// A build makes a syntax tree that the next build drops. V8's allocation-site pretenuring learns,
// on large plans, to make such trees directly in the old generation, where each is left as garbage
// for full collections during the next build. Every command, `cap lsp` included, turns it off
// (docs/performance.md, "No pretenuring for rebuilt trees").
require('node:v8').setFlagsFromString('--no-allocation-site-pretenuring');

runBundle(join(__dirname, '..', 'dist', 'cap.cjs'), process.argv);
