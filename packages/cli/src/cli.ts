import { main } from './main.js';

// Not a top-level await: the bundle is CommonJS (esbuild.mjs). main() handles its own errors.
void main(process.argv);
