import { describe, expect, it } from 'vitest';
import { PLAN } from './fixtures.js';
import { openWorkspace, WHOLE } from './lsp-helpers.js';

/**
 * An analyst types half-finished lines all day. Every prefix of a real plan (cut at each line and
 * mid-token) must give hints, hovers, completion, symbols and code actions without throwing.
 */
describe('features on half-typed text', () => {
    const cuts = new Set<number>();
    for (let i = 0; i <= PLAN.length; i += 11) cuts.add(i);
    for (let i = PLAN.indexOf('\n'); i >= 0; i = PLAN.indexOf('\n', i + 1)) cuts.add(i);

    it('never throws and never shows NaN or Infinity', async () => {
        for (const cut of [...cuts].sort((a, b) => a - b)) {
            const text = PLAN.slice(0, cut);
            const { services, docs } = await openWorkspace({ '/w/plan.cap': text });
            const doc = docs['/w/plan.cap'];
            const lsp = services.Cap.lsp;
            const id = { uri: doc.uri.toString() };
            const hints = await lsp.InlayHintProvider!.getInlayHints(doc, { textDocument: id, range: WHOLE });
            expect(JSON.stringify(hints), `cut at ${cut}`).not.toMatch(/NaN|Infinity/);
            const end = doc.textDocument.positionAt(text.length);
            for (let offset = 0; offset <= text.length; offset += 5) {
                const position = doc.textDocument.positionAt(offset);
                const hover = await lsp.HoverProvider!.getHoverContent(doc, { textDocument: id, position });
                expect(JSON.stringify(hover ?? null)).not.toMatch(/NaN|Infinity/);
            }
            await lsp.CompletionProvider!.getCompletion(doc, { textDocument: id, position: end });
            await lsp.DocumentSymbolProvider!.getSymbols(doc, { textDocument: id });
            await lsp.CodeActionProvider!.getCodeActions(doc, {
                textDocument: id,
                range: WHOLE,
                context: { diagnostics: doc.diagnostics ?? [] },
            });
            await lsp.CodeLensProvider!.provideCodeLens(doc, { textDocument: id });
        }
    });
});
