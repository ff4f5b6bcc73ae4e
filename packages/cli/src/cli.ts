import { processIo } from './io.js';
import { main } from './main.js';

// Not a top-level await: the bundle is CommonJS (esbuild.mjs). main() handles its own errors.
// An exit code rather than process.exit(), so that output still queued for a pipe is written.
void main(process.argv.slice(2), processIo()).then(code => {
    process.exitCode = code;
});
