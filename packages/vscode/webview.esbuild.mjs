// The capacity preview's webview script: src/webview/preview.ts with Observable Plot and the chart
// modules, one IIFE for the page's nonce'd <script>. Shared by esbuild.mjs and the browser test,
// which bundles the current sources the same way.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Writes the bundle to `outfile`; `write: false` returns it in `outputFiles` instead. */
export function buildWebview({ outfile = `${here}dist/webview/preview.js`, minify = false, write = true } = {}) {
    return build({
        entryPoints: [`${here}src/webview/preview.ts`],
        outfile,
        write,
        bundle: true,
        minify,
        // No source map: the page's policy would refuse to load it from anywhere but the extension.
        sourcemap: false,
        platform: 'browser',
        format: 'iife',
        target: 'es2022',
        logLevel: 'warning',
        legalComments: minify ? 'none' : 'inline',
    });
}
