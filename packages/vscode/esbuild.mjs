// Bundles the extension: one CommonJS file each for the desktop client and its language server,
// the web client and its worker server, the capacity preview's webview script (webview.esbuild.mjs),
// plus the `cap` CLI (for the plan diff) and the TextMate grammar. Bundles make the .vsix small and free of node_modules. `--production` minifies.
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildWebview } from './webview.esbuild.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));
const production = process.argv.includes('--production');

// Langium and its dependencies are ES modules. In a CommonJS bundle `import.meta` is empty, so any
// `import.meta.url` is rewritten to the bundle's own file URL.
const importMetaUrl = {
    banner: { js: "const __capImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__capImportMetaUrl' },
};
// Chevrotain 13 calls Object.groupBy and Map.groupBy (Node 21+). VS Code 1.91 to 1.9x run
// extensions on Node 20, and a web worker in an older browser may lack them too.
const groupBy = [
    'if (!Object.groupBy) Object.groupBy = (items, key) => { const out = Object.create(null); let i = 0; for (const item of items) { const k = key(item, i++); (out[k] ??= []).push(item); } return out; };',
    'if (!Map.groupBy) Map.groupBy = (items, key) => { const out = new Map(); let i = 0; for (const item of items) { const k = key(item, i++); if (!out.has(k)) out.set(k, []); out.get(k).push(item); } return out; };',
].join('\n');

const common = {
    bundle: true,
    minify: production,
    sourcemap: production ? false : 'linked',
    logLevel: 'warning',
    legalComments: production ? 'none' : 'inline',
};

await rm(`${here}dist`, { recursive: true, force: true });
await Promise.all([
    build({
        ...common,
        entryPoints: [`${here}src/client/node.ts`],
        outfile: `${here}dist/extension.cjs`,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        external: ['vscode'],
    }),
    build({
        ...common,
        entryPoints: [`${here}src/server/node.ts`],
        outfile: `${here}dist/server.cjs`,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        define: importMetaUrl.define,
        banner: { js: [importMetaUrl.banner.js, groupBy].join('\n') },
    }),
    build({
        ...common,
        entryPoints: [`${here}src/client/web.ts`],
        outfile: `${here}dist/web/extension.cjs`,
        platform: 'browser',
        format: 'cjs',
        target: 'es2022',
        external: ['vscode'],
        mainFields: ['browser', 'module', 'main'],
    }),
    build({
        ...common,
        entryPoints: [`${here}src/server/web.ts`],
        outfile: `${here}dist/web/server.js`,
        platform: 'browser',
        format: 'iife',
        target: 'es2022',
        mainFields: ['browser', 'module', 'main'],
        // csv-parse's Node build uses Node's Buffer; its browser build carries its own.
        alias: { 'csv-parse/sync': 'csv-parse/browser/esm/sync' },
        banner: { js: groupBy },
    }),
    buildWebview({ minify: production }),
    // The CLI for `Cap: Show Plan Diff`, run with the editor's own Node.
    build({
        ...common,
        entryPoints: [`${root}packages/cli/src/cli.ts`],
        outfile: `${here}dist/cli/cap.mjs`,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        banner: {
            js: [
                "import { createRequire as __capCreateRequire } from 'node:module';",
                'const require = __capCreateRequire(import.meta.url);',
                groupBy,
            ].join('\n'),
        },
    }),
]);

await mkdir(`${here}dist/syntaxes`, { recursive: true });
// The grammar lives at the repository root for every editor; the extension ships a copy.
await copyFile(`${root}syntaxes/cap.tmLanguage.json`, `${here}dist/syntaxes/cap.tmLanguage.json`);
