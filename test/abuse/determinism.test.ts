import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, capInProcess, root, scratchDir } from '../cli/cli-helpers.js';

/**
 * The same model gives a byte-identical report whatever the run, the process, the machine (its
 * folder, time zone and locale), the order the files are named on the command line and the
 * order of independent imports. Checked on the examples through the CLI; mutated models (half-typed
 * ones included) in fresh service containers are checked by test/fuzz/fuzz-determinism.test.ts.
 * A command run in process, after others in the same process, gives what a fresh process gives.
 */

let dir: string;

/** `cap` as a child process: a fresh one, with its own time zone and locale. */
function run(args: string[], cwd: string, env: Record<string, string> = {}) {
    const r = spawnSync(process.execPath, [bin, ...args], {
        cwd,
        encoding: 'utf-8',
        env: { ...process.env, FORCE_COLOR: '0', ...env },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
    dir = scratchDir('cap-determinism-');
    cpSync(join(root, 'examples'), join(dir, 'here/examples'), { recursive: true });
    mkdirSync(join(dir, 'elsewhere/much/deeper'), { recursive: true });
    cpSync(join(root, 'examples'), join(dir, 'elsewhere/much/deeper/copy'), { recursive: true });
});

afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
});

const ENTRIES = [
    'seed/seed.cap',
    'three-tier/three-tier.cap',
    'multi-file/plan.cap',
    'growth-500/growth.cap',
    'scenarios/plan.cap',
    'crm-book/plan.cap',
];

describe('deterministic reports', () => {
    it('byte-identical in fresh processes, in another folder, time zone and locale, and in process', async () => {
        // The examples that import, scale to a period, forecast and have scenarios.
        for (const entry of ['multi-file/plan.cap', 'growth-500/growth.cap', 'scenarios/plan.cap']) {
            const first = run(['build', `examples/${entry}`], join(dir, 'here'));
            expect(first.code, first.stderr).toBe(0);
            const elsewhere = run(['build', join(dir, 'elsewhere/much/deeper/copy', entry)], '/', {
                TZ: 'Pacific/Chatham',
                LANG: 'tr_TR.UTF-8',
                LC_ALL: 'tr_TR.UTF-8',
            });
            expect(elsewhere.stdout, entry).toBe(first.stdout);
            expect((await capInProcess(['build', `examples/${entry}`], join(dir, 'here'))).stdout, entry).toBe(
                first.stdout,
            );
        }
    });

    it('`cap check a b` says the same about each file as `cap check b a`', async () => {
        const files = ENTRIES.map(e => `examples/${e}`);
        write('here/examples/broken.cap', 'role CSM { hours 160 }\nagent a { role Nobody }\n');
        files.push('examples/broken.cap');
        const sections = (out: string) => {
            const map = new Map<string, string>();
            let lines: string[] = [];
            for (const line of out.trimEnd().split('\n')) {
                lines.push(line);
                const summary = /^(.*\.cap): \d+ errors?, /.exec(line);
                if (summary) {
                    map.set(summary[1], lines.join('\n'));
                    lines = [];
                }
            }
            return map;
        };
        const forward = await capInProcess(['check', ...files], join(dir, 'here'));
        const backward = await capInProcess(['check', ...[...files].reverse()], join(dir, 'here'));
        expect(forward.code).toBe(1);
        expect(backward.code).toBe(1);
        expect(sections(backward.stdout)).toEqual(sections(forward.stdout));
        expect(sections(forward.stdout).size).toBe(files.length);
    });

    it('the same report whichever order a model writes independent imports in', async () => {
        const plan = join(dir, 'here/examples/multi-file/plan.cap');
        const text = readFileSync(plan, 'utf-8');
        const before = await capInProcess(['build', 'examples/multi-file/plan.cap'], join(dir, 'here'));
        const swapped = text.replace(
            'import "./team/roles.cap"\nimport "./menu/services.cap"',
            'import "./menu/services.cap"\nimport "./team/roles.cap"',
        );
        expect(swapped).not.toBe(text);
        writeFileSync(plan, swapped);
        const after = await capInProcess(['build', 'examples/multi-file/plan.cap'], join(dir, 'here'));
        writeFileSync(plan, text);
        expect(after.code, after.stderr).toBe(0);
        expect(after.stdout).toBe(before.stdout);
    });
});

function write(path: string, text: string): void {
    writeFileSync(join(dir, path), text);
}
