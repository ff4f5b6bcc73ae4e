import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Tests import the packages' TypeScript sources directly, so `npm test` needs no prior build;
// only the CLI suites spawn the built `cap` bundle (built by `npm ci` through `prepare`).
const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

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
        testTimeout: 30_000,
    },
});
