import { describe, expect, it } from 'vitest';
import type { FileSystemProvider } from 'langium';
import { DocumentState, URI } from 'langium';
import { createCapLspServices } from '@cap/language/lsp';
import type { CapFile } from '@cap/language';

/**
 * Keystrokes faster than builds. The connection hands the server one message per event-loop turn;
 * each edit cancels the build before it. A build that started must give the next edit a turn
 * before it parses, or every keystroke of a burst parses the document once more.
 */
describe('a burst of edits', () => {
    it('parses the document once, for the last edit, when edits arrive one event-loop turn apart', async () => {
        const uri = URI.file('/burst/plan.cap');
        let text =
            'role CSM { hours 160h / month  cost $9,000 / month }\nservice QBR { role CSM  effort 2h every month }\ntier T { accounts 10  arr $12k  churn 5% / year  services QBR }\nagent a { role CSM }\n';
        const fileSystemProvider = () =>
            ({ readFile: async () => text, readFileSync: () => text }) as unknown as FileSystemProvider;
        const { shared, Cap } = createCapLspServices({ fileSystemProvider });
        const doc = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
        shared.workspace.LangiumDocuments.addDocument(doc);
        await shared.workspace.DocumentBuilder.build([doc], { validation: true });

        let parses = 0;
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Parsed, () => {
            parses++;
        });
        const edit = (accounts: number) => {
            text = text.replace(/accounts \d+/, `accounts ${accounts}`);
            return shared.workspace.WorkspaceLock.write(token =>
                shared.workspace.DocumentBuilder.update([uri], [], token),
            );
        };
        const writes: Promise<void>[] = [];
        for (const accounts of [11, 12, 13, 14, 15]) {
            writes.push(edit(accounts));
            await new Promise(resolve => setImmediate(resolve));
        }
        await Promise.all(writes);

        expect(parses).toBe(1);
        expect(doc.state).toBe(DocumentState.Validated);
        expect((doc.parseResult.value as CapFile).elements.length).toBe(4);
        expect(Cap.evaluation.CapEvaluator.evaluate(doc).results.tiers.T.accounts).toBe(15);
    });
});
