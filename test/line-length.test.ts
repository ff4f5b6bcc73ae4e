import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * Biome formats code to 120 columns but leaves a long string or comment as it is: this holds the
 * product code's every line to the same width, so a review reads it without scrolling.
 */
const root = resolve(__dirname, '..');
const MAX = 120;

function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === 'generated' ? [] : sources(path);
        return /\.(ts|mjs|js)$/.test(entry.name) ? [path] : [];
    });
}

describe('product code', () => {
    it(`has no line over ${MAX} characters`, () => {
        const packages = readdirSync(join(root, 'packages'));
        const long = packages.flatMap(pkg =>
            sources(join(root, 'packages', pkg, 'src')).flatMap(file =>
                readFileSync(file, 'utf-8')
                    .split('\n')
                    .flatMap((line, i) =>
                        line.length > MAX ? [`${relative(root, file)}:${i + 1} (${line.length})`] : [],
                    ),
            ),
        );
        expect(long).toEqual([]);
    });
});
