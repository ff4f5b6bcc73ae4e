import { afterEach, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { DocumentState } from 'langium';
import { startCapLanguageServer } from '@cap/language/lsp';
import { ClientFileSystemProvider } from '../../packages/vscode/src/server/client-file-system.js';
import type { FsNode } from '../../packages/vscode/src/server/fs-protocol.js';
import { FS_READ_DIRECTORY, FS_READ_FILE, FS_STAT } from '../../packages/vscode/src/server/fs-protocol.js';

/**
 * The server as VS Code for the web runs it (packages/vscode/src/server/web.ts): files read through
 * the client, a workspace folder to scan, previews asked for. The workspace's first build is
 * cancelled by an edit after it validated one model and before the other: Langium keeps the first
 * as built and never builds it again, yet it must still get its report, or the preview of the
 * model a user opened first waits for an edit that may never come.
 */

const SEED = `role CSM { hours 160h / month  overhead 40h / month  cost $9,600 / month }
service Care { role CSM  effort 6h every month }
tier Customers { accounts 40  revenue $150 / month  lifetime 24 months  services Care }
agent pod { role CSM  count 3 }
`;

const CRM = `data crm {
  file "data/accounts.csv"
  tier "Segment"
  revenue "ARR" per year
}
role CSM { hours 160h / month  overhead 40h / month  cost $9,000 / month }
service Care { role CSM  effort 10h every month }
tier SMB { accounts from crm  revenue from crm  lifetime 24 months  services Care }
agent alice { role CSM }
`;

const FILES: Record<string, string> = {
    'file:///ws/seed.cap': SEED,
    'file:///ws/crm/plan.cap': CRM,
    'file:///ws/crm/data/accounts.csv': 'Segment,ARR\nSMB,12000\nSMB,24000\n',
};

interface Push {
    uri: string;
    report: { roles: Record<string, { requiredFte: number }> };
}

/** What the client answers to the server's `cap/fs/*` requests, from FILES. */
function fsNode(uri: string): FsNode {
    if (FILES[uri] !== undefined) return { uri, isFile: true, isDirectory: false };
    if (Object.keys(FILES).some(file => file.startsWith(`${uri}/`))) return { uri, isFile: false, isDirectory: true };
    throw new Error(`no such file: ${uri}`);
}

function listing(folder: string): FsNode[] {
    const names = new Set(
        Object.keys(FILES).flatMap(f => (f.startsWith(`${folder}/`) ? [f.slice(folder.length + 1).split('/')[0]] : [])),
    );
    return [...names].map(name => fsNode(`${folder}/${name}`));
}

const stops: (() => void)[] = [];
afterEach(() => {
    for (const stop of stops.splice(0)) stop();
});

describe('the first build of a workspace, cancelled by an edit', () => {
    it('still pushes the report of the model it validated before the edit', async () => {
        const toServer = new PassThrough();
        const toClient = new PassThrough();
        const connection = createConnection(
            ProposedFeatures.all,
            new StreamMessageReader(toServer),
            new StreamMessageWriter(toClient),
        );
        const { shared } = startCapLanguageServer({
            connection,
            fileSystemProvider: () => new ClientFileSystemProvider(connection),
        });
        const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
        stops.push(() => {
            client.dispose();
            connection.dispose();
        });
        const reads: string[] = [];
        client.onRequest(FS_READ_FILE, (uri: string) => {
            reads.push(uri);
            return FILES[uri] ?? Promise.reject(new Error(`no file ${uri}`));
        });
        client.onRequest(FS_STAT, (uri: string) => fsNode(uri));
        client.onRequest(FS_READ_DIRECTORY, (uri: string) => listing(uri));
        client.onRequest(() => null);
        const pushes: Push[] = [];
        client.onNotification('cap/preview', (push: Push) => {
            pushes.push(push);
        });
        client.listen();

        // The edit lands after the first model is validated and before the next: the build waits
        // here until the edit has cancelled it. In a browser the build yields between documents and
        // an edit lands there by chance; here it always does.
        let validatedFirst: string | undefined;
        let editLanded = false;
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, async (document, cancelToken) => {
            if (validatedFirst) return;
            validatedFirst = document.uri.toString();
            const cancelled = new Promise<void>(resolve => cancelToken.onCancellationRequested(() => resolve()));
            await client.sendNotification('textDocument/didOpen', {
                textDocument: {
                    uri: 'untitled:Untitled-1',
                    languageId: 'cap',
                    version: 1,
                    text: 'role X { hours 160h / month }',
                },
            });
            await cancelled;
            editLanded = true;
        });

        await client.sendRequest('initialize', {
            processId: null,
            rootUri: 'file:///ws',
            workspaceFolders: [{ uri: 'file:///ws', name: 'ws' }],
            capabilities: { experimental: { capPreview: true } },
        });
        await client.sendNotification('initialized', {});
        // The workspace's first build indexes and links; opening a model starts the one that validates.
        await client.sendNotification('textDocument/didOpen', {
            textDocument: { uri: 'file:///ws/seed.cap', languageId: 'cap', version: 1, text: SEED },
        });
        await until(() => editLanded);
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated);
        // The server answers in order: its pushes of that build come before this answer.
        await client.sendRequest('shutdown');

        // The open model is validated first; the other is left to the build after the edit.
        expect(validatedFirst).toBe('file:///ws/seed.cap');
        const reported = new Map(pushes.map(p => [p.uri, p.report]));
        expect([...reported.keys()].sort()).toEqual([
            'file:///ws/crm/plan.cap',
            'file:///ws/seed.cap',
            'untitled:Untitled-1',
        ]);
        // Both builds loaded the export; it was read once.
        expect(reads.filter(uri => uri.endsWith('.csv'))).toEqual(['file:///ws/crm/data/accounts.csv']);
        // seed: 40 accounts × 6 h = 240 h a month over 160 − 40 = 120 effective hours = 2 FTE.
        expect(reported.get('file:///ws/seed.cap')!.roles.CSM.requiredFte).toBe(2);
        // crm: 2 rows of the export × 10 h = 20 h over 120 h = 1/6 FTE.
        expect(reported.get('file:///ws/crm/plan.cap')!.roles.CSM.requiredFte).toBeCloseTo(1 / 6, 12);
    });
});

/** Waits (a few milliseconds at a time, at most a second) until `probe` holds. */
async function until(probe: () => boolean): Promise<void> {
    const deadline = Date.now() + 1_000;
    while (!probe()) {
        if (Date.now() > deadline) throw new Error('the first build never validated a document');
        await new Promise(resolve => setTimeout(resolve, 5));
    }
}
