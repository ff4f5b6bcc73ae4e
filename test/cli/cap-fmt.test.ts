import { describe, expect, it, beforeAll } from 'vitest';
import {
    chmodSync,
    cpSync,
    mkdirSync,
    mkdtempSync,
    readFileSync,
    readdirSync,
    statSync,
    symlinkSync,
    writeFileSync,
    lstatSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { capInProcess } from './cli-helpers.js';

/** `cap fmt`, run in process on temporary copies. */

const root = resolve(__dirname, '../..');

let base: string;
beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'cap-fmt-'));
});

/** A fresh folder for each test, so that tests never see each other's files. */
let n = 0;
function folder(): string {
    const dir = join(base, `t${n++}`);
    mkdirSync(dir);
    return dir;
}

const UGLY =
    '// the plan\nrole   CSM{hours 160 h/month   // contracted\n cost $ 9,500/month}\n\n\n\nservice QBR{role CSM effort 6h every quarter}';
const FORMATTED =
    '// the plan\nrole CSM {\n  hours 160h / month  // contracted\n  cost $9,500 / month\n}\n\nservice QBR { role CSM  effort 6h every quarter }\n';
const BROKEN = 'role CSM {\n  hours 160h / month\n  cost $9,500 # month\n}\n';

describe('cap fmt', () => {
    it('rewrites a file in the canonical layout, keeping its comments; a second run is a no-op', async () => {
        const dir = folder();
        const file = join(dir, 'plan.cap');
        writeFileSync(file, UGLY);
        const first = await capInProcess(['fmt', 'plan.cap'], dir);
        expect(first.code).toBe(0);
        expect(first.stdout).toBe('plan.cap\n');
        expect(readFileSync(file, 'utf-8')).toBe(FORMATTED);

        const before = statSync(file).mtimeMs;
        const second = await capInProcess(['fmt', 'plan.cap'], dir);
        expect(second.code).toBe(0);
        expect(second.stdout).toBe('');
        expect(readFileSync(file, 'utf-8')).toBe(FORMATTED);
        expect(statSync(file).mtimeMs).toBe(before); // not even rewritten
        expect(readdirSync(dir)).toEqual(['plan.cap']); // no temporary file left
    });

    it('leaves a file with syntax errors untouched: one line as `cap check`, exit 1; formats the others', async () => {
        const dir = folder();
        writeFileSync(join(dir, 'broken.cap'), BROKEN);
        writeFileSync(join(dir, 'good.cap'), UGLY);
        const r = await capInProcess(['fmt', 'broken.cap', 'good.cap'], dir);
        expect(r.code).toBe(1);
        expect(r.stderr).toBe('broken.cap:3:15 - error CAP001: Unexpected character `#`\n');
        expect(readFileSync(join(dir, 'broken.cap'), 'utf-8')).toBe(BROKEN);
        expect(readFileSync(join(dir, 'good.cap'), 'utf-8')).toBe(FORMATTED);
    });

    it('--check lists the unformatted files, writes nothing, exits 1; exits 0 when all are formatted', async () => {
        const dir = folder();
        writeFileSync(join(dir, 'a.cap'), UGLY);
        writeFileSync(join(dir, 'b.cap'), FORMATTED);
        writeFileSync(join(dir, 'c.cap'), UGLY.replace('QBR', 'Review'));
        const r = await capInProcess(['fmt', '--check', 'a.cap', 'b.cap', 'c.cap'], dir);
        expect(r.code).toBe(1);
        expect(r.stdout).toBe('a.cap\nc.cap\n');
        expect(readFileSync(join(dir, 'a.cap'), 'utf-8')).toBe(UGLY);
        expect(await capInProcess(['fmt', '--check', 'b.cap'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    });

    it('--check passes on every shipped example (a folder is every .cap file under it)', async () => {
        const r = await capInProcess(['fmt', '--check', 'examples']);
        expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    });

    it('formats the examples as they are, from a copy: nothing to rewrite', async () => {
        const dir = folder();
        cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
        const r = await capInProcess(['fmt', 'examples'], dir);
        expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
        for (const f of [
            'seed/seed.cap',
            'three-tier/three-tier.cap',
            'multi-file/plan.cap',
            'multi-file/team/roles.cap',
        ]) {
            expect(readFileSync(join(dir, 'examples', f), 'utf-8')).toBe(
                readFileSync(join(root, 'examples', f), 'utf-8'),
            );
        }
    });

    it('formats only the files named, not what they import', async () => {
        const dir = folder();
        mkdirSync(join(dir, 'team'));
        writeFileSync(join(dir, 'team/roles.cap'), UGLY);
        writeFileSync(join(dir, 'plan.cap'), 'import "./team/roles.cap"\ntier   T{accounts 1 services QBR}');
        expect((await capInProcess(['fmt', 'plan.cap'], dir)).code).toBe(0);
        expect(readFileSync(join(dir, 'plan.cap'), 'utf-8')).toBe(
            'import "./team/roles.cap"\ntier T { accounts 1  services QBR }\n',
        );
        expect(readFileSync(join(dir, 'team/roles.cap'), 'utf-8')).toBe(UGLY);
    });

    it('--stdout prints the formatted text and writes nothing; `-` formats standard input', async () => {
        const dir = folder();
        writeFileSync(join(dir, 'a.cap'), UGLY);
        const r = await capInProcess(['fmt', '--stdout', 'a.cap'], dir);
        expect(r).toEqual({ code: 0, stdout: FORMATTED, stderr: '' });
        expect(readFileSync(join(dir, 'a.cap'), 'utf-8')).toBe(UGLY);
        expect(await capInProcess(['fmt', '-'], dir, { stdin: UGLY })).toEqual({
            code: 0,
            stdout: FORMATTED,
            stderr: '',
        });
        expect(await capInProcess(['fmt', '--check', '-'], dir, { stdin: UGLY })).toEqual({
            code: 1,
            stdout: '<stdin>\n',
            stderr: '',
        });
        const broken = await capInProcess(['fmt', '-'], dir, { stdin: BROKEN });
        expect(broken).toEqual({
            code: 1,
            stdout: '',
            stderr: '<stdin>:3:15 - error CAP001: Unexpected character `#`\n',
        });
    });

    it("keeps the file's permissions and rewrites the target of a symbolic link, not the link", async () => {
        const dir = folder();
        const target = join(dir, 'real.cap');
        writeFileSync(target, UGLY);
        chmodSync(target, 0o640);
        symlinkSync('real.cap', join(dir, 'link.cap'));
        expect((await capInProcess(['fmt', 'link.cap'], dir)).code).toBe(0);
        expect(lstatSync(join(dir, 'link.cap')).isSymbolicLink()).toBe(true);
        expect(readFileSync(target, 'utf-8')).toBe(FORMATTED);
        expect(statSync(target).mode & 0o777).toBe(0o640);
    });

    it.each([
        [['fmt', 'a.cap', 'no-such-file.cap'], /^cap: cannot read no-such-file\.cap: no such file$/],
        [['fmt', '-', 'a.cap'], /^cap: `-` \(standard input\) cannot be combined with files$/],
        [['fmt', '--frobnicate', 'a.cap'], /^error: unknown option '--frobnicate'$/],
        [['fmt'], /^error: missing required argument 'files'$/],
    ])('usage errors exit 2 and write nothing: cap %j', async (args, message) => {
        const dir = folder();
        writeFileSync(join(dir, 'a.cap'), UGLY);
        const r = await capInProcess(args as string[], dir);
        expect(r.code).toBe(2);
        expect(r.stderr.trim()).toMatch(message);
        expect(readFileSync(join(dir, 'a.cap'), 'utf-8')).toBe(UGLY);
    });

    it('is listed in the help', async () => {
        expect((await capInProcess(['--help'])).stdout).toMatch(/fmt \[options\] <files\.\.\.>/);
        expect((await capInProcess(['fmt', '--help'])).stdout).toContain('--check');
    });
});
