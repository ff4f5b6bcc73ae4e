import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * The seeds the fuzzer mutates: every shipped example and test fixture, as in-memory workspaces
 * rooted at `/m/`. A multi-file example appears once per file, so that each of its files gets
 * mutated while its importer and its imports stay as written.
 */

export const root = resolve(__dirname, '../..');

export interface Seed {
    /** Short name for messages: `multi-file/team/roles.cap`. */
    name: string;
    /** Every file of the model, by in-memory path (`/m/multi-file/plan.cap`). */
    files: Record<string, string>;
    entry: string;
    /** The file the mutations apply to. */
    target: string;
}

function capFilesUnder(dir: string): string[] {
    const out: string[] = [];
    for (const name of readdirSync(dir).sort()) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) out.push(...capFilesUnder(path));
        else if (name.endsWith('.cap')) out.push(path);
    }
    return out;
}

function folderSeeds(folder: string, entryName: string): Seed[] {
    const dir = join(root, folder);
    const files: Record<string, string> = {};
    for (const path of capFilesUnder(dir))
        files[`/m/${relative(join(root, 'examples'), path).replace(/\\/g, '/')}`] = readFileSync(path, 'utf-8');
    const entry = Object.keys(files).find(p => p.endsWith(`/${entryName}`))!;
    return Object.keys(files).map(target => ({ name: target.slice(3), files, entry, target }));
}

export function corpus(): Seed[] {
    const seeds: Seed[] = [
        ...folderSeeds('examples/seed', 'seed.cap'),
        ...folderSeeds('examples/three-tier', 'three-tier.cap'),
        ...folderSeeds('examples/growth-500', 'growth.cap'),
        ...folderSeeds('examples/scenarios', 'plan.cap'),
        ...folderSeeds('examples/multi-file', 'plan.cap'),
    ];
    const fixture = readFileSync(join(root, 'test/fixtures/seed-checks.cap'), 'utf-8');
    seeds.push({
        name: 'fixtures/seed-checks.cap',
        files: { '/m/fixtures/seed-checks.cap': fixture },
        entry: '/m/fixtures/seed-checks.cap',
        target: '/m/fixtures/seed-checks.cap',
    });
    return seeds;
}
