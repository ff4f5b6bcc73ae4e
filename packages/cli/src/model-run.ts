import { accessSync, closeSync, constants, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import {
    Codes,
    createCapServices,
    fileUri,
    loadModel,
    nodeDataReader,
    nodeFileReader,
    nodeRealPath,
    toReportDiagnostics,
} from '@cap/language';
import type { LoadedModel, ModelFs } from '@cap/language';
import type { CapReport } from '@cap/engine';
import { reportToJson, toReport } from '@cap/engine';
import { NodeFileSystem } from 'langium/node';

export class UsageError extends Error {}

/**
 * The model files of a command are read one after another, so the CLI reads them with node:fs's
 * synchronous calls: each asynchronous one is a round trip through libuv's thread pool (which the
 * first one starts), a few milliseconds of every `cap check` on a busy machine.
 * Errors are the same (`ENOENT`, `EACCES` ...), as rejections.
 */
export const syncModelFs: ModelFs = {
    stat: async path => statSync(path),
    open: async (path, flags) => {
        const fd = openSync(path, flags);
        return {
            read: async (buffer, offset, length, position) => ({
                bytesRead: readSync(fd, buffer, offset, length, position),
            }),
            close: async () => closeSync(fd),
        };
    },
    // fs.promises.realpath is realpath(3) too, not the JavaScript walk of realpathSync.
    realpath: async path => realpathSync.native(path),
};

/**
 * Loads one entry file with its imports from disk, a relative `path` from the folder `cwd`; a file
 * that cannot be read is a usage error.
 */
export async function runModel(path: string, cwd: string): Promise<LoadedModel> {
    const absolute = resolve(cwd, path);
    let stat: ReturnType<typeof statSync>;
    try {
        stat = statSync(absolute);
    } catch {
        throw new UsageError(`cannot read ${path}: no such file`);
    }
    if (!stat.isFile()) throw new UsageError(`cannot read ${path}: not a file`);
    if (!absolute.endsWith('.cap')) throw new UsageError(`cannot read ${path}: not a Cap model (.cap)`);
    try {
        accessSync(absolute, constants.R_OK);
    } catch {
        throw new UsageError(`cannot read ${path}: permission denied`);
    }
    return loadModel(
        createCapServices(NodeFileSystem),
        fileUri(absolute),
        nodeFileReader(syncModelFs),
        nodeRealPath(syncModelFs),
        nodeDataReader(syncModelFs),
    );
}

export function hasErrors(model: LoadedModel): boolean {
    return model.diagnostics.some(d => d.diagnostic.severity === 1);
}

export function hasWarnings(model: LoadedModel): boolean {
    return model.diagnostics.some(d => d.diagnostic.severity === 2);
}

/**
 * Errors other than failed assertions: the model itself is wrong, so its figures mean nothing.
 * A failed assertion (CAP072) leaves a well-formed model whose figures break a guardrail; its
 * report is still written, with the assertion's `ok: false`, and the command exits 1.
 */
export function hasModelErrors(model: LoadedModel): boolean {
    return model.diagnostics.some(d => d.diagnostic.severity === 1 && d.diagnostic.code !== Codes.AssertionFailed);
}

export function failedAssertions(model: LoadedModel): number {
    return model.evaluation.assertions.filter(a => !a.ok).length;
}

export function report(model: LoadedModel): CapReport {
    return toReport(model.evaluation, toReportDiagnostics(model.diagnostics, model.entry));
}

export function reportJson(model: LoadedModel): string {
    return reportToJson(report(model));
}

const SEVERITY_WORDS: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/** `path:line:col - error CAP012: message`, paths relative to the working folder `cwd`. */
export function formatDiagnostics(model: LoadedModel, cwd: string, includeHints = false): string[] {
    return model.diagnostics
        .filter(d => includeHints || (d.diagnostic.severity ?? 1) <= 2)
        .map(({ uri, diagnostic }) => ({
            file: relative(cwd, uri.fsPath) || uri.fsPath,
            line: diagnostic.range.start.line + 1,
            column: diagnostic.range.start.character + 1,
            text: `${SEVERITY_WORDS[diagnostic.severity ?? 1]} ${diagnostic.code ?? ''}: ${diagnostic.message}`,
        }))
        .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column))
        .map(d => `${d.file}:${d.line}:${d.column} - ${d.text}`);
}

export function countSummary(model: LoadedModel): string {
    const errors = model.diagnostics.filter(d => d.diagnostic.severity === 1).length;
    const warnings = model.diagnostics.filter(d => d.diagnostic.severity === 2).length;
    const files = model.documents.length;
    return (
        `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} ` +
        `in ${files} file${files === 1 ? '' : 's'}`
    );
}
