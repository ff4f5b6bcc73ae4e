import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver';
import { TextDocument } from 'langium';

/**
 * How the server keeps the editor's copies of documents, taking what a client sends on trust
 * only where it is well-formed. A `didOpen` whose text is not a string would otherwise reach the
 * lexer (`new Array(NaN)`) inside a build and end the process; here it opens as an empty
 * document, and a change that is not a change is dropped.
 */
export const CheckedTextDocument: TextDocumentsConfiguration<TextDocument> = {
    create(uri, languageId, version, content) {
        return TextDocument.create(
            String(uri),
            String(languageId),
            Number.isInteger(version) ? version : 0,
            typeof content === 'string' ? content : '',
        );
    },
    update(document, changes, version) {
        const valid = Array.isArray(changes) ? changes.filter(isChange) : [];
        return TextDocument.update(document, valid, Number.isInteger(version) ? version : document.version + 1);
    },
};

function isChange(change: unknown): change is TextDocumentContentChangeEvent {
    if (typeof change !== 'object' || change === null || typeof (change as { text?: unknown }).text !== 'string')
        return false;
    const range = (change as { range?: unknown }).range;
    if (range === undefined) return true;
    const position = (p: unknown) =>
        typeof p === 'object' &&
        p !== null &&
        Number.isFinite((p as { line?: unknown }).line) &&
        Number.isFinite((p as { character?: unknown }).character);
    return (
        typeof range === 'object' &&
        range !== null &&
        position((range as { start?: unknown }).start) &&
        position((range as { end?: unknown }).end)
    );
}
