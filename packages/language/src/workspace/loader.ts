import type { LangiumDocument, LangiumSharedCoreServices, URI } from 'langium';
import { URI as Uri } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CapFile } from '../generated/ast.js';
import type { CapServices } from '../cap-module.js';
import type { Evaluation } from './evaluation.js';

export type ReadFile = (uri: URI) => Promise<string | undefined>;

export interface LocatedDiagnostic {
    document: LangiumDocument;
    diagnostic: Diagnostic;
}

export interface LoadedModel {
    entry: LangiumDocument;
    /** The entry file and every file it imports, each once. */
    documents: LangiumDocument[];
    diagnostics: LocatedDiagnostic[];
    evaluation: Evaluation;
}

export class CapLoadError extends Error {}

/**
 * Loads an entry file and, transitively, the files it imports, builds them (parse, link,
 * validate) and evaluates the model once. Only files the model names are read. An import that
 * cannot be read is left to the validator, which reports it at the import statement.
 */
export async function loadModel(services: { shared: LangiumSharedCoreServices; Cap: CapServices }, entryUri: URI, read: ReadFile): Promise<LoadedModel> {
    const { shared, Cap } = services;
    const documents = shared.workspace.LangiumDocuments;
    const factory = shared.workspace.LangiumDocumentFactory;
    const graph = Cap.workspace.ImportGraph;

    const entryText = await read(entryUri);
    if (entryText === undefined) throw new CapLoadError(`cannot read ${entryUri.fsPath}`);

    const loaded: LangiumDocument[] = [];
    const queue: { uri: URI; text: string }[] = [{ uri: entryUri, text: entryText }];
    const seen = new Set<string>([entryUri.toString()]);
    while (queue.length > 0) {
        const { uri, text } = queue.shift()!;
        const existing = documents.getDocument(uri);
        if (existing) documents.deleteDocument(uri);
        const doc = factory.fromString(text, uri);
        documents.addDocument(doc);
        loaded.push(doc);
        for (const imp of (doc.parseResult.value as CapFile).imports ?? []) {
            if (typeof imp.path !== 'string' || !imp.path.endsWith('.cap')) continue;
            const target = graph.resolve(imp, uri);
            const key = target.toString();
            if (seen.has(key)) continue;
            seen.add(key);
            const content = await read(target);
            if (content !== undefined) queue.push({ uri: target, text: content });
        }
    }

    await shared.workspace.DocumentBuilder.build(loaded, { validation: true });
    const diagnostics = loaded.flatMap(document => (document.diagnostics ?? []).map(diagnostic => ({ document, diagnostic })));
    return { entry: loaded[0], documents: loaded, diagnostics, evaluation: Cap.evaluation.CapEvaluator.evaluate(loaded[0]) };
}

/** Reads from the local file system; a missing, unreadable or non-regular file reads as undefined. */
export function nodeFileReader(fs: { readFile(path: string, encoding: 'utf-8'): Promise<string>; stat(path: string): Promise<{ isFile(): boolean }> }): ReadFile {
    return async uri => {
        try {
            if (!(await fs.stat(uri.fsPath)).isFile()) return undefined;
            return await fs.readFile(uri.fsPath, 'utf-8');
        } catch {
            return undefined;
        }
    };
}

/** Reads from an in-memory map of paths to texts (tests, the web build). */
export function memoryFileReader(files: Record<string, string>): ReadFile {
    return async uri => files[uri.path];
}

export function fileUri(path: string): URI {
    return Uri.file(path);
}
