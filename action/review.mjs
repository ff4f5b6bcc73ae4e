// The Cap plan review (action.yml at the repository root runs it): on a pull request, check the
// model, check the layout of every .cap file, compare the model with its version at the base
// commit, and post the result as one comment on the pull request, updated on every push. Exits 1
// when the model has errors, a file is not formatted, or a --fail-on gate is crossed.
//
// Plain Node (20 or later), no dependencies: it runs straight from a checkout of this repository.
// Inputs come from the environment, as GitHub gives them to a step:
//   CAP_BIN              the cap command's bin/cap.js (run with this Node); else `cap` on PATH
//   INPUT_MODEL          the entry model (default plan.cap)
//   INPUT_FAIL_ON        --fail-on rules, one a line
//   INPUT_BASE_REF       the ref to compare with (default: the pull request's base commit)
//   INPUT_COMMENT        `false` to skip the comment
//   GITHUB_TOKEN, GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_EVENT_PATH, GITHUB_OUTPUT,
//   GITHUB_STEP_SUMMARY  as GitHub Actions sets them
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';

const env = process.env;
const model = env.INPUT_MODEL?.trim() || 'plan.cap';
const rules = (env.INPUT_FAIL_ON ?? '')
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line.length > 0 && !line.startsWith('#'));
const marker = `<!-- cap-review: ${model} -->`;

/** Runs cap with arguments; never throws. */
function cap(args) {
    const [command, prefix] = env.CAP_BIN ? [process.execPath, [env.CAP_BIN]] : ['cap', []];
    const r = spawnSync(command, [...prefix, ...args], {
        encoding: 'utf-8',
        env: { ...env, FORCE_COLOR: '0' },
        maxBuffer: 64 * 1024 * 1024,
    });
    return {
        code: r.error ? 2 : (r.status ?? 2),
        stdout: r.stdout ?? '',
        stderr: (r.stderr ?? '') + (r.error ? `cap: ${r.error.message}\n` : ''),
    };
}

function git(args) {
    const r = spawnSync('git', args, { encoding: 'utf-8' });
    return { code: r.status ?? 2, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** A code block; `indent` places it inside a list item. */
function fence(text, indent = '') {
    const body = text.trimEnd();
    const ticks = body.includes('```') ? '````' : '```';
    return [`${ticks}text`, ...body.split('\n'), ticks].map(line => indent + line).join('\n');
}

/** The pull request this run is for (from the event payload), or undefined outside a pull request. */
function pullRequest() {
    if (!env.GITHUB_EVENT_PATH) return undefined;
    try {
        const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf-8'));
        return event.pull_request ?? undefined;
    } catch (err) {
        console.log(`::warning::cannot read the event payload ${env.GITHUB_EVENT_PATH}: ${err.message}`);
        return undefined;
    }
}

/** The base commit, fetched when a shallow checkout does not have it. */
function baseRef(pr) {
    const ref = env.INPUT_BASE_REF?.trim() || pr?.base?.sha;
    if (!ref) return undefined;
    if (git(['cat-file', '-e', `${ref}^{commit}`]).code !== 0) {
        const fetched = git(['fetch', '--no-tags', '--depth=1', 'origin', ref]);
        if (fetched.code !== 0) console.log(`::warning::cannot fetch ${ref}: ${fetched.stderr.trim()}`);
    }
    return ref;
}

function review() {
    const pr = pullRequest();
    const base = baseRef(pr);
    const failures = [];
    const sections = [];

    // 1. The figures: what the change does, against the base.
    let diff;
    let compared = false;
    if (base) {
        diff = cap([
            'diff',
            '--git',
            base,
            model,
            '--format',
            'markdown',
            ...rules.flatMap(rule => ['--fail-on', rule]),
        ]);
        const crossed = diff.stderr
            .split('\n')
            .filter(line => line.startsWith('cap: --fail-on '))
            .map(line => line.slice('cap: '.length));
        if (diff.stdout.trim().length > 0) {
            compared = true;
            sections.push(diff.stdout.trimEnd());
        } else {
            sections.push(
                `### Cap: \`${model}\`\n\nNo comparison with \`${shortRef(base, pr)}\`:\n\n${fence(diff.stderr || `cap diff exited with ${diff.code}`)}`,
            );
        }
        if (crossed.length > 0) {
            sections.push(
                `#### Gates crossed\n\n${crossed.map(line => `- ❌ \`${line.replace(/^--fail-on /, '')}\``).join('\n')}`,
            );
            failures.push(...crossed);
        } else if (diff.code !== 0) {
            failures.push(`cap diff: ${diff.stderr.trim().split('\n').pop()}`);
        }
    } else {
        sections.push(
            `### Cap: \`${model}\`\n\nNot a pull request and no \`base-ref\` given: nothing to compare with.`,
        );
    }

    // 2. The model's diagnostics.
    const checked = cap(['check', model]);
    const checks = [];
    const summaryLine = checked.stdout.trim().split('\n').pop() ?? '';
    if (checked.code === 0) {
        checks.push(`- ✅ \`cap check ${model}\`: ${summaryLine.replace(/^.*?: /, '')}`);
        const warnings = checked.stdout.trim().split('\n').slice(0, -1);
        if (warnings.length > 0) checks.push(fence(warnings.join('\n'), '  '));
    } else {
        checks.push(
            `- ❌ \`cap check ${model}\`: ${summaryLine.replace(/^.*?: /, '') || 'failed'}`,
            fence(checked.stdout + checked.stderr, '  '),
        );
        failures.push(`cap check ${model}: ${summaryLine || checked.stderr.trim()}`);
    }

    // 3. The layout of every tracked .cap file.
    const tracked = git(['ls-files', '-z', '--', '*.cap']).stdout.split('\0').filter(Boolean);
    if (tracked.length > 0) {
        const fmt = cap(['fmt', '--check', ...tracked]);
        if (fmt.code === 0) {
            checks.push(
                `- ✅ \`cap fmt --check\`: ${tracked.length} file${tracked.length === 1 ? '' : 's'} in the canonical layout`,
            );
        } else {
            const files = fmt.stdout.trim().split('\n').filter(Boolean);
            checks.push(
                `- ❌ \`cap fmt --check\`: not in the canonical layout (run \`npx cap fmt .\`): ${files.map(f => `\`${f}\``).join(', ') || fmt.stderr.trim()}`,
            );
            failures.push(`cap fmt --check: ${files.join(', ') || fmt.stderr.trim()}`);
        }
    }
    if (rules.length > 0 && compared) {
        const crossed = failures.filter(f => f.startsWith('--fail-on '));
        checks.push(
            crossed.length === 0
                ? `- ✅ gates hold: ${rules.map(r => `\`${r}\``).join(', ')}`
                : `- ❌ ${crossed.length} gate${crossed.length === 1 ? '' : 's'} crossed`,
        );
    }
    sections.push(`#### Checks\n\n${checks.join('\n')}`);

    const head = pr?.head?.sha ? ` for ${pr.head.sha.slice(0, 7)}` : '';
    const body = `${marker}\n${sections.join('\n\n')}\n\n<sub>Cap plan review${head}: this comment is updated on every push.</sub>\n`;
    return { pr, body, failures };
}

function shortRef(ref, pr) {
    return ref === pr?.base?.sha ? `${pr.base.ref ?? 'the base'} (${ref.slice(0, 7)})` : ref;
}

/** Posts the comment, or updates the one an earlier run posted (found by its marker). */
async function comment(pr, body) {
    const api = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, '');
    const repository = env.GITHUB_REPOSITORY || pr.base?.repo?.full_name;
    const headers = {
        Accept: 'application/vnd.github+json',
        Authorization: `Bearer ${env.GITHUB_TOKEN ?? ''}`,
        'Content-Type': 'application/json',
        'User-Agent': 'cap-plan-review',
        'X-GitHub-Api-Version': '2022-11-28',
    };
    const request = async (method, path, payload) => {
        const response = await fetch(`${api}${path}`, {
            method,
            headers,
            body: payload === undefined ? undefined : JSON.stringify(payload),
        });
        if (!response.ok)
            throw new Error(`${method} ${path}: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
        return response.json();
    };
    let existing;
    for (let page = 1; page <= 50 && !existing; page++) {
        const comments = await request(
            'GET',
            `/repos/${repository}/issues/${pr.number}/comments?per_page=100&page=${page}`,
        );
        existing = comments.find(c => typeof c.body === 'string' && c.body.startsWith(marker));
        if (comments.length < 100) break;
    }
    const result = existing
        ? await request('PATCH', `/repos/${repository}/issues/comments/${existing.id}`, { body })
        : await request('POST', `/repos/${repository}/issues/${pr.number}/comments`, { body });
    return { url: result.html_url, updated: existing !== undefined };
}

const { pr, body, failures } = review();
if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, body);
let commentUrl = '';
if (pr && env.INPUT_COMMENT !== 'false') {
    try {
        const posted = await comment(pr, body);
        commentUrl = posted.url ?? '';
        console.log(`${posted.updated ? 'Updated' : 'Posted'} the review comment: ${commentUrl}`);
    } catch (err) {
        // A pull request from a fork gets a read-only token: the review still runs and fails or passes.
        console.log(`::warning::cannot post the review comment (${err.message}); it is in the step summary`);
    }
} else {
    process.stdout.write(body);
}
if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `failed=${failures.length > 0}\ncomment-url=${commentUrl}\n`);
for (const failure of failures) console.log(`::error::${failure}`);
process.exitCode = failures.length > 0 ? 1 : 0;
