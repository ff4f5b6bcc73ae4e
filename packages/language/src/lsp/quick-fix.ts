import type { LangiumDocument } from 'langium';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';

/** A quick fix for one diagnostic: edits of the document it is on. */
export function quickFix(
    title: string,
    document: LangiumDocument,
    diagnostic: Diagnostic,
    edits: TextEdit[],
    preferred = true,
): CodeAction {
    return {
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: preferred,
        edit: { changes: { [document.textDocument.uri]: edits } },
    };
}
