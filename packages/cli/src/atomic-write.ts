import { promises as fs, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that readers see the old content or the new, never a half-written one: the
 * text goes to a temporary file beside the target, is flushed, then renamed over it. On failure
 * (the disk full, no permission) the temporary file is removed and the target is untouched; an
 * interrupt (Ctrl-C) or termination during the write removes it too before the process ends.
 * `mode` gives the new file those permissions exactly (rewriting a user's file should not change
 * who may read it).
 *
 * A target that is a device or a pipe (`-o /dev/stdout`) is written to directly: renaming a file
 * over it would replace the device itself, and there is no old content to keep.
 */
export async function writeFileAtomic(path: string, text: string | Uint8Array, mode?: number): Promise<void> {
    const target = await fs.stat(path).catch(() => undefined);
    if (target?.isDirectory()) throw Object.assign(new Error(`${path} is a folder`), { code: 'EISDIR' });
    if (target && !target.isFile()) {
        await fs.writeFile(path, text, 'utf-8');
        return;
    }
    // Said here, in the user's words: the temporary file's ENOENT would name a file they never asked for.
    const folder = await fs.stat(dirname(path)).catch(() => undefined);
    if (!folder?.isDirectory())
        throw new Error(
            `cannot write ${path}: ${folder ? `${dirname(path)} is not a folder` : `no folder ${dirname(path)}`}`,
        );
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    const abandon = (signal: NodeJS.Signals) => {
        rmSync(temp, { force: true });
        for (const s of signals) process.removeListener(s, abandon);
        process.kill(process.pid, signal);
    };
    for (const s of signals) process.once(s, abandon);
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
    } finally {
        for (const s of signals) process.removeListener(s, abandon);
    }
}
