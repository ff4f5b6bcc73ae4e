import { describe, expect, it } from 'vitest';
import { fork, spawnSync } from 'node:child_process';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node.js';
import { CAP_BIN } from './stdio-client.js';

describe('cap lsp transports', () => {
    it('serves over a Node IPC channel with --node-ipc', async () => {
        const child = fork(CAP_BIN, ['lsp', '--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
        const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
        connection.listen();
        try {
            const init = (await connection.sendRequest('initialize', {
                processId: process.pid,
                rootUri: null,
                capabilities: {},
            })) as { capabilities: { inlayHintProvider?: unknown } };
            expect(init.capabilities.inlayHintProvider).toBeTruthy();
            await connection.sendRequest('shutdown');
            const exited = new Promise<number | null>(res => child.once('exit', res));
            await connection.sendNotification('exit');
            expect(await exited).toBe(0);
        } finally {
            connection.dispose();
            child.kill();
        }
    });

    it('refuses a socket option that is not a port, in one line', () => {
        const r = spawnSync(process.execPath, [CAP_BIN, 'lsp', '--socket', 'abc'], { encoding: 'utf-8' });
        expect(r.status).toBe(2);
        expect(r.stderr).toBe('cap: --socket needs a port number, not "abc"\n');
    });
});
