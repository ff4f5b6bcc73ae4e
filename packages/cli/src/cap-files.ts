import { promises as fs } from 'node:fs';
import { join } from 'node:path';

/** The `.cap` files in a folder and its subfolders, in a stable order; hidden folders and node_modules are skipped. */
export async function capFilesUnder(dir: string): Promise<string[]> {
    const out: string[] = [];
    const entries = (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
            if (!entry.name.startsWith('.') && entry.name !== 'node_modules') out.push(...(await capFilesUnder(path)));
        } else if (entry.isFile() && entry.name.endsWith('.cap')) {
            out.push(path);
        }
    }
    return out;
}
