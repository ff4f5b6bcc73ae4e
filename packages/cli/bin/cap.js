#!/usr/bin/env node
// The `cap` command. The bundle is built by `npm run build` (run by `npm ci` through `prepare`);
// code-cache.js runs it with the V8 code cache of an earlier run of the same command. This folder
// is CommonJS (package.json here): Node starts a CommonJS main module without its ES module loader.
'use strict';
const { join } = require('node:path');
const { runBundle } = require('./code-cache.js');

// V8 12, as Node 22 ships it, has no compiler between the baseline one and TurboFan (Node turns
// Maglev off) and hands a function to TurboFan after 3,000 calls: in one `cap check`, a dozen of
// Langium's and the parser's functions at 750 lines, 76 (and 9 deoptimizations) at 7,000,
// compiled on a second thread that competes with the check for the processor. Measured on
// generated plans, that cost a sixth of the check's time at 750 lines and a quarter at 7,000. At
// ten times the calls, what a 70,000-line plan runs hot is still optimized and its check is no
// slower (2-20% faster over several runs). The language server keeps V8's defaults; Node 20 (V8 11
// does not know the flag) and Node 24 (Maglev on; the flag changes nothing there) are left alone.
if (process.argv[2] !== 'lsp' && process.versions.v8.startsWith('12.')) {
    require('node:v8').setFlagsFromString('--invocation-count-for-turbofan=30000');
}

// V8 moves objects that most often outlive a minor collection straight to the old generation
// when they are made ("pretenuring", decided per allocation site). A build makes its syntax tree
// in one burst and the next keystroke's build drops it, so the sites that make trees get decided
// that way on large plans, and every tree after that is made in the old generation and left
// there as garbage for full collections, which then run while the next tree is being made (and
// slow it). Measured with bench/ on the generated plans, in the same runs: builds of the
// 70,000-line plan 434 to 563 ms median without it against 485 to 650 ms with it, the
// 7,000-line plan within the noise either way. The language server (`cap lsp` here, and the
// desktop extension's server) runs every build a session makes with it, and so do the checks.
require('node:v8').setFlagsFromString('--no-allocation-site-pretenuring');

runBundle(join(__dirname, '..', 'dist', 'cap.cjs'), process.argv);
