import type { CsvLocation } from './csv.js';
import { CellLocator, readCsvRecords } from './csv.js';
import type { TableProblem } from './table.js';
import { LOCATED_ROW_PROBLEMS } from './table.js';

/**
 * A time log read for one `actuals` block (spec section 15), before it meets a model: its rows in
 * one pass, none kept, summed into groups of rows that share a month, an agent value, a service
 * value and an account (or tier) value. A model then matches each distinct value once and adds up
 * the groups (actuals-match.ts), so a keystroke in a plan bound to a million-row log reads no row.
 * Everything here depends on the file and the columns read only; it is cached by the file's
 * content (workspace/data-files.ts).
 */

/** The columns a block reads, as indexes into the header. */
export interface TimeLogSelection {
    separator: string;
    date: number;
    agent: number;
    hours: number;
    /** `hours "…" min`: the cells are minutes. */
    minutes: boolean;
    service: number;
    /** The account column (`account "…" in D`), or null. */
    account: number | null;
    /** The tier column (`tier "…" { … }`), or null. */
    tier: number | null;
}

/** A month no row can have: the row's date or hours could not be read, so it is not kept. */
export const INVALID_MONTH = -1;
/** A group's account: none, because the block reads no account or tier column, or the cell is empty. */
export const NO_ACCOUNT = -1;

export interface TimeLog {
    /** Every non-empty data row read. */
    rows: number;
    /** Distinct values as first seen, trimmed: agents and services compared without case, accounts exactly. */
    agents: string[];
    services: string[];
    /** The account keys, or with a tier column, the tier values (compared without case). */
    accounts: string[];
    /** The groups, column by column: month (INVALID_MONTH), indexes into the value lists, hours, rows. */
    groups: {
        month: number[];
        agent: number[];
        service: number[];
        account: number[];
        hours: number[];
        rows: number[];
    };
    /** Problems of the file itself: dates and hours that cannot be read, rows too long, broken quoting. */
    problems: (TableProblem | TimeLogCellProblem)[];
}

export interface TimeLogCellProblem {
    kind: 'date' | 'hours';
    message: string;
    at: CsvLocation;
}

/** Reads the data rows of a time log for the selected columns, in one pass. */
export function readTimeLog(bytes: Uint8Array, selection: TimeLogSelection, header: string[]): TimeLog {
    const locator = new CellLocator(bytes, selection.separator);
    const log: TimeLog = {
        rows: 0,
        agents: [],
        services: [],
        accounts: [],
        groups: { month: [], agent: [], service: [], account: [], hours: [], rows: [] },
        problems: [],
    };
    const agentIds = new Map<string, number>();
    const serviceIds = new Map<string, number>();
    const accountIds = new Map<string, number>();
    const groupIds = new Map<string, number>();
    const months = new Map<string, number>();
    const amounts = new Map<string, number>();
    const width = header.length;
    const { date, agent, hours, service, account, tier, minutes } = selection;
    const accountColumn = account ?? tier;
    const foldAccount = account === null;
    let located = 0;
    let unlocated = 0;
    const locate = (problem: TableProblem | TimeLogCellProblem) => {
        if (located < LOCATED_ROW_PROBLEMS) {
            log.problems.push(problem);
            located++;
        } else unlocated++;
    };

    const error = readCsvRecords(bytes, selection.separator, (fields, index, start, end) => {
        if (index === 0 || isEmptyRow(fields)) return;
        if (fields.length > width) {
            if (located < LOCATED_ROW_PROBLEMS)
                locate({
                    kind: 'too-many-fields',
                    at: locator.row(start, end),
                    message:
                        `This row has ${fields.length} fields, the header ${width}: ` +
                        'a separator too many, or a field that needs quotes',
                });
            else unlocated++;
            return;
        }
        log.rows++;
        const dateCell = cell(fields, date);
        let month = months.get(dateCell);
        if (month === undefined) {
            month = monthOf(dateCell);
            if (months.size < MEMO_LIMIT) months.set(dateCell, month);
        }
        if (month === INVALID_MONTH) {
            if (located < LOCATED_ROW_PROBLEMS)
                locate({
                    kind: 'date',
                    at: locator.cell(start, end, date),
                    message:
                        `"${dateCell}" in ${header[date].trim()} is not a date: ` +
                        'write YYYY-MM-DD or YYYY-MM (2027-01-14, 2027-01)',
                });
            else unlocated++;
        }
        const hoursCell = cell(fields, hours);
        let amount = amounts.get(hoursCell);
        if (amount === undefined) {
            amount = hoursOf(hoursCell);
            if (amounts.size < MEMO_LIMIT) amounts.set(hoursCell, amount);
        }
        if (amount < 0) {
            month = INVALID_MONTH;
            if (located < LOCATED_ROW_PROBLEMS)
                locate({
                    kind: 'hours',
                    at: locator.cell(start, end, hours),
                    message:
                        hoursCell === ''
                            ? `${header[hours].trim()} is empty: give the time spent (0 if none)`
                            : `"${hoursCell}" in ${header[hours].trim()} is not a number of ` +
                              `${minutes ? 'minutes' : 'hours'}: write it like 30 or 1.5, without a unit`,
                });
            else unlocated++;
        }
        const a = idOf(agentIds, log.agents, cell(fields, agent), true);
        const s = idOf(serviceIds, log.services, cell(fields, service), true);
        const accountCell = accountColumn === null ? '' : cell(fields, accountColumn);
        // An empty account cell leaves the tier unknown; an empty tier cell is the value "" (§14).
        const k =
            accountColumn === null || (account !== null && accountCell === '')
                ? NO_ACCOUNT
                : idOf(accountIds, log.accounts, accountCell, foldAccount);
        const key = `${month}\u0000${a}\u0000${s}\u0000${k}`;
        let g = groupIds.get(key);
        const groups = log.groups;
        if (g === undefined) {
            g = groups.month.length;
            groupIds.set(key, g);
            groups.month.push(month);
            groups.agent.push(a);
            groups.service.push(s);
            groups.account.push(k);
            groups.hours.push(0);
            groups.rows.push(0);
        }
        groups.rows[g]++;
        if (amount > 0) groups.hours[g] += minutes ? amount / 60 : amount;
    });
    if (error !== undefined) log.problems.push({ kind: 'syntax', message: error.message, at: error.at });
    if (unlocated > 0) {
        const last = log.problems[log.problems.length - 1];
        log.problems.push({ ...last, message: `…and ${unlocated} more rows like this` });
    }
    return log;
}

/** Distinct dates and hours cells remembered while reading: logs repeat both a lot. */
const MEMO_LIMIT = 100_000;

/** The id of a value, folded (case and surrounding spaces ignored) or exact; new values are appended. */
function idOf(ids: Map<string, number>, values: string[], value: string, fold: boolean): number {
    const key = fold ? value.toLowerCase() : value;
    let id = ids.get(key);
    if (id === undefined) {
        id = values.length;
        ids.set(key, id);
        values.push(value);
    }
    return id;
}

const DATE = /^([0-9]{4})-([0-9]{2})(?:-([0-9]{2})(?:[T ][0-9:.]+(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?)?$/;

/**
 * The month of a date cell as a MonthIndex (year · 12 + month − 1): `YYYY-MM-DD`, `YYYY-MM`, or
 * an ISO timestamp, which counts as its date; INVALID_MONTH for anything else or a day the
 * calendar does not have.
 */
export function monthOf(text: string): number {
    const m = DATE.exec(text);
    if (m === null) return INVALID_MONTH;
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) return INVALID_MONTH;
    if (m[3] !== undefined) {
        const day = Number(m[3]);
        const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
        if (day < 1 || day > days) return INVALID_MONTH;
    }
    return year * 12 + (month - 1);
}

const NUMBER = /^(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?$/;

/** A cell of hours or minutes: a number as in §1 (`1,200`, `0.5`), no unit; -1 when it is not one. */
export function hoursOf(text: string): number {
    if (!NUMBER.test(text)) return -1;
    const value = Number(text.replace(/,/g, ''));
    return Number.isFinite(value) && value <= LARGEST_HOURS ? value : -1;
}

/** Beyond any time entry: larger values could make a file's sums overflow. */
const LARGEST_HOURS = 1e9;

function cell(fields: string[], index: number): string {
    return index < fields.length ? fields[index].trim() : '';
}

function isEmptyRow(fields: string[]): boolean {
    for (const f of fields) if (f.trim() !== '') return false;
    return true;
}
