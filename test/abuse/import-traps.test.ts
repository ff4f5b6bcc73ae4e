import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import {
    chmodSync,
    closeSync,
    existsSync,
    ftruncateSync,
    mkdirSync,
    mkdtempSync,
    openSync,
    promises as fsp,
    rmSync,
    symlinkSync,
    writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { URI } from 'langium';
import type { LangiumDocument } from 'langium';
import {
    MAX_MODEL_FILE_BYTES,
    createCapServices,
    fileUri,
    loadModel,
    nodeFileReader,
    nodeRealPath,
} from '@cap/language';
import type { ModelFs } from '@cap/language';
import { createCapLspServices } from '@cap/language/lsp';
import { ModelFileSystemProvider } from '../../packages/cli/src/lsp-command.js';

/**
 * Imports that point at traps: cycles, the file itself (directly and through a symbolic link),
 * missing, binary, huge, a folder, a pipe, /dev/zero, a file that is not `.cap`, a file outside
 * the model's folder, an unreadable file. Both loaders are tested, the CLI's (loader.ts) and the
 * language server's (import-loading-builder.ts): each must finish, report the trap at the import
 * in words, and open no file the model does not name, nor any file it cannot use.
 */

let dir: string;
const ROLE = 'role CSM { hours 160h / month  cost $9,500 / month }\n';
const asRoot = process.getuid?.() === 0;

/** Entry files and what their import must say (code, and a phrase of the message). */
const TRAPS: { name: string; imports: string; code: string; says: RegExp }[] = [
    {
        name: 'cycle-a.cap',
        imports: './cycle-b.cap',
        code: 'CAP041',
        says: /Import cycle: "\.\/cycle-b\.cap" imports this file again$/,
    },
    { name: 'self.cap', imports: './self.cap', code: 'CAP041', says: /a file cannot import itself\)$/ },
    {
        name: 'via-link.cap',
        imports: './via-link-alias.cap',
        code: 'CAP041',
        says: /a file cannot import itself\); "\.\/via-link-alias\.cap" is a link to this file$/,
    },
    {
        name: 'missing.cap',
        imports: './nope.cap',
        code: 'CAP040',
        says: /^Cannot find "\.\/nope\.cap" \(looked for .*nope\.cap\)$/,
    },
    {
        name: 'binary.cap',
        imports: './blob.cap',
        code: 'CAP040',
        says: /^Cannot read "\.\/blob\.cap": a binary file, not a text file$/,
    },
    {
        name: 'huge.cap',
        imports: './huge-data.cap',
        code: 'CAP040',
        says: /^Cannot read "\.\/huge-data\.cap": too large: 1024 MB \(a model file is at most 10 MB\)$/,
    },
    {
        name: 'folder.cap',
        imports: './folder-named.cap',
        code: 'CAP040',
        says: /^Cannot read "\.\/folder-named\.cap": not a file$/,
    },
    { name: 'pipe.cap', imports: './fifo.cap', code: 'CAP040', says: /^Cannot read "\.\/fifo\.cap": not a file$/ },
    {
        name: 'zero.cap',
        imports: './dev-zero.cap',
        code: 'CAP040',
        says: /^Cannot read "\.\/dev-zero\.cap": not a file$/,
    },
    {
        name: 'text.cap',
        imports: './notes.txt',
        code: 'CAP043',
        says: /^Only \.cap files can be imported, not "\.\/notes\.txt"$/,
    },
    {
        name: 'locked.cap',
        imports: './secret.cap',
        code: 'CAP040',
        says: /^Cannot read "\.\/secret\.cap": permission denied$/,
    },
];

/** Files whose contents a loader may read for each entry: the entry and what it names that is a usable model. */
const READABLE: Record<string, string[]> = {
    'cycle-a.cap': ['cycle-a.cap', 'cycle-b.cap'],
    'outside.cap': ['outside.cap', '../shared/roles.cap'],
    // Opened to find the NUL byte, then refused: a binary file is only known from its bytes.
    'binary.cap': ['binary.cap', 'blob.cap'],
};

beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cap-traps-'));
    const models = join(dir, 'models');
    mkdirSync(models);
    mkdirSync(join(dir, 'shared'));
    const write = (name: string, text: string) => writeFileSync(join(models, name), text);
    for (const trap of TRAPS) write(trap.name, `import "${trap.imports}"\n${trap.name === 'cycle-a.cap' ? '' : ROLE}`);
    write('cycle-b.cap', `import "./cycle-a.cap"\n${ROLE}`);
    symlinkSync(join(models, 'via-link.cap'), join(models, 'via-link-alias.cap'));
    write('blob.cap', Buffer.from([0x72, 0x6f, 0x6c, 0x65, 0x00, 0xff, 0xfe, 0x00, 0x01]) as unknown as string);
    // A sparse gigabyte: takes no disk, and a loader that reads it before checking its size would take a gigabyte of memory.
    const fd = openSync(join(models, 'huge-data.cap'), 'w');
    ftruncateSync(fd, 1024 * 1024 * 1024);
    closeSync(fd);
    mkdirSync(join(models, 'folder-named.cap'));
    execFileSync('mkfifo', [join(models, 'fifo.cap')]);
    symlinkSync('/dev/zero', join(models, 'dev-zero.cap'));
    write('notes.txt', ROLE);
    write('secret.cap', ROLE);
    chmodSync(join(models, 'secret.cap'), 0o000);
    writeFileSync(join(dir, 'shared/roles.cap'), ROLE);
    write('outside.cap', 'import "../shared/roles.cap"\nagent a { role CSM }\n');
});

afterAll(() => {
    if (dir) {
        chmodSync(join(dir, 'models/secret.cap'), 0o644);
        rmSync(dir, { recursive: true, force: true });
    }
});

/** node's fs, recording every file whose contents are opened. */
function spyFs(opened: string[]): ModelFs {
    return {
        stat: path => fsp.stat(path),
        realpath: path => fsp.realpath(path),
        open: async (path, flags) => {
            opened.push(path);
            return fsp.open(path, flags);
        },
    };
}

const rel = (path: string) => relative(join(dir, 'models'), path);

/** Whether a locked file is still readable here: root reads through chmod 000. */
const lockedIsReadable = () => {
    try {
        execFileSync('cat', [join(dir, 'models/secret.cap')], { stdio: 'ignore' });
        return true;
    } catch {
        return false;
    }
};

describe('the CLI loader on import traps', () => {
    for (const trap of TRAPS) {
        it(`${trap.name}: ${trap.code} at the import, and nothing read that is not a model it names`, async () => {
            if (trap.name === 'locked.cap' && lockedIsReadable()) return void expect(asRoot).toBe(true);
            const opened: string[] = [];
            const fs = spyFs(opened);
            const model = await loadModel(
                createCapServices(),
                fileUri(join(dir, 'models', trap.name)),
                nodeFileReader(fs),
                nodeRealPath(fs),
            );
            const atImport = model.diagnostics.filter(
                d => d.document === model.entry && d.diagnostic.range.start.line === 0,
            );
            expect(atImport.map(d => d.diagnostic.code)).toEqual([trap.code]);
            expect(atImport[0].diagnostic.message).toMatch(trap.says);
            // A file reached through a link is the file itself: no copy with every declaration duplicated.
            expect(model.diagnostics.filter(d => d.diagnostic.code === 'CAP010')).toEqual([]);
            expect(opened.map(rel).sort()).toEqual((READABLE[trap.name] ?? [trap.name]).sort());
        });
    }

    it("reads a file outside the model's folder when the model names it, and only that", async () => {
        const opened: string[] = [];
        const fs = spyFs(opened);
        const model = await loadModel(
            createCapServices(),
            fileUri(join(dir, 'models/outside.cap')),
            nodeFileReader(fs),
            nodeRealPath(fs),
        );
        expect(model.diagnostics.filter(d => (d.diagnostic.severity ?? 1) <= 2)).toEqual([]);
        expect(model.evaluation.results.agents.a.role).toBe('CSM');
        expect(opened.map(rel).sort()).toEqual(READABLE['outside.cap'].sort());
    });

    it('says "permission denied" for an import the user may not read, also where tests run as root', async () => {
        // Root reads through chmod 000, so the refusal the operating system would give is simulated.
        const denied: ModelFs = {
            ...spyFs([]),
            open: async path => {
                if (path.endsWith('secret.cap'))
                    throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
                return fsp.open(path, 'r');
            },
        };
        const model = await loadModel(
            createCapServices(),
            fileUri(join(dir, 'models/locked.cap')),
            nodeFileReader(denied),
            nodeRealPath(denied),
        );
        expect(model.diagnostics.map(d => d.diagnostic.message)).toContain(
            'Cannot read "./secret.cap": permission denied',
        );
    });

    it('refuses an entry file that cannot be a model, in one line', async () => {
        const fs = spyFs([]);
        await expect(
            loadModel(createCapServices(), fileUri(join(dir, 'models/huge-data.cap')), nodeFileReader(fs)),
        ).rejects.toThrow(/^cannot read .*huge-data\.cap: too large: 1024 MB/);
        await expect(
            loadModel(createCapServices(), fileUri(join(dir, 'models/blob.cap')), nodeFileReader(fs)),
        ).rejects.toThrow(/^cannot read .*blob\.cap: a binary file/);
        expect(MAX_MODEL_FILE_BYTES).toBe(10 * 1024 * 1024);
    });
});

describe("the language server's import loading on import traps", () => {
    async function open(name: string): Promise<{ doc: LangiumDocument; read: string[] }> {
        const read: string[] = [];
        const provider = new ModelFileSystemProvider(spyFs(read));
        const { shared } = createCapLspServices({ fileSystemProvider: () => provider });
        // As on didOpen: the editor sends the entry's text; its imports are read from disk in the same build.
        const path = join(dir, 'models', name);
        const doc = shared.workspace.LangiumDocumentFactory.fromString(
            await fsp.readFile(path, 'utf-8'),
            URI.file(path),
        );
        shared.workspace.LangiumDocuments.addDocument(doc);
        await shared.workspace.DocumentBuilder.build([doc], { validation: true });
        return { doc, read };
    }

    for (const trap of TRAPS) {
        it(`${trap.name}: ${trap.code} at the import, no hang, and no file read that the model does not name`, async () => {
            if (trap.name === 'locked.cap' && lockedIsReadable()) return void expect(asRoot).toBe(true);
            const { doc, read } = await open(trap.name);
            const atImport = (doc.diagnostics ?? []).filter(d => d.range.start.line === 0);
            expect(atImport.map(d => d.code)).toEqual([trap.code]);
            expect(atImport[0].message).toMatch(trap.says);
            expect((doc.diagnostics ?? []).filter(d => d.code === 'CAP010')).toEqual([]);
            // The entry came from the editor: the server opened only the usable files it imports.
            const named = (READABLE[trap.name] ?? [trap.name]).filter(n => n !== trap.name);
            expect(read.map(rel).sort()).toEqual(named.sort());
        });
    }

    it("loads a file outside the model's folder when the model names it", async () => {
        const { doc, read } = await open('outside.cap');
        expect((doc.diagnostics ?? []).filter(d => (d.severity ?? 1) <= 2)).toEqual([]);
        expect(read.map(rel)).toEqual(['../shared/roles.cap']);
    });

    it('loads a workspace folder that holds files which cannot be models: everything else, and no hang', async () => {
        const { shared } = createCapLspServices({ fileSystemProvider: () => new ModelFileSystemProvider() });
        // By default one failed read (the 1 GB file, the binary one) fails the whole scan, and the
        // server waits for a workspace that never becomes ready.
        await shared.workspace.WorkspaceManager.initializeWorkspace([
            { uri: URI.file(join(dir, 'models')).toString(), name: 'models' },
        ]);
        const loaded = shared.workspace.LangiumDocuments.all.map(d => rel(d.uri.fsPath)).toArray();
        expect(loaded).toEqual(expect.arrayContaining(['self.cap', 'cycle-a.cap', 'cycle-b.cap', 'via-link.cap']));
        for (const refused of ['huge-data.cap', 'blob.cap', 'fifo.cap', 'dev-zero.cap'])
            expect(loaded).not.toContain(refused);
    });

    it('has the fixtures it needs', () => {
        expect(existsSync(join(dir, 'models/fifo.cap'))).toBe(true);
    });
});
