import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StdioClient } from './stdio-client.js';

/**
 * A shared file's diagnostics depend on the models it belongs to (a role no plan uses is unused).
 * When a keystroke in a plan adds an import of a file the server already has, that file joins the
 * plan's model, and its diagnostics must follow in the same build.
 */

const ROLES = 'role Extra {\n  hours 160h / month\n  cost $8,000 / month\n}\n';
const APP = 'service Check {\n  effort 1h every month\n}\n';
const APP_IMPORTING = 'import "./roles.cap"\n\nservice Check {\n  role Extra\n  effort 1h every month\n}\n';

let dir: string;
let client: StdioClient;
const uri = (path: string) => pathToFileURL(join(dir, path)).toString();
const codes = (path: string) => client.publishedFor(uri(path))?.diagnostics.map(d => `${d.code}`) ?? [];

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cap-import-added-'));
    writeFileSync(join(dir, 'roles.cap'), ROLES);
    writeFileSync(join(dir, 'app.cap'), APP);
    client = new StdioClient();
    await client.initialize();
});

afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0);
});

describe('an import added by a keystroke', () => {
    it('validates the imported file again in the model it joined', async () => {
        await client.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: uri('roles.cap'), languageId: 'cap', version: 1, text: ROLES },
        });
        await client.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: uri('app.cap'), languageId: 'cap', version: 1, text: APP },
        });
        // On its own, roles.cap is a model in which no service uses Extra.
        await client.until(() => codes('roles.cap').includes('CAP060'), 'the unused-role hint on roles.cap');
        const before = client.diagnostics.get(uri('roles.cap'))!.length;

        await client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: uri('app.cap'), version: 2 },
            contentChanges: [{ text: APP_IMPORTING }],
        });
        await client.until(
            () => client.diagnostics.get(uri('roles.cap'))!.length > before,
            'new diagnostics for roles.cap',
        );
        expect(codes('roles.cap')).not.toContain('CAP060');
        expect(codes('app.cap')).not.toContain('CAP010');
    });
});
