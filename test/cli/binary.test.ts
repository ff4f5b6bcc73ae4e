import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bin, capInProcess, scratchDir } from './cli-helpers.js';
import { IDENTITY, git } from './diff-helpers.js';

/**
 * The bundled `cap` as a child process: exit codes 0, 1 and 2, what goes to standard output and
 * what to standard error, standard input, a git subprocess, the workbook's chunk. Each command is
 * also run in process in a twin folder, and must give the same bytes: the other CLI suites run
 * commands in process, and this is what says that they test what users run.
 */

const ROLES = 'role CSM { hours 160h / month  overhead 40h / month  cost $9,000 / month }\n';
const PLAN = `import "./team/roles.cap"

model Acme "Acme CS plan" { currency USD  period month  start 2027-01  horizon 3 months }

service QBR { role CSM  effort 6h every quarter }
tier Enterprise { accounts 48  arr $120,000  churn 8% / year  services QBR }

agent alice { role CSM }
agent bob { role CSM }
`;
const UGLY = 'role   CSM{hours 160 h/month\n cost $ 9,500/month}';

/** A repository with the plan committed on `main`, then more accounts in the working tree, and a broken model. */
function twin(): string {
    const dir = scratchDir('cap-binary-');
    mkdirSync(join(dir, 'team'));
    writeFileSync(join(dir, 'team/roles.cap'), ROLES);
    writeFileSync(join(dir, 'plan.cap'), PLAN);
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, ...IDENTITY, 'commit', '-q', '-m', 'plan');
    writeFileSync(join(dir, 'plan.cap'), PLAN.replace('accounts 48', 'accounts 96'));
    writeFileSync(join(dir, 'broken.cap'), 'role CSM { hours 160 cost $1 / month }\n');
    return dir;
}

function spawned(args: string[], cwd: string, input?: string) {
    const r = spawnSync(process.execPath, [bin, ...args], {
        cwd,
        input,
        encoding: 'utf-8',
        env: { ...process.env, FORCE_COLOR: '0' },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let binaryDir: string;
let inProcessDir: string;
beforeAll(() => {
    binaryDir = twin();
    inProcessDir = twin();
});

/** Which stream is empty: `stdout` when a command only reports on stderr, and the other way round. */
type Quiet = 'stdout' | 'stderr' | 'neither';

const COMMANDS: [string[], number, Quiet, string?][] = [
    [['check', 'broken.cap'], 1, 'stderr'],
    [['build', 'plan.cap'], 0, 'stderr'],
    [['fmt', '-'], 0, 'stderr', UGLY],
    [['diff', '--git', 'main', 'plan.cap', '--fail-on', 'CSM.requiredFte>0.5'], 1, 'neither'],
    // The workbook's writer is a chunk of its own in the bundle.
    [['export', 'plan.cap'], 0, 'stderr'],
    [['frobnicate'], 2, 'stdout'],
];

describe('the cap binary', () => {
    it.each(COMMANDS)('cap %j: exit %i, the same bytes as in process', async (args, code, quiet, input) => {
        const binary = spawned(args, binaryDir, input);
        expect(binary.code, binary.stderr).toBe(code);
        if (quiet !== 'neither') expect(binary[quiet]).toBe('');
        expect(binary.stdout + binary.stderr).not.toMatch(/\n\s+at /);
        expect(await capInProcess(args, inProcessDir, { stdin: input })).toEqual(binary);
    });
});
