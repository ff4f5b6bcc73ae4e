import type { LangiumDocument } from 'langium';
import type { ReportDiagnostic } from '@cap/engine';
import type { LocatedDiagnostic } from './loader.js';

const SEVERITY: Record<number, ReportDiagnostic['severity']> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/**
 * Diagnostics as the report lists them: 1-based positions and file paths relative to the entry
 * file's folder (with `/`), so that a report is the same on every machine and checkout.
 */
export function toReportDiagnostics(diagnostics: LocatedDiagnostic[], entry: LangiumDocument): ReportDiagnostic[] {
    return diagnostics.map(({ uri, diagnostic }) => ({
        severity: SEVERITY[diagnostic.severity ?? 1] ?? 'error',
        code: String(diagnostic.code ?? ''),
        message: typeof diagnostic.message === 'string' ? diagnostic.message : String(diagnostic.message),
        file: relativePath(entry.uri.path, uri.path),
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
    }));
}

export function relativePath(fromFile: string, to: string): string {
    const from = fromFile.split('/').slice(0, -1);
    const target = to.split('/');
    let i = 0;
    while (i < from.length && i < target.length - 1 && from[i] === target[i]) i++;
    const up = from.length - i;
    return [...Array(up).fill('..'), ...target.slice(i)].join('/');
}
