import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewWorkflow } from '../../packages/cli/src/init/scaffold.js';
import { CAP_VERSION } from '../../packages/cli/src/version.js';

/**
 * The pull-request action's script (action/review.mjs) against a local git repository, a recorded
 * `pull_request` event and a local HTTP server in place of GitHub's REST API, which records every
 * request: the comment it posts, the comment it updates on the next push, and its exit code.
 */

const root = resolve(__dirname, '../..');
const script = join(root, 'action/review.mjs');
const capBin = join(root, 'packages/cli/bin/cap.js');

const PLAN = `model AcmeCS "Acme CS plan FY27" { currency USD  period month }

role CSM "Customer Success Manager" {
  hours 160h / month
  overhead { meetings 24h / month  admin 10h / month  distractions 6h / month }
  cost $9,500 / month
}

service QBR { role CSM  effort 6h every quarter }
service CheckIn { role CSM  effort 3h every month }

tier Enterprise "Strategic accounts" {
  touch high
  accounts 48
  arr $120,000
  churn 8% / year
  margin 80%
  services QBR, CheckIn
}

agent alice "Alice Chen" { role CSM }
agent bob { role CSM }
`;

interface Recorded {
    method: string;
    url: string;
    authorization?: string;
    body?: { body: string };
}

let server: ReturnType<typeof createServer>;
let api = '';
const requests: Recorded[] = [];
/** The comments GET returns, per test. */
let existingComments: { id: number; body: string }[] = [];
let refuse = false;

beforeAll(async () => {
    server = createServer((req, res) => {
        let text = '';
        req.on('data', chunk => {
            text += chunk;
        });
        req.on('end', () => {
            requests.push({
                method: req.method!,
                url: req.url!,
                authorization: req.headers.authorization,
                body: text ? JSON.parse(text) : undefined,
            });
            res.setHeader('Content-Type', 'application/json');
            if (refuse) {
                res.statusCode = 403;
                res.end(JSON.stringify({ message: 'Resource not accessible by integration' }));
            } else if (req.method === 'GET') {
                res.end(JSON.stringify(existingComments));
            } else if (req.method === 'POST') {
                res.statusCode = 201;
                res.end(
                    JSON.stringify({ id: 501, html_url: 'https://github.com/acme/cs-plan/pull/17#issuecomment-501' }),
                );
            } else {
                res.end(
                    JSON.stringify({ id: 42, html_url: 'https://github.com/acme/cs-plan/pull/17#issuecomment-42' }),
                );
            }
        });
    });
    await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>(done => server.close(() => done())));

/** A plan repository: plan.cap on main, then `change` on a branch; returns its folder and the two commits. */
function repository(change: (plan: string) => string): { dir: string; base: string; head: string } {
    const dir = mkdtempSync(join(tmpdir(), 'cap-action-'));
    const git = (...args: string[]) =>
        spawnSync('git', ['-c', 'user.name=Cap', '-c', 'user.email=cap@example.invalid', ...args], {
            cwd: dir,
            encoding: 'utf-8',
        }).stdout.trim();
    git('init', '-q', '-b', 'main');
    writeFileSync(join(dir, 'plan.cap'), PLAN);
    git('add', 'plan.cap');
    git('commit', '-qm', 'the plan');
    const base = git('rev-parse', 'HEAD');
    git('checkout', '-qb', 'csm-meetings');
    writeFileSync(join(dir, 'plan.cap'), change(PLAN));
    git('commit', '-qam', 'more meetings');
    return { dir, base, head: git('rev-parse', 'HEAD') };
}

/** Runs the action's script as the Review step does, with the recorded event pointed at the repository's commits. */
async function review(repo: { dir: string; base: string; head: string }, inputs: Record<string, string> = {}) {
    const event = JSON.parse(readFileSync(join(root, 'test/fixtures/action/pull_request.synchronize.json'), 'utf-8'));
    event.pull_request.base.sha = repo.base;
    event.pull_request.head.sha = repo.head;
    const eventPath = join(repo.dir, '..', `${repo.head}.event.json`);
    writeFileSync(eventPath, JSON.stringify(event));
    const output = join(repo.dir, '..', `${repo.head}.output`);
    const summary = join(repo.dir, '..', `${repo.head}.summary`);
    writeFileSync(output, '');
    writeFileSync(summary, '');
    requests.length = 0;
    // Asynchronous: the test's HTTP server answers the script from this process.
    const child = spawn(process.execPath, [script], {
        cwd: repo.dir,
        env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            CAP_BIN: capBin,
            GITHUB_API_URL: api,
            GITHUB_REPOSITORY: 'acme/cs-plan',
            GITHUB_TOKEN: 'ghs_test',
            GITHUB_EVENT_PATH: eventPath,
            GITHUB_OUTPUT: output,
            GITHUB_STEP_SUMMARY: summary,
            INPUT_MODEL: 'plan.cap',
            INPUT_FAIL_ON: 'teamCost>5%\n*.requiredFte>1\n',
            INPUT_BASE_REF: '',
            INPUT_COMMENT: 'true',
            ...inputs,
        },
    });
    let stdout = '';
    child.stdout.on('data', d => {
        stdout += d;
    });
    child.stderr.on('data', d => {
        stdout += d;
    });
    const code = await new Promise<number | null>(done => child.on('close', done));
    return { code, stdout, outputs: readFileSync(output, 'utf-8'), summary: readFileSync(summary, 'utf-8') };
}

describe('the pull-request action', () => {
    it('posts one comment with the Markdown diff and fails on a crossed gate', async () => {
        existingComments = [{ id: 7, body: 'Looks good to me' }];
        const repo = repository(
            plan => `${plan.replace('meetings 24h / month', 'meetings 34h / month')}agent dana { role CSM }\n`,
        );
        const run = await review(repo);
        expect(run.code).toBe(1);
        expect(requests.map(r => `${r.method} ${r.url}`)).toEqual([
            'GET /repos/acme/cs-plan/issues/17/comments?per_page=100&page=1',
            'POST /repos/acme/cs-plan/issues/17/comments',
        ]);
        expect(requests.every(r => r.authorization === 'Bearer ghs_test')).toBe(true);
        const body = requests[1].body!.body;
        expect(body.startsWith('<!-- cap-review: plan.cap -->\n### Cap: `')).toBe(true);
        expect(body).toContain(`${repo.base}:plan.cap`);
        expect(body).toContain('**+0.18 CSM FTE, +\\$9,500/mo team cost, CRC \\$396 → \\$594**');
        expect(body).toContain('- role CSM: overhead meetings `24h / month` → `34h / month`');
        expect(body).toContain('- agent dana added');
        expect(body).toMatch(/\| Team cost \/mo \| \\\$19,000 \| \\\$28,500 \| ▲ \+\\\$9,500 \| \+50% \|/);
        expect(body).toMatch(/#### Gates crossed\n\n- ❌ `teamCost/);
        expect(body).toContain('- ✅ `cap check plan.cap`: 0 errors, 0 warnings in 1 file');
        expect(body).toContain('- ✅ `cap fmt --check`: 1 file in the canonical layout');
        expect(body).toContain('- ❌ 1 gate crossed');
        expect(body).toContain(
            `<sub>Cap plan review for ${repo.head.slice(0, 7)}: this comment is updated on every push.</sub>`,
        );
        // The same body in the step summary; the outputs and an error annotation for the gate.
        expect(run.summary).toBe(body);
        expect(run.outputs).toBe('failed=true\ncomment-url=https://github.com/acme/cs-plan/pull/17#issuecomment-501\n');
        expect(run.stdout).toMatch(/^::error::--fail-on teamCost/m);
    });

    it('updates its own comment on the next push, and passes when the gates hold', async () => {
        existingComments = [
            { id: 7, body: 'Looks good to me' },
            { id: 42, body: '<!-- cap-review: plan.cap -->\n### Cap: old' },
        ];
        const repo = repository(plan => plan.replace('accounts 48', 'accounts 47'));
        const run = await review(repo);
        expect(run.code).toBe(0);
        expect(requests.map(r => `${r.method} ${r.url}`)).toEqual([
            'GET /repos/acme/cs-plan/issues/17/comments?per_page=100&page=1',
            'PATCH /repos/acme/cs-plan/issues/comments/42',
        ]);
        const body = requests[1].body!.body;
        expect(body).toContain('- tier Enterprise: accounts `48` → `47`');
        expect(body).toContain('- ✅ gates hold: `teamCost>5%`, `*.requiredFte>1`');
        expect(body).not.toContain('❌');
        expect(run.outputs).toContain('failed=false\n');
    });

    it('fails on a model error and an unformatted file, and still reviews when the comment is refused', async () => {
        existingComments = [];
        refuse = true;
        try {
            const repo = repository(plan => plan.replace('agent bob { role CSM }', 'agent bob   { role Nobody }'));
            const run = await review(repo);
            expect(run.code).toBe(1);
            expect(requests.map(r => r.method)).toEqual(['GET']);
            expect(run.stdout).toContain(
                '::warning::cannot post the review comment (GET /repos/acme/cs-plan/issues/17/comments?per_page=100&page=1: HTTP 403',
            );
            expect(run.summary).toMatch(
                /- ❌ `cap check plan\.cap`: 1 error, 2 warnings in 1 file\n {2}```text\n( {2}plan\.cap:.*\n)* {2}plan\.cap:22:20 - error CAP003: Unknown role `Nobody`/,
            );
            expect(run.summary).not.toContain('gates hold');
            expect(run.summary).toContain(
                '- ❌ `cap fmt --check`: not in the canonical layout (run `npx cap fmt .`): `plan.cap`',
            );
            expect(run.summary).toContain('has errors');
            expect(run.stdout).toMatch(/^::error::cap check plan\.cap: /m);
        } finally {
            refuse = false;
        }
    });
});

describe('the action and its example workflow', () => {
    it('action.yml is a composite action that runs the script with the inputs the workflow gives', () => {
        const action = load(readFileSync(join(root, 'action.yml'), 'utf-8')) as any;
        expect(action.runs.using).toBe('composite');
        expect(Object.keys(action.inputs)).toEqual([
            'model',
            'fail-on',
            'base-ref',
            'comment',
            'github-token',
            'node-version',
            'working-directory',
        ]);
        const step = action.runs.steps.find((s: any) => s.id === 'review');
        expect(step.run).toBe('node "$GITHUB_ACTION_PATH/action/review.mjs"');
        expect(
            Object.keys(step.env)
                .filter(k => k.startsWith('INPUT_'))
                .map(k => k.slice(6).toLowerCase().replace('_', '-')),
        ).toEqual(['model', 'fail-on', 'base-ref', 'comment']);
    });

    it('examples/ci/cap-review.yml is what cap init writes, and uses the action at this version', () => {
        const text = readFileSync(join(root, 'examples/ci/cap-review.yml'), 'utf-8');
        expect(text).toBe(reviewWorkflow('plan.cap'));
        const workflow = load(text) as any;
        const uses = workflow.jobs.review.steps.map((s: any) => s.uses);
        expect(uses).toEqual(['actions/checkout@v4', `cap-lang/cap@v${CAP_VERSION}`]);
        expect(workflow.jobs.review.steps[1].with).toEqual({
            model: 'plan.cap',
            'fail-on': 'teamCost>5%\n*.requiredFte>1\n',
        });
        expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    });
});
