import { createCapServices, fileUri, loadModel, memoryFileReader } from '@cap/language';
import type { LoadedModel } from '@cap/language';
import type { Diagnostic } from 'vscode-languageserver-types';

/**
 * Builds a model from in-memory files ({ '/m/main.cap': '...' }) exactly as the CLI builds one
 * from disk: the entry file, its imports, parse, link, validate, evaluate.
 */
export async function build(files: Record<string, string> | string, entry = '/m/main.cap'): Promise<LoadedModel> {
    const map = typeof files === 'string' ? { [entry]: files } : files;
    const model = await loadModel(createCapServices(), fileUri(entry), memoryFileReader(map));
    texts.set(model, map);
    return model;
}

/** The in-memory files of each model built, for the text a data file's diagnostic covers. */
const texts = new WeakMap<LoadedModel, Record<string, string>>();

/** The text a range of a file covers (lines and characters as the editor counts them). */
function textAt(text: string, range: Diagnostic['range']): string {
    const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
    if (range.start.line === range.end.line)
        return (lines[range.start.line] ?? '').slice(range.start.character, range.end.character);
    return [
        lines[range.start.line].slice(range.start.character),
        ...lines.slice(range.start.line + 1, range.end.line),
        lines[range.end.line].slice(0, range.end.character),
    ].join('\n');
}

export interface Found {
    code: string | undefined;
    severity: number | undefined;
    message: string;
    file: string;
    /** 1-based line and column of the range start, and the text the range covers. */
    line: number;
    column: number;
    text: string;
}

/** Every diagnostic of a build, with the source text its range covers, in file order. */
export function diagnostics(model: LoadedModel): Found[] {
    return model.diagnostics.map(({ uri, document, diagnostic }) => ({
        code: diagnostic.code as string | undefined,
        severity: diagnostic.severity,
        message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
        file: uri.path,
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
        text: document
            ? document.textDocument.getText(diagnostic.range)
            : textAt(texts.get(model)?.[uri.path] ?? '', diagnostic.range),
    }));
}

export function withCode(model: LoadedModel, code: string): Found[] {
    return diagnostics(model).filter(d => d.code === code);
}

export function errors(model: LoadedModel): Found[] {
    return diagnostics(model).filter(d => d.severity === 1);
}

export type { Diagnostic };
