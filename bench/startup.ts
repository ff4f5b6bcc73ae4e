import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CAP_BIN } from './lsp-client.ts';
import type { Timing } from './stats.ts';
import { summarize } from './stats.ts';

export interface StartupResult {
    /** Lines of the model `cap check` reads. */
    lines: number;
    /** `node -e ''`: the floor every Node command pays. */
    node: Timing;
    /** `cap check plan.cap` on the S model, as a whole process. */
    capCheck: Timing;
}

/**
 * Whole-process start-up: the bundled `cap check` on the S model against a bare `node -e ''`,
 * run alternately so both see the same load on a shared machine. Both run on the Node the
 * benchmark runs on.
 */
export function measureStartup(text: string, warmup: number, iterations: number): StartupResult {
    const dir = mkdtempSync(join(tmpdir(), 'cap-bench-cli-'));
    try {
        const file = join(dir, 'plan.cap');
        writeFileSync(file, text);
        const run = (args: string[]) => {
            const start = performance.now();
            const result = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf-8' });
            const ms = performance.now() - start;
            if (result.status !== 0)
                throw new Error(`${args.join(' ')} exited with ${result.status}: ${result.stderr}${result.stdout}`);
            return ms;
        };
        const node: number[] = [];
        const cap: number[] = [];
        for (let i = 0; i < warmup + iterations; i++) {
            const n = run(['-e', '']);
            const c = run([CAP_BIN, 'check', file]);
            if (i >= warmup) {
                node.push(n);
                cap.push(c);
            }
        }
        return { lines: text.split('\n').length - 1, node: summarize(node), capCheck: summarize(cap) };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
