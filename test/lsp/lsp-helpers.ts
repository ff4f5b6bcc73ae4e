import { EmptyFileSystem, URI } from 'langium';
import type { LangiumDocument } from 'langium';
import { createCapLspServices } from '@cap/language/lsp';
import type { InlayHint, MarkupContent, Range } from 'vscode-languageserver';

export type Workspace = Awaited<ReturnType<typeof openWorkspace>>;

/** Builds in-memory files with the language server's own services, as the server does on didOpen. */
export async function openWorkspace(files: Record<string, string>) {
    const services = createCapLspServices(EmptyFileSystem);
    const { LangiumDocumentFactory, LangiumDocuments, DocumentBuilder } = services.shared.workspace;
    const docs: Record<string, LangiumDocument> = {};
    for (const [path, text] of Object.entries(files)) {
        docs[path] = LangiumDocumentFactory.fromString(text, URI.file(path));
        LangiumDocuments.addDocument(docs[path]);
    }
    await DocumentBuilder.build(Object.values(docs), { validation: true });
    return { services, docs };
}

export const WHOLE: Range = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

/** Hints as `line:text-before-the-hint ⇒ label`, easy to read in a failing assertion. */
export function hintsAt(doc: LangiumDocument, hints: InlayHint[] | undefined): string[] {
    return (hints ?? []).map(h => {
        const line = doc.textDocument
            .getText({ start: { line: h.position.line, character: 0 }, end: h.position })
            .trim();
        return `${line} ⇒ ${typeof h.label === 'string' ? h.label : h.label.map(p => p.value).join('')}`;
    });
}

export function tooltip(h: InlayHint): string {
    return typeof h.tooltip === 'string' ? h.tooltip : ((h.tooltip as MarkupContent | undefined)?.value ?? '');
}

/** The position of the first occurrence of `needle` in a document, plus `delta` characters. */
export function positionOf(doc: LangiumDocument, needle: string, delta = 0) {
    const offset = doc.textDocument.getText().indexOf(needle);
    if (offset < 0) throw new Error(`"${needle}" is not in ${doc.uri.path}`);
    return doc.textDocument.positionAt(offset + delta);
}
