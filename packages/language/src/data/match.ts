import type { DataCells } from '@cap/engine';
import type { Code } from '../validation/codes.js';
import { Codes } from '../validation/codes.js';
import type { CsvLocation } from './csv.js';
import type { CellIssue, DataTable, RowGroup } from './table.js';

/**
 * Spec section 14's values: a data file's rows (grouped, table.ts) matched to a model's tiers and
 * agents, giving the engine's aggregates (rows and revenue per tier, per owner) and the problems
 * a CS Ops analyst must see: values that match nothing (once per value, with its row count),
 * values that match two names, revenue cells that are not amounts in the model's currency.
 */

export interface Named {
    name: string;
    title: string | null;
}

/** What a model says about one `data` block. */
export interface DataBinding {
    /** The block's name, for messages. */
    name: string;
    currency: string;
    /** Every tier of the model. */
    tiers: Named[];
    /** The block's `"value" -> Tier` pairs, in order; the first pair of a value counts. */
    pairs: { value: string; tier: string }[];
    /** The tiers that take `accounts from` this block, and those that take `revenue from` it. */
    accountsTiers: ReadonlySet<string>;
    revenueTiers: ReadonlySet<string>;
    /** Per owner column: its role and that role's agents (empty when the role is unknown). */
    owners: { role: string; agents: Named[] }[];
    /** Column names as the block writes them, for messages. */
    columns: { tier: string; revenue: string | null; owners: string[] };
}

/** A problem located in the model: on the block's `tier` line, an `owner` line, or a tier's `accounts from`. */
export interface MatchFinding {
    on: { kind: 'tier' } | { kind: 'owner'; column: number } | { kind: 'accounts'; tier: string };
    severity: 'error' | 'warning';
    code: Code;
    message: string;
    /** The value a quick fix acts on: the tier value to pair, or the owner to create as an agent. */
    value?: string;
    rows?: number;
    /** The tier whose rows are left out. */
    tier?: string;
}

/** A problem located in the data file. */
export interface CellProblem {
    code: Code;
    message: string;
    at: CsvLocation;
}

export interface DataMatch {
    tiers: Record<string, DataCells>;
    owners: Record<string, Record<string, Record<string, DataCells>>>;
    unmatched: { tier: Record<string, number>; owner: Record<string, number> };
    findings: MatchFinding[];
    cells: CellProblem[];
}

/** At most this many cells of one block are marked in its file; a count stands for the rest. */
export const MARKED_CELLS = 100;

export function matchData(table: DataTable, binding: DataBinding): DataMatch {
    const findings: MatchFinding[] = [];
    const tiers: Record<string, DataCells> = {};
    for (const t of binding.tiers) if (binding.accountsTiers.has(t.name)) tiers[t.name] = { rows: 0, revenue: 0 };
    const owners: DataMatch['owners'] = {};
    const unmatched: DataMatch['unmatched'] = { tier: {}, owner: {} };

    const tierOf = tierMatcher(binding);
    const ownerOf = binding.owners.map(column => nameMatcher(column.agents));
    // Only the first owner column of a role counts (a second is an error in the block).
    const countedColumn = binding.owners.map(
        (column, j) => binding.owners.findIndex(c => c.role === column.role) === j,
    );
    for (const column of binding.owners) owners[column.role] ??= {};

    const ambiguousTier = new Map<string, { value: string; tiers: string[] }>();
    const unmatchedTier = new Spelled();
    const leftOut = new Map<string, number>();
    const unmatchedOwner = binding.owners.map(() => new Spelled());
    // The report's unmatched.owner takes all owner columns together, values compared as in one column.
    const unmatchedOwners = new Spelled();
    const ambiguousOwner = binding.owners.map(() => new Map<string, { value: string; agents: string[] }>());
    const revenueIssues: { group: RowGroup; tier: string }[] = [];

    for (const group of table.groups) {
        const match = tierOf(group.tier);
        if (match === undefined) {
            unmatchedTier.add(group.tier, group.rows);
            continue;
        }
        if (Array.isArray(match)) {
            if (!ambiguousTier.has(fold(group.tier)))
                ambiguousTier.set(fold(group.tier), { value: group.tier, tiers: match });
            continue;
        }
        if (!binding.accountsTiers.has(match)) {
            leftOut.set(match, (leftOut.get(match) ?? 0) + group.rows);
            continue;
        }
        const readsRevenue = binding.revenueTiers.has(match) && binding.columns.revenue !== null;
        const revenue = readsRevenue ? amountIn(group, binding.currency) : 0;
        if (readsRevenue) revenueIssues.push({ group, tier: match });
        tiers[match].rows += group.rows;
        tiers[match].revenue += revenue;

        binding.owners.forEach((column, j) => {
            const value = group.owners[j];
            if (value === '') return;
            const agent = ownerOf[j](value);
            if (agent === undefined) {
                unmatchedOwner[j].add(value, group.rows);
                unmatchedOwners.add(value, group.rows);
                return;
            }
            if (Array.isArray(agent)) {
                if (!ambiguousOwner[j].has(fold(value))) ambiguousOwner[j].set(fold(value), { value, agents: agent });
                return;
            }
            if (!countedColumn[j]) return;
            const book = (owners[column.role][agent] ??= {});
            const cells = (book[match] ??= { rows: 0, revenue: 0 });
            cells.rows += group.rows;
            cells.revenue += revenue;
        });
    }

    const tierColumn = binding.columns.tier;
    for (const [value, rows] of unmatchedTier.entries()) {
        own(unmatched.tier, value, rows);
        findings.push({
            on: { kind: 'tier' },
            severity: 'warning',
            code: Codes.DataTierUnmatched,
            value,
            rows,
            message:
                value === ''
                    ? `${count(rows, 'row')} with an empty ${tierColumn} ${rows === 1 ? 'is' : 'are'} left out: ` +
                      `give ${rows === 1 ? 'it' : 'them'} a segment, or pair "" with a tier`
                    : `"${value}" in ${tierColumn} matches no tier: ${count(rows, 'row')} left out; ` +
                      `pair it with a tier (\`"${value}" -> Tier\`) or name a tier or its title so`,
        });
    }
    for (const { value, tiers: both } of ambiguousTier.values()) {
        findings.push({
            on: { kind: 'tier' },
            severity: 'error',
            code: Codes.DataValueAmbiguous,
            value,
            message:
                `"${value}" in ${tierColumn} matches ${listed(both)}: ` +
                `pair it with one (\`"${value}" -> ${both[0]}\`)`,
        });
    }
    for (const [tier, rows] of leftOut) {
        findings.push({
            on: { kind: 'tier' },
            severity: 'warning',
            code: Codes.DataTierLeftOut,
            tier,
            rows,
            message:
                `${count(rows, 'row')} of ${tier} ${rows === 1 ? 'is' : 'are'} left out: ` +
                `${tier} does not take \`accounts from ${binding.name}\``,
        });
    }
    binding.owners.forEach((column, j) => {
        const name = binding.columns.owners[j];
        for (const [value, rows] of unmatchedOwner[j].entries()) {
            findings.push({
                on: { kind: 'owner', column: j },
                severity: 'warning',
                code: Codes.DataOwnerUnmatched,
                value,
                rows,
                message:
                    `"${value}" in ${name} is no ${column.role} agent: ` +
                    `${count(rows, 'account')} ${rows === 1 ? 'has' : 'have'} no owner`,
            });
        }
        for (const { value, agents } of ambiguousOwner[j].values()) {
            findings.push({
                on: { kind: 'owner', column: j },
                severity: 'error',
                code: Codes.DataValueAmbiguous,
                value,
                message:
                    `"${value}" in ${name} names ${listed(agents)}, agents of ${column.role}: ` +
                    'give one of them another title',
            });
        }
    });
    for (const [value, rows] of unmatchedOwners.entries()) own(unmatched.owner, value, rows);
    for (const tier of Object.keys(tiers)) {
        if (tiers[tier].rows > 0) continue;
        findings.push({
            on: { kind: 'accounts', tier },
            severity: 'warning',
            code: Codes.DataTierEmpty,
            message: `No row of ${binding.name} is in ${tier}: it has 0 accounts`,
        });
    }
    return { tiers, owners, unmatched, findings, cells: cellProblems(table, revenueIssues, binding) };
}

/** Readable revenue of a group in the model's currency: cells that name no currency or name it. */
function amountIn(group: RowGroup, currency: string): number {
    return (group.revenue.get('') ?? 0) + (group.revenue.get(currency) ?? 0);
}

/**
 * The revenue cells of rows that fall in a tier reading its revenue from the block and are not
 * amounts in the model's currency, in row order, the first MARKED_CELLS marked and the rest
 * counted on the column's header cell.
 */
function cellProblems(
    table: DataTable,
    groups: { group: RowGroup; tier: string }[],
    binding: DataBinding,
): CellProblem[] {
    const column = binding.columns.revenue ?? 'revenue';
    const located: { issue: CellIssue; tier: string }[] = [];
    let total = 0;
    for (const { group, tier } of groups) {
        for (const [kind, issues] of group.issues) {
            if (kind === `currency:${binding.currency}`) continue;
            total += issues.count;
            for (const issue of issues.located) located.push({ issue, tier });
        }
    }
    located.sort((a, b) => a.issue.row - b.issue.row);
    const out = located
        .slice(0, MARKED_CELLS)
        .map(({ issue, tier }) => ({ ...cellMessage(issue, tier, column, binding.currency), at: table.locate(issue) }));
    const rest = total - out.length;
    if (rest > 0) {
        const at = table.revenueHeader ?? { line: 0, character: 0, length: 0 };
        out.push({
            code: Codes.CsvNotAnAmount,
            at,
            message: `…and ${count(rest, 'more cell')} in ${column} like the ones marked`,
        });
    }
    return out;
}

function cellMessage(
    issue: CellIssue,
    tier: string,
    column: string,
    currency: string,
): { code: Code; message: string } {
    switch (issue.kind) {
        case 'empty':
            return {
                code: Codes.CsvMissingAmount,
                message:
                    `${column} is empty in a row of ${tier}, which takes its revenue from this file: ` +
                    'give it an amount (0 if the account pays nothing)',
            };
        case 'negative':
            return {
                code: Codes.CsvNegativeAmount,
                message: `"${issue.text}" in ${column} is negative: revenue is an amount of 0 or more`,
            };
        case 'currency':
            return {
                code: Codes.CsvOtherCurrency,
                message: `"${issue.text}" in ${column} is in ${issue.currency}, not ${currency}, the model's currency`,
            };
        case 'too-large':
            return {
                code: Codes.CsvNotAnAmount,
                message: `"${issue.text}" in ${column} is too large to be an account's revenue`,
            };
        default:
            return {
                code: Codes.CsvNotAnAmount,
                message:
                    `"${issue.text}" in ${column} is not an amount: ` +
                    `write it like 12,500 or ${currency === 'USD' ? '$12,500' : `12,500 ${currency}`}`,
            };
    }
}

/** Sets a key of a value-keyed map, defined so that a value `__proto__` stays a key. */
function own(map: Record<string, number>, key: string, value: number): void {
    Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Values matched as spec section 14 says: without surrounding spaces and case. */
function fold(value: string): string {
    return value.trim().toLowerCase();
}

/** A tier for a value: an explicit pair first, else a tier's name or title; several: all of them. */
export function tierMatcher(binding: DataBinding): (value: string) => string | string[] | undefined {
    const pairs = new Map<string, string>();
    const known = new Set(binding.tiers.map(t => t.name));
    for (const pair of binding.pairs)
        if (known.has(pair.tier) && !pairs.has(fold(pair.value))) pairs.set(fold(pair.value), pair.tier);
    const byName = nameMatcher(binding.tiers);
    return value => pairs.get(fold(value)) ?? byName(value);
}

/** The one declaration whose name or title equals a value, all of them when several do, or undefined. */
export function nameMatcher(named: Named[]): (value: string) => string | string[] | undefined {
    const map = new Map<string, string[]>();
    const add = (key: string, name: string) => {
        const list = map.get(key);
        if (list === undefined) map.set(key, [name]);
        else if (!list.includes(name)) list.push(name);
    };
    for (const n of named) {
        add(fold(n.name), n.name);
        if (n.title !== null) add(fold(n.title), n.name);
    }
    return value => {
        const found = map.get(fold(value));
        return found === undefined ? undefined : found.length === 1 ? found[0] : found;
    };
}

/** Row counts of values compared without case, each spelled as first seen. */
class Spelled {
    private readonly byFold = new Map<string, { value: string; rows: number }>();

    add(value: string, rows: number): void {
        const key = fold(value);
        const entry = this.byFold.get(key);
        if (entry === undefined) this.byFold.set(key, { value, rows });
        else entry.rows += rows;
    }

    entries(): [string, number][] {
        return [...this.byFold.values()].map(e => [e.value, e.rows]);
    }
}

function count(n: number, word: string): string {
    return `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} ${word}${n === 1 ? '' : 's'}`;
}

function listed(names: string[]): string {
    return names.length === 2
        ? `both ${names[0]} and ${names[1]}`
        : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
