import type { LangiumDocument, LangiumSharedCoreServices, URI } from 'langium';
import { URI as Uri } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CapFile } from '../generated/ast.js';
import type { CapServices } from '../cap-module.js';
import type { Evaluation } from './evaluation.js';
import type { ModelFs } from './model-files.js';
import { ModelFileError, readModelFile, realModelPath } from './model-files.js';

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

/** Where a file really is (symbolic links resolved); undefined when unknown. */
export type RealPath = (uri: URI) => Promise<URI | undefined>;

/**
 * Loads an entry file and, transitively, the files it imports, builds them (parse, link,
 * validate) and evaluates the model once. Only files the model names are read, each once under
 * its real path when `realPath` is given (a link to a file already loaded is that file). An
 * import that cannot be read is left to the validator, which reports it at the import statement
 * with the reason the reader gave (ModelFileError).
 */
export async function loadModel(
    services: { shared: LangiumSharedCoreServices; Cap: CapServices },
    entryUri: URI,
    read: ReadFile,
    realPath?: RealPath,
): Promise<LoadedModel> {
    const { shared, Cap } = services;
    const documents = shared.workspace.LangiumDocuments;
    const factory = shared.workspace.LangiumDocumentFactory;
    const graph = Cap.workspace.ImportGraph;

    let entryText: string | undefined;
    try {
        entryText = await read(entryUri);
    } catch (err) {
        if (err instanceof ModelFileError) throw new CapLoadError(`cannot read ${entryUri.fsPath}: ${err.message}`);
        throw err;
    }
    if (entryText === undefined) throw new CapLoadError(`cannot read ${entryUri.fsPath}`);
    const realEntry = await realPath?.(entryUri);
    if (realEntry) graph.alias(realEntry, entryUri);

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
            let target = graph.resolve(imp, uri);
            if (seen.has(target.toString())) continue;
            const real = await realPath?.(target);
            if (real) {
                graph.alias(target, graph.canonical(real));
                target = graph.resolve(imp, uri);
            }
            const key = target.toString();
            if (seen.has(key)) continue;
            seen.add(key);
            let content: string | undefined;
            try {
                content = await read(target);
                graph.setUnreadable(target, undefined);
            } catch (err) {
                if (!(err instanceof ModelFileError)) throw err;
                graph.setUnreadable(target, err.message);
            }
            if (content !== undefined) queue.push({ uri: target, text: content });
        }
    }

    await shared.workspace.DocumentBuilder.build(loaded, { validation: true });
    const diagnostics = loaded.flatMap(document =>
        (document.diagnostics ?? []).map(diagnostic => ({ document, diagnostic })),
    );
    return {
        entry: loaded[0],
        documents: loaded,
        diagnostics,
        evaluation: Cap.evaluation.CapEvaluator.evaluate(loaded[0]),
    };
}

/**
 * Reads from the local file system: a missing file reads as undefined; one that cannot be a model
 * (not a regular file, too large, binary, not readable) throws ModelFileError saying why.
 */
export function nodeFileReader(fs: ModelFs): ReadFile {
    return uri => readModelFile(fs, uri.fsPath);
}

/** Real paths on the local file system, so that a file reached through a link is loaded once. */
export function nodeRealPath(fs: ModelFs): RealPath {
    return uri => realModelPath(fs, uri);
}

/** Reads from an in-memory map of paths to texts (tests, the web build). */
export function memoryFileReader(files: Record<string, string>): ReadFile {
    return async uri => files[uri.path];
}

export function fileUri(path: string): URI {
    return Uri.file(path);
}
