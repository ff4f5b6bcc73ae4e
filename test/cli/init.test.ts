import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelNames } from '../../packages/cli/src/init/scaffold.js';
import { TEMPLATES } from '../../packages/cli/src/init/templates.js';
import { CAP_VERSION } from '../../packages/cli/src/version.js';
import { capInProcess, scratchDir } from './cli-helpers.js';

/** `cap init`: a plan repository that passes `cap check` as created, and never an overwritten file. */

const SCAFFOLD = [
    '.github/workflows/cap-review.yml',
    '.gitignore',
    '.vscode/extensions.json',
    'README.md',
    'package.json',
    'plan.cap',
];

/** Every file under a folder, relative, sorted. */
function filesUnder(dir: string, prefix = ''): string[] {
    return readdirSync(dir, { withFileTypes: true })
        .flatMap(e => (e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
        .sort();
}

describe('cap init', () => {
    for (const template of TEMPLATES) {
        it(`--template ${template.name}: the scaffold passes cap check and cap fmt --check as created`, async () => {
            const dir = join(scratchDir('cap-init-'), 'acme-cs');
            const run = await capInProcess(['init', dir, '--template', template.name]);
            expect(run.stderr).toBe('');
            expect(run.code).toBe(0);
            expect(run.stdout).toContain(`from the ${template.name} template`);
            expect(filesUnder(dir)).toEqual(
                [...SCAFFOLD, ...Object.keys(template.files).filter(f => f !== 'plan.cap')].sort(),
            );
            const check = await capInProcess(['check', '--strict', join(dir, 'plan.cap')]);
            expect(check.stdout).toMatch(/plan\.cap: 0 errors, 0 warnings in 1 file\n$/);
            expect(check.code).toBe(0);
            expect((await capInProcess(['fmt', '--check', dir])).code).toBe(0);
            expect(readFileSync(join(dir, 'plan.cap'), 'utf-8')).toMatch(/^model AcmeCs "Acme CS capacity plan" \{/m);
        });
    }

    it('writes a package.json with the CLI as a dev dependency, the editor recommendation and a README', async () => {
        const dir = scratchDir('cap-init-files-');
        expect((await capInProcess(['init'], dir)).code).toBe(0);
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf-8'));
        expect(pkg.devDependencies).toEqual({ 'cap-lang': `^${CAP_VERSION}` });
        expect(pkg.private).toBe(true);
        expect(pkg.scripts.check).toBe('cap check plan.cap');
        expect(JSON.parse(readFileSync(join(dir, '.vscode/extensions.json'), 'utf-8'))).toEqual({
            recommendations: ['cap-lang.cap-vscode'],
        });
        expect(readFileSync(join(dir, '.gitignore'), 'utf-8')).toMatch(/^node_modules\/$/m);
        expect(readFileSync(join(dir, 'README.md'), 'utf-8')).toContain('npx cap check plan.cap');
        expect(readFileSync(join(dir, '.github/workflows/cap-review.yml'), 'utf-8')).toContain(
            `uses: cap-lang/cap@v${CAP_VERSION}`,
        );
    });

    it('refuses to overwrite: names the files that exist and writes nothing', async () => {
        const dir = scratchDir('cap-init-twice-');
        writeFileSync(join(dir, 'README.md'), 'ours\n');
        mkdirSync(join(dir, '.vscode'));
        writeFileSync(join(dir, '.vscode/extensions.json'), '{}\n');
        const run = await capInProcess(['init', dir]);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(
            /^cap: README\.md, \.vscode\/extensions\.json already exist in .*; nothing was written \(cap init never overwrites a file\)\n$/,
        );
        expect(filesUnder(dir)).toEqual(['.vscode/extensions.json', 'README.md']);
        expect(readFileSync(join(dir, 'README.md'), 'utf-8')).toBe('ours\n');

        const again = scratchDir('cap-init-again-');
        expect((await capInProcess(['init', again])).code).toBe(0);
        const second = await capInProcess(['init', again, '--template', 'three-tier']);
        expect(second.code).toBe(2);
        expect(second.stderr).toContain(
            'plan.cap, .gitignore, README.md, .github/workflows/cap-review.yml, .vscode/extensions.json already exist',
        );
        expect(readFileSync(join(again, 'plan.cap'), 'utf-8')).not.toContain('MidMarket');
    });

    it('keeps a package.json that is there (npm i -D cap-lang made it), adding only the scripts', async () => {
        const dir = scratchDir('cap-init-npm-');
        const before =
            '{\n    "devDependencies": {\n        "cap-lang": "file:../cap-lang-0.1.0.tgz"\n    },\n    "scripts": { "check": "cap check --strict plan.cap" }\n}\n';
        writeFileSync(join(dir, 'package.json'), before);
        const run = await capInProcess(['init'], dir);
        expect(run.code).toBe(0);
        expect(run.stdout).toContain('package.json (kept, with scripts build, forecast, export, fmt added)');
        expect(run.stdout).not.toContain('npm install');
        const after = readFileSync(join(dir, 'package.json'), 'utf-8');
        expect(after).toMatch(/^ {4}"devDependencies"/m);
        const pkg = JSON.parse(after);
        expect(pkg.devDependencies).toEqual({ 'cap-lang': 'file:../cap-lang-0.1.0.tgz' });
        expect(pkg.scripts.check).toBe('cap check --strict plan.cap');
        expect(pkg.scripts.build).toBe('cap build plan.cap --summary');
    });

    it('bad input: an unknown template, a package.json that is not JSON; one line, exit 2, nothing new', async () => {
        const dir = scratchDir('cap-init-bad-');
        const unknown = await capInProcess(['init', dir, '--template', 'crm2']);
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toMatch(
            /^error: option '--template <name>' argument 'crm2' is invalid\. Allowed choices are seed, three-tier, crm\.\n$/,
        );
        writeFileSync(join(dir, 'package.json'), '{ "name": ');
        const broken = await capInProcess(['init', dir]);
        expect(broken.code).toBe(2);
        expect(broken.stderr).toMatch(
            /^cap: package\.json in .* is not valid JSON; fix it, or run cap init in another folder\n$/,
        );
        expect(filesUnder(dir)).toEqual(['package.json']);
        expect(existsSync(join(dir, 'plan.cap'))).toBe(false);
    });

    it('names the model after the folder', () => {
        expect(modelNames('acme-cs')).toEqual({ name: 'AcmeCs', title: 'Acme CS capacity plan' });
        expect(modelNames('2027 plan')).toEqual({ name: 'Plan2027Plan', title: '2027 Plan capacity plan' });
        expect(modelNames('---')).toEqual({ name: 'Plan', title: 'Capacity plan' });
    });
});
