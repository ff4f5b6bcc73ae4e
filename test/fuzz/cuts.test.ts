import { expect, it } from 'vitest';
import { corpus } from './corpus.js';
import { LONG } from './budget.js';
import { Oracle } from './oracle.js';

/**
 * Every prefix of a model: the file cut at every offset, as an editor sees it while the file is
 * typed from the top. CI cuts the smallest seed at every offset (build, report, formatter; the
 * terminal tables are left to the random fuzz); the long run cuts every file of every example
 * and asks the editor features too.
 */
const seeds = corpus().filter(s => LONG || s.name === 'fixtures/seed-checks.cap');

for (const seed of seeds) {
    it(
        `${seed.name} cut at every offset`,
        async () => {
            const oracle = new Oracle();
            const text = seed.files[seed.target];
            let slowest = { ms: 0, at: 0 };
            for (let at = 0; at <= text.length; at++) {
                const start = performance.now();
                await oracle
                    .check(
                        {
                            files: { ...seed.files, [seed.target]: text.slice(0, at) },
                            entry: seed.entry,
                            target: seed.target,
                        },
                        { format: true, noTables: !LONG, editor: LONG, hovers: 4, completions: 1 },
                    )
                    .catch(err => {
                        throw new Error(`cut at ${at}: ${(err as Error).message}`);
                    });
                const ms = performance.now() - start;
                if (ms > slowest.ms) slowest = { ms, at };
            }
            console.log(
                `${seed.name}: ${text.length + 1} cuts; slowest ${Math.round(slowest.ms)} ms at offset ${slowest.at}`,
            );
            expect(slowest.ms).toBeLessThan(10_000);
        },
        LONG ? 3_600_000 : 120_000,
    );
}
