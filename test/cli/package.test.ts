import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { CAP_VERSION } from '../../packages/cli/src/version.js';
import { cap, root } from './cli-helpers.js';

/**
 * The published packages agree with each other: `cap-lang` (packages/cli) is one bundle with no
 * runtime dependency, and the CLI, the package and the extension carry one version (the release
 * tag). scripts/pack-install-test.mjs installs the packed tarball itself (CI runs it).
 */
const json = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf-8'));

describe('the cap-lang package', () => {
    it('is publishable: a name, a bin, files, license, repository, and no runtime dependencies', () => {
        const pkg = json('packages/cli/package.json');
        expect(pkg.name).toBe('cap-lang');
        expect(pkg.private).toBeUndefined();
        expect(pkg.bin).toEqual({ cap: 'bin/cap.js' });
        expect(pkg.dependencies).toBeUndefined();
        expect(pkg.files).toEqual(['bin/', 'dist/cap.cjs', 'dist/cap-export.cjs']);
        expect(pkg.license).toBe('MIT');
        expect(pkg.repository).toMatchObject({
            type: 'git',
            url: 'git+https://github.com/cap-lang/cap.git',
            directory: 'packages/cli',
        });
        expect(readFileSync(join(root, 'packages/cli/LICENSE'), 'utf-8')).toBe(
            readFileSync(join(root, 'packages/vscode/LICENSE'), 'utf-8'),
        );
        expect(readFileSync(join(root, 'packages/cli/README.md'), 'utf-8')).toContain('npm i -D cap-lang');
    });

    it('has one version: the CLI, the package and the extension', () => {
        expect(json('packages/cli/package.json').version).toBe(CAP_VERSION);
        expect(json('packages/vscode/package.json').version).toBe(CAP_VERSION);
        expect(cap(['--version']).stdout).toBe(`${CAP_VERSION}\n`);
    });

    it('the release workflow: on a version tag, tested packages first, then npm, the Marketplace and Open VSX with tokens from secrets', () => {
        const workflow = load(readFileSync(join(root, '.github/workflows/release.yml'), 'utf-8')) as any;
        expect(workflow.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+'] } });
        const runs = (job: string) => workflow.jobs[job].steps.map((s: any) => s.run).filter(Boolean);
        expect(runs('package')).toEqual([
            'npm ci --no-audit --no-fund',
            'npm test',
            'npm run release:dry-run -- --tag "$GITHUB_REF_NAME" --out release',
            'node scripts/pack-install-test.mjs',
        ]);
        expect(workflow.jobs.npm.needs).toBe('package');
        expect(workflow.jobs.marketplaces.needs).toBe('package');
        const publish = [...workflow.jobs.npm.steps, ...workflow.jobs.marketplaces.steps].filter((s: any) =>
            /publish/.test(s.run ?? ''),
        );
        expect(publish.map((s: any) => [s.run, s.env])).toEqual([
            [
                'npm publish ./cap-lang-*.tgz --access public --provenance',
                { NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' },
            ],
            ['npx vsce publish --packagePath release/cap-vscode-*.vsix', { VSCE_PAT: '${{ secrets.VSCE_PAT }}' }],
            ['npx ovsx publish release/cap-vscode-*.vsix', { OVSX_PAT: '${{ secrets.OVSX_PAT }}' }],
        ]);
        // CI runs every step that needs no token.
        expect(readFileSync(join(root, '.ci/run'), 'utf-8')).toMatch(
            /\nnpm run release:dry-run\n[\s\S]*\nnode scripts\/pack-install-test\.mjs\n/,
        );
    });
});
