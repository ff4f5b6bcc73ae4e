import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Tests import the packages' TypeScript sources directly, so `npm test` needs no prior build;
// only the CLI suites spawn the built `cap` bundle (built by `npm ci` through `prepare`).
const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
    resolve: {
        alias: {
            '@cap/engine': src('engine'),
            '@cap/language': src('language'),
        },
    },
    test: {
        include: ['test/**/*.test.ts'],
        testTimeout: 30_000,
    },
});
