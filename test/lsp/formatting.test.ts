import { describe, expect, it } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { expectFormatting } from 'langium/test';
import { createCapLspServices } from '@cap/language/lsp';
import { openWorkspace } from './lsp-helpers.js';

const services = createCapLspServices(EmptyFileSystem).Cap;
const format = expectFormatting(services);

describe('document formatting through the language server', () => {
    it('lays a block out one property a line and keeps the comments', async () => {
        await format({
            before: 'role CSM {hours 160h / month   // contracted\n    cost $9,500 / month}\n',
            after: 'role CSM {\n  hours 160h / month  // contracted\n  cost $9,500 / month\n}\n',
        });
    });

    it('keeps the canonical two-space layout whatever tab size the editor asks for, as `cap fmt --check` does', async () => {
        const { docs } = await openWorkspace({ '/m.cap': 'role CSM {\n\thours 160h / month\n}\n' });
        const doc = docs['/m.cap'];
        const edits = await services.lsp.Formatter!.formatDocument(doc, {
            textDocument: { uri: doc.uri.toString() },
            options: { tabSize: 8, insertSpaces: false },
        });
        expect(edits.map(e => e.newText)).toEqual(['\n  ']);
    });

    it('answers with no edits for a file with a syntax error, so nothing is lost', async () => {
        const { docs } = await openWorkspace({ '/m.cap': 'role CSM { hours 160h / month\n' });
        const doc = docs['/m.cap'];
        const edits = await services.lsp.Formatter!.formatDocument(doc, {
            textDocument: { uri: doc.uri.toString() },
            options: { tabSize: 2, insertSpaces: true },
        });
        expect(edits).toEqual([]);
    });
});
