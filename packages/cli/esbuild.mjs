// Bundles the `cap` CLI into one ESM file: one module to load instead of hundreds makes the
// command start in about half the time (see bench/), and the bundle runs without node_modules.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

await build({
    entryPoints: [`${here}src/cli.ts`],
    outfile: `${here}dist/cap.js`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    minify: false,
    logLevel: 'warning',
    banner: {
        js: [
            // CommonJS dependencies (commander, cli-table3) call require() inside an ES module bundle.
            "import { createRequire as __capCreateRequire } from 'node:module';",
            'const require = __capCreateRequire(import.meta.url);',
            // Chevrotain 13 uses Object.groupBy (Node 21+); this lets the CLI run on Node 20 as well.
            'if (!Object.groupBy) Object.groupBy = (items, key) => { const out = Object.create(null); let i = 0; for (const item of items) { const k = key(item, i++); (out[k] ??= []).push(item); } return out; };',
            'if (!Map.groupBy) Map.groupBy = (items, key) => { const out = new Map(); let i = 0; for (const item of items) { const k = key(item, i++); if (!out.has(k)) out.set(k, []); out.get(k).push(item); } return out; };',
        ].join('\n'),
    },
});
