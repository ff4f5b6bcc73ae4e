import { describe, expect, it } from 'vitest';
import { URI } from 'langium';
import { DataFiles } from '../../packages/language/src/workspace/data-files.js';

/**
 * A data file saved on disk while a build is reading it: the editor's file watcher reports the
 * change during the read. The file must count as the workspace's (so the watcher event reaches the
 * data files, not Langium, which would ignore it), and what that read returned must not be kept as
 * the file's content, or the plan would show the old export until the next change.
 */
describe('a data file that changes while it is read', () => {
    const uri = URI.file('/plan/data/accounts.csv');
    const bytes = (text: string) => new TextEncoder().encode(text);

    it('is a data file during the read, and the next load reads the new content', async () => {
        const files = new DataFiles();
        let finish: (content: Uint8Array) => void = () => undefined;
        const first = files.load(uri, () => new Promise<Uint8Array>(resolve => (finish = resolve)));
        expect(files.isDataFile(uri)).toBe(true);
        files.changed(uri); // the watcher's event, while the read is under way
        finish(bytes('Segment\nSMB\n'));
        expect((await first).kind).toBe('loaded');
        expect(files.state(uri)).toBeUndefined();
        const second = await files.load(uri, async () => bytes('Segment\nSMB\nSMB\n'));
        expect(second.kind === 'loaded' && new TextDecoder().decode(second.bytes)).toBe('Segment\nSMB\nSMB\n');
        expect(files.state(uri)).toBe(second);
    });

    it('a read with no change meanwhile is kept, and a file never read is no data file', async () => {
        const files = new DataFiles();
        expect(files.isDataFile(uri)).toBe(false);
        const state = await files.load(uri, async () => bytes('Segment\nSMB\n'));
        expect(files.state(uri)).toBe(state);
        expect(files.isDataFile(uri)).toBe(true);
    });
});
