import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, capInProcess, root, scratchDir } from '../cli/cli-helpers.js';

/**
 * Every way a `cap` command can fail on its environment: a missing, unreadable or oversized file,
 * a folder where a file should be, an output that cannot be written, a full disk, an interrupt
 * in the middle of a write. Each gives one line on stderr and a non-zero exit, and leaves the
 * report or the model file that was there before exactly as it was, with no temporary file.
 *
 * Tests may run as root, for whom chmod 000 changes nothing: the permission cases then run the
 * command as the unprivileged user `nobody` instead, so they test what a user would see. Those,
 * a file-size limit and an interrupt need a process of their own; the rest run in process.
 */

let dir: string;
const asRoot = process.getuid?.() === 0;
/** Run as a user the file modes apply to. */
const user = asRoot ? { uid: 65534, gid: 65534 } : {};
/** Whether that user can run `cap` from this checkout at all (not if it lives in a private home folder). */
const modesApply =
    !asRoot || spawnSync(process.execPath, [bin, '--version'], { ...user, stdio: 'ignore' }).status === 0;
const itModes = (name: string, fn: () => void) => it.skipIf(!modesApply)(name, fn);
const GOOD = readFileSync(join(root, 'examples/seed/seed.cap'), 'utf-8');
const UNFORMATTED = 'role CSM {   hours 160h/month\n  cost $9,500 / month }\n';
const OLD_REPORT = '{ "an": "earlier report" }\n';

/** `cap` as a child process: as another user, or after a shell command sets a limit. */
function cap(args: string[], options: { shell?: string; asUser?: boolean }) {
    const argv = [bin, ...args];
    const r =
        options.shell !== undefined
            ? spawnSync('sh', ['-c', `${options.shell}; exec "$0" "$@"`, process.execPath, ...argv], {
                  cwd: dir,
                  encoding: 'utf-8',
              })
            : spawnSync(process.execPath, argv, {
                  cwd: dir,
                  encoding: 'utf-8',
                  env: { ...process.env, FORCE_COLOR: '0' },
                  ...(options.asUser ? user : {}),
              });
    return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** One line, starting with `cap: `, no stack trace. */
function oneLine(stderr: string): string {
    const lines = stderr.trimEnd().split('\n');
    expect(lines, stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^cap: /);
    expect(stderr).not.toMatch(/\n\s+at /);
    return lines[0];
}

const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
};
const temporaries = () => readdirSync(dir).filter(f => f.endsWith('.tmp'));

beforeAll(() => {
    dir = scratchDir('cap-fail-');
    // The unprivileged user must reach the scratch folder; the modes of the files inside decide the rest.
    chmodSync(dir, 0o777);
    write('good.cap', GOOD);
    write('messy.cap', UNFORMATTED);
    mkdirSync(join(dir, 'folder.cap'));
});

afterAll(() => {
    if (!dir) return;
    for (const f of readdirSync(dir)) chmodSync(join(dir, f), 0o755);
    rmSync(dir, { recursive: true, force: true });
});

describe('cap on a broken environment: one line, non-zero, nothing lost', () => {
    it('a missing file', async () => {
        for (const command of [
            ['check', 'nope.cap'],
            ['build', 'nope.cap'],
            ['forecast', 'nope.cap'],
            ['fmt', 'nope.cap'],
        ]) {
            const r = await capInProcess(command, dir);
            expect(r.code, command.join(' ')).toBe(2);
            expect(oneLine(r.stderr)).toBe('cap: cannot read nope.cap: no such file');
        }
    });

    it('a folder given as a file: build refuses it, check reads the models in it', async () => {
        const build = await capInProcess(['build', 'folder.cap'], dir);
        expect(build.code).toBe(2);
        expect(oneLine(build.stderr)).toBe('cap: cannot read folder.cap: not a file');
        const check = await capInProcess(['check', 'folder.cap'], dir);
        expect(check.code).toBe(2);
        expect(oneLine(check.stderr)).toBe('cap: no Cap models (.cap files) in folder.cap');
    });

    itModes('an unreadable file (chmod 000), also when the tests run as root', () => {
        const locked = write('locked.cap', GOOD);
        chmodSync(locked, 0o000);
        for (const command of [
            ['check', 'locked.cap'],
            ['build', 'locked.cap'],
            ['fmt', 'locked.cap'],
        ]) {
            const r = cap(command, { asUser: true });
            expect(r.code, `${command.join(' ')}: ${r.stderr}`).toBe(2);
            expect(oneLine(r.stderr)).toBe('cap: cannot read locked.cap: permission denied');
        }
        chmodSync(locked, 0o644);
    });

    it('a file too large to be a model, or binary', async () => {
        write('huge.cap', `// ${'x'.repeat(11 * 1024 * 1024)}\n`);
        // Not UTF-8, with NUL bytes: an image, an archive. One NUL in a text is reported where it is (cap-cli).
        writeFileSync(join(dir, 'blob.cap'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x01]));
        for (const command of [
            ['check', 'huge.cap'],
            ['fmt', 'huge.cap'],
        ]) {
            const r = await capInProcess(command, dir);
            expect(r.code).toBe(2);
            expect(oneLine(r.stderr)).toMatch(
                /^cap: cannot read .*huge\.cap: too large: 11 MB \(a model file is at most 10 MB\)$/,
            );
        }
        expect(oneLine((await capInProcess(['build', 'blob.cap'], dir)).stderr)).toMatch(
            /^cap: cannot read .*blob\.cap: a binary file, not a text file$/,
        );
    });

    it('an output that cannot be written: no such folder, a folder, a read-only one; the old report kept', async () => {
        const report = write('report.json', OLD_REPORT);
        mkdirSync(join(dir, 'locked-out'));
        write('locked-out/report.json', OLD_REPORT);
        chmodSync(join(dir, 'locked-out'), 0o555);
        const cases: [string[], RegExp, boolean][] = [
            [
                ['build', 'good.cap', '-o', 'no/such/folder/report.json'],
                /^cap: cannot write \/.*\/no\/such\/folder\/report\.json: no folder \/.*\/no\/such\/folder$/,
                false,
            ],
            [
                ['build', 'good.cap', '-o', 'good.cap/report.json'],
                /^cap: cannot write \/.*\/good\.cap\/report\.json: \/.*\/good\.cap is not a folder$/,
                false,
            ],
            [['build', 'good.cap', '-o', 'folder.cap'], /^cap: EISDIR: .*folder\.cap is a folder$/, false],
            [['build', 'good.cap', '-o', 'locked-out/report.json'], /^cap: EACCES: permission denied/, true],
        ];
        for (const [args, message, asUser] of cases) {
            if (asUser && !modesApply) continue;
            const r = asUser ? cap(args, { asUser }) : await capInProcess(args, dir);
            expect(r.code, r.stderr).toBe(2);
            expect(oneLine(r.stderr)).toMatch(message);
        }
        expect(readFileSync(report, 'utf-8')).toBe(OLD_REPORT);
        expect(readFileSync(join(dir, 'locked-out/report.json'), 'utf-8')).toBe(OLD_REPORT);
        expect(statSync(join(dir, 'folder.cap')).isDirectory()).toBe(true);
        chmodSync(join(dir, 'locked-out'), 0o755);
        expect(readdirSync(join(dir, 'locked-out'))).toEqual(['report.json']);
        expect(temporaries()).toEqual([]);
    });

    it('a full disk: /dev/full, and a file-size limit hit in the middle of a write; the old report stays', async () => {
        if (existsSync('/dev/full') && statSync('/dev/full').isCharacterDevice()) {
            const r = await capInProcess(['build', 'good.cap', '-o', '/dev/full'], dir);
            expect(r.code).toBe(2);
            expect(oneLine(r.stderr)).toBe('cap: ENOSPC: no space left on device, write');
            expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
        }
        // 1 block of 512 bytes: the report's temporary file fills it, as a full disk would.
        const report = write('report.json', OLD_REPORT);
        const r = cap(['build', 'good.cap', '-o', 'report.json'], { shell: "trap '' XFSZ; ulimit -f 1" });
        expect(r.code).toBe(2);
        expect(oneLine(r.stderr)).toMatch(/^cap: EFBIG: file too large/);
        expect(readFileSync(report, 'utf-8')).toBe(OLD_REPORT);
        const f = cap(['fmt', 'messy.cap'], { shell: "trap '' XFSZ; ulimit -f 0" });
        expect(f.code).toBe(2);
        expect(oneLine(f.stderr)).toMatch(/^cap: EFBIG: file too large/);
        expect(readFileSync(join(dir, 'messy.cap'), 'utf-8')).toBe(UNFORMATTED);
        expect(temporaries()).toEqual([]);
    });

    itModes('a read-only model file: cap fmt leaves it as it was', () => {
        const path = write('readonly.cap', UNFORMATTED);
        chmodSync(dir, 0o555);
        try {
            const r = cap(['fmt', 'readonly.cap'], { asUser: true });
            expect(r.code, r.stderr).toBe(2);
            expect(oneLine(r.stderr)).toMatch(/^cap: EACCES: permission denied/);
        } finally {
            chmodSync(dir, 0o777);
        }
        expect(readFileSync(path, 'utf-8')).toBe(UNFORMATTED);
        expect(temporaries()).toEqual([]);
    });

    it('an interrupt (SIGINT) in the middle of writing the report: the old report stays and no temporary file is left', async () => {
        // Large enough that writing and flushing its report takes a few milliseconds to catch.
        const big = Array.from(
            { length: 800 },
            (_, i) =>
                `role R${i} { hours 160h / month  cost $9,500 / month }\nservice S${i} { role R${i}  effort 1h every month }\ntier T${i} { accounts 10  services S${i} }\nagent a${i} { role R${i} }\n`,
        ).join('');
        write('big.cap', big);
        const report = join(dir, 'report.json');
        let caught = 0;
        for (let run = 0; run < 2; run++) {
            writeFileSync(report, OLD_REPORT);
            const child = spawn(process.execPath, [bin, 'build', 'big.cap', '-o', 'report.json'], {
                cwd: dir,
                stdio: 'ignore',
            });
            let sawTemporary = false;
            const watch = setInterval(() => {
                if (!sawTemporary && temporaries().length > 0) {
                    sawTemporary = true;
                    child.kill('SIGINT');
                }
            }, 1);
            const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(res =>
                child.on('exit', (c, s) => res({ code: c, signal: s })),
            );
            clearInterval(watch);
            const text = readFileSync(report, 'utf-8');
            if (text === OLD_REPORT) {
                // Interrupted while the temporary file was being written: it is gone, the old report stays.
                expect(sawTemporary).toBe(true);
                expect(signal).toBe('SIGINT');
                caught++;
            } else {
                // The rename came first: the whole new report, never a part of it.
                expect(JSON.parse(text).schema).toBe('cap-report/1');
                expect(code === 0 || signal === 'SIGINT').toBe(true);
            }
            expect(temporaries()).toEqual([]);
        }
        console.log(`SIGINT during the write: ${caught} of 2 runs interrupted before the rename`);
    }, 120_000);
});
