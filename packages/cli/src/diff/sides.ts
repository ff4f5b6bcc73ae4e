import { existsSync, promises as fs, realpathSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { CapFile, DataEvaluation, LoadedModel } from '@cap/language';
import { createCapServices, fileUri, loadModel } from '@cap/language';
import { REPORT_SCHEMA } from '@cap/engine';
import { UsageError, hasModelErrors, report as reportOf, runModel } from '../model-run.js';
import {
    existsAt,
    gitDataReader,
    gitFileReader,
    repoPath,
    repositoryTop,
    resolveCommit,
    workingTreeCapFiles,
} from './git.js';
import type { Report } from './outputs.js';
import type { SideInfo } from './result.js';

/** One side of a comparison, loaded: its report, and its files' syntax trees when it is a model. */
export interface Side extends SideInfo {
    report: Report;
    files: CapFile[] | null;
    /** The data blocks the model read, with their files' bytes; null for a saved report. */
    data: DataEvaluation[] | null;
}

/** A side whose model has errors: exit 1, as `cap check` would. */
export class SideError extends Error {}

/** A `.json` argument is a saved `cap-report/1`; anything else is a model's entry file. */
export async function loadPathSide(path: string, cwd: string): Promise<Side> {
    if (path.toLowerCase().endsWith('.json')) return loadReportFile(path, cwd);
    return modelSide(await runModel(path, cwd), path);
}

/**
 * The model at `ref` (old) and in the working tree (new). Imports at the ref are resolved at
 * the ref, from the same relative paths. An entry file that does not exist at the ref (a model
 * new in this branch) is compared with an empty model, so every declaration reads as added.
 */
export async function loadGitSides(
    ref: string,
    file: string | undefined,
    cwd: string,
): Promise<{ old: Side; new: Side; notes: string[] }> {
    const top = await repositoryTop(file ? dirnameOfExisting(resolve(cwd, file)) : cwd);
    const commit = await resolveCommit(top, ref);
    const entry = file ?? (await findEntry(top, cwd));
    const newSide = await loadPathSide(entry, cwd);
    if (newSide.kind !== 'model') throw new UsageError(`--git compares models: ${entry} is a report`);

    const absolute = join(realpathSync(dirname(resolve(cwd, entry))), basename(entry));
    const path = repoPath(top, absolute);
    if (path === undefined) throw new UsageError(`${entry} is not inside the git repository at ${top}`);
    const label = `${ref}:${path}`;
    const notes: string[] = [];
    const readAtRef = gitFileReader(top, commit);
    let read = readAtRef;
    if (!(await existsAt(top, commit, path))) {
        notes.push(`${path} does not exist at ${ref}: every declaration is new`);
        read = async uri => (uri.fsPath === absolute ? '' : readAtRef(uri));
    }
    // A services instance per side: both sides load documents under the same file names.
    const model = await loadModel(createCapServices(), fileUri(absolute), read, undefined, gitDataReader(top, commit));
    return { old: modelSide(model, label), new: newSide, notes };
}

function modelSide(model: LoadedModel, label: string): Side {
    // Failed assertions are not model errors: the figures are right, and which guardrails newly
    // fail or pass is part of what the diff reports.
    if (hasModelErrors(model)) {
        const n = model.diagnostics.filter(d => d.diagnostic.severity === 1).length;
        throw new SideError(
            `model at ${label} has errors (${n} error${n === 1 ? '' : 's'}); fix them or compare reports`,
        );
    }
    // Through JSON, so that a model and its saved report are the same document to the diff.
    const report = JSON.parse(JSON.stringify(reportOf(model))) as Report;
    return {
        label,
        kind: 'model',
        report,
        files: model.documents.map(d => d.parseResult.value as CapFile),
        data: model.evaluation.data,
    };
}

async function loadReportFile(path: string, cwd: string): Promise<Side> {
    let text: string;
    try {
        text = await fs.readFile(resolve(cwd, path), 'utf-8');
    } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        const reason =
            code === 'ENOENT'
                ? 'no such file'
                : code === 'EISDIR'
                  ? 'not a file'
                  : code === 'EACCES'
                    ? 'permission denied'
                    : String(code);
        throw new UsageError(`cannot read ${path}: ${reason}`);
    }
    let report: unknown;
    try {
        report = JSON.parse(text);
    } catch {
        throw new UsageError(
            `${path} is not JSON: give a cap-report/1 report (cap build -o report.json) or a .cap model`,
        );
    }
    if (typeof report !== 'object' || report === null || (report as Report).schema !== REPORT_SCHEMA) {
        throw new UsageError(`${path} is not a ${REPORT_SCHEMA} report (its "schema" is not "${REPORT_SCHEMA}")`);
    }
    return { label: path, kind: 'report', report: report as Report, files: null, data: null };
}

/**
 * Without a FILE, `--git` compares the repository's one model: the single `.cap` file that no
 * other `.cap` file imports. A repository with several models needs the FILE named.
 */
async function findEntry(top: string, cwd: string): Promise<string> {
    const files = (await workingTreeCapFiles(top)).filter(p => existsSync(join(top, p)));
    const parser = createCapServices().Cap.parser.LangiumParser;
    const imported = new Set<string>();
    for (const p of files) {
        const text = await fs.readFile(join(top, p), 'utf-8').catch(() => '');
        const root = parser.parse<CapFile>(text).value;
        for (const imp of root.imports ?? []) {
            if (typeof imp.path === 'string') imported.add(repoPath(top, resolve(top, dirname(p), imp.path)) ?? '');
        }
    }
    const entries = files.filter(p => !imported.has(p));
    const shown = (list: string[]) =>
        list.slice(0, 5).join(', ') + (list.length > 5 ? `, … (${list.length} in all)` : '');
    if (entries.length === 0)
        throw new UsageError('--git found no .cap model in this repository: name the file (cap diff --git REF FILE)');
    if (entries.length > 1)
        throw new UsageError(
            `--git found ${entries.length} models (${shown(entries)}): name one (cap diff --git REF FILE)`,
        );
    return relative(cwd, join(top, entries[0])) || entries[0];
}

function dirnameOfExisting(path: string): string {
    let dir = dirname(path);
    while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
    return dir;
}
