#!/usr/bin/env node
// The `cap` command. The bundle is built by `npm run build` (run by `npm ci` through `prepare`);
// code-cache.js runs it with the V8 code cache of an earlier run of the same command. This folder
// is CommonJS (package.json here): Node starts a CommonJS main module without its ES module loader.
'use strict';
const { join } = require('node:path');
const { runBundle } = require('./code-cache.js');

runBundle(join(__dirname, '..', 'dist', 'cap.cjs'), process.argv);
