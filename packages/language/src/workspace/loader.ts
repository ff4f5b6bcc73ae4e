import type { LangiumDocument, LangiumSharedCoreServices, URI } from 'langium';
import { URI as Uri } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CapFile } from '../generated/ast.js';
import type { CapServices } from '../cap-module.js';
import type { Evaluation } from './evaluation.js';
import type { ModelFs } from './model-files.js';
import { ModelFileError, readFileBytes, readModelFile, realModelPath } from './model-files.js';
import type { DataFiles, ReadDataFile } from './data-files.js';
import { MAX_DATA_FILE_BYTES } from './data-files.js';
import { dataFileDiagnostics } from './data-diagnostics.js';
import { dataFileUri } from '../lowering/data.js';

export type ReadFile = (uri: URI) => Promise<string | undefined>;

/** A diagnostic with its file: a model file (with its document) or a data file it reads. */
export interface LocatedDiagnostic {
    uri: URI;
    document?: LangiumDocument;
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
    readData: ReadDataFile = textAsData(read),
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

    await loadDataFiles(loaded, Cap.workspace.DataFiles, readData);
    await shared.workspace.DocumentBuilder.build(loaded, { validation: true });
    const evaluation = Cap.evaluation.CapEvaluator.evaluate(loaded[0]);
    const diagnostics: LocatedDiagnostic[] = loaded.flatMap(document =>
        (document.diagnostics ?? []).map(diagnostic => ({ uri: document.uri, document, diagnostic })),
    );
    diagnostics.push(...dataFileDiagnostics([...evaluation.data, ...evaluation.actuals]));
    return { entry: loaded[0], documents: loaded, diagnostics, evaluation };
}

/**
 * Reads the data files the documents' `data` blocks name (spec section 14), each once, before
 * the build evaluates them: reading is asynchronous, evaluation is not. A file that is missing or
 * cannot be data is remembered as such; the lowering reports it at the block's `file`.
 */
export async function loadDataFiles(documents: LangiumDocument[], files: DataFiles, read: ReadDataFile): Promise<void> {
    for (const document of documents) {
        for (const el of (document.parseResult.value as CapFile).elements ?? []) {
            if (el.$type !== 'Data' && el.$type !== 'Actuals') continue;
            const uri = dataFileUri(el, document);
            if (uri) await files.load(uri, read);
        }
    }
}

/** Data read through a reader of text (in-memory files in tests and tools). */
function textAsData(read: ReadFile): ReadDataFile {
    return async uri => {
        const text = await read(uri);
        return text === undefined ? undefined : new TextEncoder().encode(text);
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
/** Data files from the local file system: regular files of at most MAX_DATA_FILE_BYTES. */
export function nodeDataReader(fs: ModelFs): ReadDataFile {
    return uri => readFileBytes(fs, uri.fsPath, MAX_DATA_FILE_BYTES, 'a data file');
}

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
