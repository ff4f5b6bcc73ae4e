import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StdioClient } from './stdio-client.js';

/**
 * A plan repository holds more than models: a README, a CI workflow, data. The server scans the
 * workspace folder at start and must build only the `.cap` files in it: a README parsed as Cap
 * would show hundreds of false errors in the editor's Problems view.
 */

let dir: string;
let client: StdioClient;
const previews: string[] = [];
const uri = (name: string) => pathToFileURL(join(dir, name)).toString();

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cap-workspace-'));
    mkdirSync(join(dir, 'ci'));
    writeFileSync(join(dir, 'README.md'), '# Our plan\n\nThe CSM team { of five } serves 48 accounts.\n');
    writeFileSync(join(dir, 'ci/review.yml'), 'on: pull_request\njobs:\n  review: { runs-on: ubuntu-latest }\n');
    writeFileSync(join(dir, 'accounts.csv'), 'Account ID,Segment\n1,SMB\n');
    writeFileSync(join(dir, 'plan.cap'), 'role CSM { hours 160 }\n');
    client = new StdioClient();
    client.connection.onNotification('cap/preview', (push: { uri: string }) => {
        previews.push(push.uri);
    });
    // The preview push comes once a build has validated every document it builds: by then a
    // README built as Cap would have had its diagnostics published.
    await client.connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: pathToFileURL(dir).toString(),
        capabilities: { experimental: { capPreview: true } },
        workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'plan' }],
    });
    await client.connection.sendNotification('initialized', {});
});

afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0);
});

describe('the workspace scan', () => {
    it('builds the .cap files and publishes nothing for a README, a YAML workflow or a CSV', async () => {
        // Opening a model builds every document of the workspace not yet built (the scan only loads them).
        const text = 'role CSM { hours 160 }\n';
        await client.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: uri('plan.cap'), languageId: 'cap', version: 1, text },
        });
        await client.until(() => previews.includes(uri('plan.cap')), 'the preview push of the build');
        const plan = client.publishedFor(uri('plan.cap'))!;
        // `hours 160` lacks its unit: the one real error, so the scan did build the model.
        expect(plan.diagnostics.map(d => d.code)).toContain('CAP020');
        expect([...client.diagnostics.keys()]).toEqual([uri('plan.cap')]);
        expect(client.stderr).not.toMatch(/service registry/);
    });
});
