import { parseCapNumber } from '@cap/language';
import type { OutputRow } from './outputs.js';

/**
 * `--fail-on` thresholds: a pull request gate over the figures a diff computes.
 *
 *     RULE    = PATH OP AMOUNT
 *     PATH    = SEGMENT ( "." SEGMENT )*          SEGMENT = name | "*"
 *     OP      = ">"                               the figure rose by more than AMOUNT
 *             | "<"                               the figure fell by more than AMOUNT (written negative)
 *     AMOUNT  = [ "+" | "-" ] [ "$" | "€" | "£" ] NUMBER [ "%" | "pp" | CODE ]
 *
 * `%` is a change relative to the old figure (`teamCost>5%`); `pp` is percentage points, for
 * ratios such as utilization (`CSM.utilization>5pp`); otherwise the amount is absolute, in the
 * figure's unit: FTE, accounts, or money (`crc>+$20`). Numbers are written as in Cap (`1,200`,
 * `$20k`). A short path is looked up as written and under `totals.`, `roles.`, `tiers.` and
 * `scenarios.`: `teamCost` is `totals.teamCost`, `CSM.requiredFte` is `roles.CSM.requiredFte`,
 * `Growth.totals.crc` is `scenarios.Growth.totals.crc`; `*` matches any one name
 * (`*.utilization>10pp`: any role).
 */

export interface FailOnRule {
    text: string;
    path: string;
    op: '>' | '<';
    /** Signed: a rise for `>`, a fall (≤ 0) for `<`. A fraction for `%`, a fraction for `pp` too. */
    amount: number;
    mode: 'absolute' | 'relative' | 'points';
    money: boolean;
}

export class FailOnError extends Error {}

/** METRIC: a dot path of names, `*` for a whole name. */
const METRIC = /([A-Za-z_*][A-Za-z0-9_*]*(?:\.[A-Za-z_*][A-Za-z0-9_*]*)*)/;
/** AMOUNT: a sign, a currency symbol, the digits and a unit (%, pp or a currency code). */
const AMOUNT = /([+-]?)\s*([$€£]?)\s*([0-9][0-9,]*(?:\.[0-9]+)?[kM]?)\s*(%|pp|[A-Z]{3})?/;
const SYNTAX = new RegExp(String.raw`^\s*${METRIC.source}\s*([<>])\s*${AMOUNT.source}\s*$`);

const RISE_ONLY = "'>' takes a rise (teamCost>5%); for a fall write '<' and a negative amount (clv<-10%)";

const EXAMPLES = 'e.g. teamCost>5%, CSM.requiredFte>1, crc>+$20, Enterprise.clv<-10%';

const RATIO_UNITS = 'write pp for percentage points (5pp) or % for a relative change (5%)';

export function parseFailOn(text: string): FailOnRule {
    const m = SYNTAX.exec(text);
    if (!m) throw new FailOnError(`--fail-on '${text}': write METRIC>AMOUNT or METRIC<-AMOUNT (${EXAMPLES})`);
    const [, path, op, sign, symbol, digits, unit] = m;
    if (path.split('.').some(s => s.includes('*') && s !== '*'))
        throw new FailOnError(`--fail-on '${text}': '*' stands for a whole name, as in *.utilization`);
    const size = parseCapNumber(digits);
    const mode = unit === '%' ? 'relative' : unit === 'pp' ? 'points' : 'absolute';
    const money = symbol !== '' || (unit !== undefined && unit !== '%' && unit !== 'pp');
    if (money && mode !== 'absolute')
        throw new FailOnError(
            `--fail-on '${text}': an amount is money, a percentage or percentage points, not two of them`,
        );
    const amount = (sign === '-' ? -size : size) / (mode === 'absolute' ? 1 : 100);
    // `>` with a negative amount or `<` with a positive one would cross on every small change.
    if (op === '>' && amount < 0) throw new FailOnError(`--fail-on '${text}': ${RISE_ONLY}`);
    if (op === '<' && amount > 0)
        throw new FailOnError(
            `--fail-on '${text}': '<' takes a fall written negative (clv<-10%); for a rise write '>' (teamCost>5%)`,
        );
    return { text: text.trim(), path, op: op as '>' | '<', amount, mode, money };
}

export interface Crossing {
    rule: FailOnRule;
    row: OutputRow;
}

/**
 * Which rows each rule crosses. A rule that matches no figure of either report is a usage error:
 * a typo in a CI gate must not pass silently. A figure that is undefined on either side (no
 * staff, a role that exists on one side only) crosses no threshold; the totals carry it.
 */
export function evaluateFailOn(rules: FailOnRule[], rows: OutputRow[]): Crossing[] {
    const crossings: Crossing[] = [];
    for (const rule of rules) {
        const matched = rows.filter(row => matches(rule.path, row.path));
        if (matched.length === 0)
            throw new FailOnError(
                `--fail-on '${rule.text}': no figure named ` +
                    `${rule.path} in either report (try totals.teamCost, ROLE.requiredFte, TIER.costToServe)`,
            );
        for (const row of matched) {
            if (rule.mode === 'points' && row.unit !== 'fraction')
                throw new FailOnError(
                    `--fail-on '${rule.text}': pp (percentage points) ` +
                        `is for ratios such as utilization; ${row.path} is not one`,
                );
            if (rule.money && row.unit !== 'money' && row.unit !== 'moneyPerPeriod')
                throw new FailOnError(`--fail-on '${rule.text}': ${row.path} is not a money figure`);
            if (rule.mode === 'absolute' && row.unit === 'fraction')
                throw new FailOnError(`--fail-on '${rule.text}': ${row.path} is a ratio: ${RATIO_UNITS}`);
            const change = changeOf(rule, row);
            if (change === null) continue;
            if (rule.op === '>' ? change > rule.amount : change < rule.amount) crossings.push({ rule, row });
        }
    }
    return crossings;
}

function changeOf(rule: FailOnRule, row: OutputRow): number | null {
    if (row.delta === null) return null;
    if (rule.mode !== 'relative') return row.delta;
    // From 0 to anything positive is an unbounded rise: it crosses every `>` rule.
    if (row.ratio === null) return row.delta > 0 ? Infinity : row.delta < 0 ? -Infinity : 0;
    return row.ratio;
}

function matches(pattern: string, path: string): boolean {
    const candidates = [pattern, `totals.${pattern}`, `roles.${pattern}`, `tiers.${pattern}`, `scenarios.${pattern}`];
    const target = path.split('.');
    return candidates.some(c => {
        const parts = c.split('.');
        return parts.length === target.length && parts.every((p, i) => p === '*' || p === target[i]);
    });
}
