import type { Amount } from './amount.js';
import { readAmount } from './amount.js';
import type { CsvLocation } from './csv.js';
import { CellLocator, readCsvRecords } from './csv.js';
import { KeyChecker, fieldAt } from './duplicate-keys.js';

/**
 * A data file read for one `data` block (spec section 14), before it meets a model: the rows
 * grouped by their tier and owner values, each group with its row count and revenue. A model
 * then matches a few groups (match.ts) instead of every row, so a keystroke in a plan bound to a
 * 100,000-row export costs a few hundred map lookups. Everything here depends on the file and the
 * columns read only; it is cached by the file's content (workspace/data-files.ts).
 */

/** The columns a block reads, as indexes into the header. */
export interface ColumnSelection {
    separator: string;
    tier: number;
    /** null when the block reads no revenue column. */
    revenue: number | null;
    /** One per owner column, in the block's order. */
    owners: number[];
    key: number | null;
}

export type CellIssueKind = 'unreadable' | 'negative' | 'too-large' | 'empty' | 'currency';

/** A revenue cell that is not a plain amount, or one in a named currency: its text and where its row is. */
export interface CellIssue {
    kind: CellIssueKind;
    text: string;
    /** The data row (1 is the first row after the header), and where its bytes start and end. */
    row: number;
    start: number;
    end: number;
    /** For `currency`: the ISO code the cell names. */
    currency?: string;
}

/** Rows that share a tier value and owner values (compared without case and surrounding spaces). */
export interface RowGroup {
    /** The tier cell as first seen, trimmed; `""` when empty. */
    tier: string;
    /** Each owner column's cell as first seen, trimmed; `""` when empty. */
    owners: string[];
    rows: number;
    /** Readable revenue cells summed by the currency they name (`""`: none). */
    revenue: Map<string, number>;
    /** Revenue cells that are not amounts, and cells naming a currency, by kind: how many, the first few located. */
    issues: Map<string, { count: number; located: CellIssue[] }>;
}

export type TableProblemKind = 'syntax' | 'too-many-fields' | 'duplicate-key';

/** A problem of the file itself, whatever the model: located in the file. */
export interface TableProblem {
    kind: TableProblemKind;
    message: string;
    at: CsvLocation;
}

export interface DataTable {
    /** Every non-empty data row read. */
    rows: number;
    groups: RowGroup[];
    problems: TableProblem[];
    /** Where the revenue column's header cell is, for a diagnostic about the whole column. */
    revenueHeader: CsvLocation | undefined;
    /** Where a revenue cell is: located when a diagnostic needs it, which is rare. */
    locate(issue: CellIssue): CsvLocation;
}

/** How many cells of one kind a group keeps (a model marks at most 100 of a block's cells); the rest are counted. */
export const LOCATED_PER_KIND = 100;
/** How many row problems (too many fields, a key seen twice) are located. */
export const LOCATED_ROW_PROBLEMS = 100;

/** Reads the data rows of a file for the selected columns. */
export function readDataTable(bytes: Uint8Array, selection: ColumnSelection, header: string[]): DataTable {
    const locator = new CellLocator(bytes, selection.separator);
    const groups = new Map<string, RowGroup>();
    const problems: TableProblem[] = [];
    const keys = new KeyChecker();
    let revenueHeader: CsvLocation | undefined;
    let rows = 0;
    let rowProblems = 0;
    const width = header.length;
    const { tier, revenue, owners, key } = selection;
    const ownerCount = owners.length;

    // A file holds few distinct tier and owner values: each is lower-cased once, not once a row.
    const lowerCase = new Map<string, string>();
    const folded = (text: string): string => {
        let lower = lowerCase.get(text);
        if (lower === undefined) {
            lower = text.toLowerCase();
            if (lowerCase.size < 10_000) lowerCase.set(text, lower);
        }
        return lower;
    };
    const error = readCsvRecords(bytes, selection.separator, (fields, index, start, end) => {
        if (index === 0) {
            if (revenue !== null) revenueHeader = locator.cell(start, end, revenue);
            return;
        }
        if (isEmptyRow(fields)) return;
        if (fields.length > width) {
            if (rowProblems++ < LOCATED_ROW_PROBLEMS) {
                problems.push({
                    kind: 'too-many-fields',
                    at: locator.row(start, end),
                    message:
                        `This row has ${fields.length} fields, the header ${width}: ` +
                        'a separator too many, or a field that needs quotes',
                });
            }
            return;
        }
        rows++;
        const tierCell = cell(fields, tier);
        let groupKey = folded(tierCell);
        for (let j = 0; j < ownerCount; j++) groupKey += `\u0000${folded(cell(fields, owners[j]))}`;
        let group = groups.get(groupKey);
        if (group === undefined) {
            const ownerCells = owners.map(o => cell(fields, o));
            group = { tier: tierCell, owners: ownerCells, rows: 0, revenue: new Map(), issues: new Map() };
            groups.set(groupKey, group);
        }
        group.rows++;

        if (revenue !== null) {
            const text = cell(fields, revenue);
            const amount: Amount | undefined = text === '' ? undefined : readAmount(text);
            if (amount?.ok) {
                const currency = amount.currency ?? '';
                group.revenue.set(currency, (group.revenue.get(currency) ?? 0) + amount.value);
                if (currency !== '')
                    note(group, `currency:${currency}`, { kind: 'currency', text, row: index, start, end, currency });
            } else {
                const kind: CellIssueKind = amount === undefined ? 'empty' : amount.why;
                note(group, kind, { kind, text, row: index, start, end });
            }
        }

        if (key !== null) {
            const value = cell(fields, key);
            if (value !== '') keys.add(value, start, end);
        }
    });
    if (key !== null) {
        const repeated = keys.duplicates((start, end) => fieldAt(bytes, selection.separator, start, end, key));
        for (const d of repeated) {
            if (rowProblems++ >= LOCATED_ROW_PROBLEMS) continue;
            const line = locator.row(d.firstStart, d.firstStart).line + 1; // rare: counts the lines again from the top
            problems.push({
                kind: 'duplicate-key',
                at: locator.cell(d.start, d.end, key),
                message:
                    `"${d.value}" in ${header[key].trim()} is the key of the row on line ${line} too: ` +
                    'a key names one account',
            });
        }
    }
    // `locate` below shares this function's scope with the row callback: a table kept in the cache
    // would otherwise keep every row's key hash with it.
    keys.clear();
    lowerCase.clear();
    if (error !== undefined) problems.push({ kind: 'syntax', message: error.message, at: error.at });
    if (rowProblems > LOCATED_ROW_PROBLEMS) {
        const rest = rowProblems - LOCATED_ROW_PROBLEMS;
        const last = problems[problems.length - 1];
        problems.push({ kind: last.kind, at: last.at, message: `…and ${rest} more rows like this` });
    }
    const locate = (issue: CellIssue) => locator.cell(issue.start, issue.end, revenue ?? 0);
    return { rows, groups: [...groups.values()], problems, revenueHeader, locate };
}

/** A cell without its surrounding spaces; a field the row lacks is empty. */
function cell(fields: string[], index: number): string {
    return index < fields.length ? fields[index].trim() : '';
}

function isEmptyRow(fields: string[]): boolean {
    for (const f of fields) if (f.trim() !== '') return false;
    return true;
}

/** Counts a cell issue in its group and keeps the first few. */
function note(group: RowGroup, kind: string, issue: CellIssue): void {
    let issues = group.issues.get(kind);
    if (issues === undefined) group.issues.set(kind, (issues = { count: 0, located: [] }));
    issues.count++;
    if (issues.located.length < LOCATED_PER_KIND) issues.located.push(issue);
}

/**
 * The header column a block names: surrounding spaces trimmed, an exact match first, else a
 * case-insensitive one. Two columns that both match are ambiguous.
 */
export function findColumn(
    header: string[],
    name: string,
): { index: number } | { missing: true } | { ambiguous: number[] } {
    const wanted = name.trim();
    const exact: number[] = [];
    const folded: number[] = [];
    header.forEach((h, i) => {
        const text = h.trim();
        if (text === wanted) exact.push(i);
        else if (text.toLowerCase() === wanted.toLowerCase()) folded.push(i);
    });
    const found = exact.length > 0 ? exact : folded;
    if (found.length === 1) return { index: found[0] };
    return found.length === 0 ? { missing: true } : { ambiguous: found };
}
