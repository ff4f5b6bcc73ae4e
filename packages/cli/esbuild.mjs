// Bundles the `cap` CLI into one CommonJS file, dist/cap.cjs: one module to load instead of
// hundreds makes the command start in about half the time (see bench/), and the bundle runs
// without node_modules. It is CommonJS so that bin/cap.js can compile it as a script with a V8
// code cache that holds every function a command ran, not only the top level (bin/code-cache.js).
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { langiumCoreProtocol } from './langium-core-protocol.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));

await Promise.all(['cap.js', 'cap.js.map'].map(name => rm(`${here}dist/${name}`, { force: true })));

// `cap export --format xlsx` is the only command that writes a workbook, and exceljs is bigger than
// the rest of the CLI: src/export/workbook.ts goes to a file of its own, dist/cap-export.cjs,
// which the main bundle requires only when that command runs. Every other command reads and
// compiles the main bundle alone, as before exceljs was added.
const EXPORT_CHUNK = 'cap-export.cjs';
const exportChunk = {
    name: 'cap-export-chunk',
    setup(b) {
        b.onResolve({ filter: /^\.\/workbook\.js$/ }, args =>
            args.importer.endsWith(`export${sep}command.ts`)
                ? { path: `./${EXPORT_CHUNK}`, external: true }
                : undefined,
        );
    },
};

await build({
    entryPoints: [`${here}src/export/workbook.ts`],
    outfile: `${here}dist/${EXPORT_CHUNK}`,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    logLevel: 'warning',
});

await build({
    entryPoints: [`${here}src/cli.ts`],
    outfile: `${here}dist/cap.cjs`,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Minified, the bundle is half the bytes to read and decode on every run, and its code cache a
    // tenth smaller. Stack traces map back to the TypeScript with `node --enable-source-maps`.
    sourcemap: true,
    minify: true,
    logLevel: 'warning',
    plugins: [langiumCoreProtocol, exportChunk],
    // `import()` becomes `require()`: the bundle runs as a vm.Script (bin/code-cache.js), which has
    // no loader for a dynamic import of a file, and the export chunk is CommonJS.
    supported: { 'dynamic-import': false },
    // Langium and its dependencies are ES modules; in a CommonJS bundle `import.meta` is empty.
    define: { 'import.meta.url': '__capImportMetaUrl' },
    banner: {
        js: [
            "const __capImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
            // Chevrotain 13 uses Object.groupBy (Node 21+); this lets the CLI run on Node 20 as well.
            'if (!Object.groupBy) Object.groupBy = (items, key) => { const out = Object.create(null); let i = 0; for (const item of items) { const k = key(item, i++); (out[k] ??= []).push(item); } return out; };',
            'if (!Map.groupBy) Map.groupBy = (items, key) => { const out = new Map(); let i = 0; for (const item of items) { const k = key(item, i++); if (!out.has(k)) out.set(k, []); out.get(k).push(item); } return out; };',
        ].join('\n'),
    },
});
