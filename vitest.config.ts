import { configDefaults, defineConfig } from 'vitest/config';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

// Tests import the packages' TypeScript sources directly, so `npm test` needs no prior build;
// only the CLI suites spawn the built `cap` bundle (built by `npm ci` through `prepare`).
const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

// The long suites run in their own scripts (`npm run test:long`, `npm run fuzz`, and the preview in
// Chromium through `npm run test:vscode`), which `.ci/run` also runs: `npm test` stays a quick loop.
const LONG_SUITES = [
    'test/fuzz/fuzz-*.test.ts',
    'test/fuzz/extremes.test.ts',
    'test/long/*.test.ts',
    'test/vscode/preview-browser.test.ts',
];
const long = process.env.CAP_LONG_TESTS === '1';

export default defineConfig({
    resolve: {
        // Exact-match patterns, so that `@cap/language/lsp` does not resolve into `index.ts/lsp`.
        alias: [
            { find: /^@cap\/engine$/, replacement: src('engine') },
            { find: /^@cap\/language$/, replacement: src('language') },
            {
                find: /^@cap\/language\/lsp$/,
                replacement: fileURLToPath(new URL('./packages/language/src/lsp/index.ts', import.meta.url)),
            },
        ],
    },
    test: {
        include: ['test/**/*.test.ts'],
        exclude: [...configDefaults.exclude, ...(long ? [] : LONG_SUITES)],
        testTimeout: 30_000,
        // Every core: many suites wait on child processes (the CLI, the server), so one worker per
        // core keeps both cores busy; Vitest's default leaves one core to itself.
        maxWorkers: availableParallelism(),
    },
});
