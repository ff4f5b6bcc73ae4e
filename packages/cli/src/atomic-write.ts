import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that readers see the old content or the new, never a half-written one: the
 * text goes to a temporary file beside the target, is flushed, then renamed over it. On failure
 * the temporary file is removed and the target is untouched. `mode` gives the new file those
 * permissions exactly (rewriting a user's file should not change who may read it).
 */
export async function writeFileAtomic(path: string, text: string, mode?: number): Promise<void> {
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
    let handle: fs.FileHandle | undefined;
    try {
        handle = await fs.open(temp, 'wx');
        await handle.writeFile(text, 'utf-8');
        if (mode !== undefined) await handle.chmod(mode);
        await handle.sync();
        await handle.close();
        handle = undefined;
        await fs.rename(temp, path);
    } catch (err) {
        await handle?.close().catch(() => undefined);
        await fs.rm(temp, { force: true }).catch(() => undefined);
        throw err;
    }
}
