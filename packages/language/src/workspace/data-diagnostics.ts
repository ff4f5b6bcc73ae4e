import type { URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { DataFileProblem } from '../lowering/data.js';
import { codeDocsUrl } from '../validation/codes.js';

/**
 * The problems a model finds in its data files (spec section 14: a cell that is not an amount, a
 * key seen twice, a quote left open), as diagnostics of those files: `cap check` prints them with
 * the file's path, the server publishes them on the file's URI, the report lists them.
 */
export function dataFileDiagnostics(
    data: readonly { fileProblems: DataFileProblem[] }[],
): { uri: URI; diagnostic: Diagnostic }[] {
    const out: { uri: URI; diagnostic: Diagnostic }[] = [];
    const seen = new Set<string>();
    for (const block of data) {
        for (const p of block.fileProblems) {
            const { line, character, length } = p.at;
            const key = `${p.uri.toString()}:${line}:${character}:${p.code}:${p.message}`;
            if (seen.has(key)) continue; // two blocks reading the same file see its syntax once
            seen.add(key);
            out.push({
                uri: p.uri,
                diagnostic: {
                    range: { start: { line, character }, end: { line, character: character + length } },
                    severity: p.severity === 'error' ? 1 : 2,
                    code: p.code,
                    codeDescription: { href: codeDocsUrl(p.code) },
                    source: 'cap',
                    message: p.message,
                },
            });
        }
    }
    return out;
}
