import type { Period, TimeUnit } from './model.js';
import type { Results } from './results.js';
import type { FigureEntry, FigureKind, Table } from './figures.js';
import type { ReportSections } from './report-sections.js';
import { ACTUALS_AGENT, ACTUALS_ROLE, ACTUALS_SERVICE, AGENT, ROLE, TIER, TOTALS, isFigure } from './figures.js';
import type { ReportActuals } from './report-sections.js';
import { reportActuals, reportSections } from './report-sections.js';
import { formatMoney, formatNumber, formatPercent } from './format.js';
import {
    MONTHS_PER,
    compoundFromMonthly,
    compoundToMonthly,
    growthFromMonthly,
    growthToMonthly,
    periodMonths,
} from './units.js';

/**
 * Assertions (spec section 11): guardrails such as `assert CSM.utilization <= 85%`, checked on
 * every build. The left side names a figure of the report by its key names; the right side is a
 * quantity in that figure's unit. Both sides compare in report units: what the report shows,
 * money and hours per reporting period (spec section 12).
 */

export type CompareOp = '<' | '<=' | '>' | '>=' | '==';

/** What an assertion knows of a figure: its row of figures.ts. */
export type FigureInfo = FigureEntry;

type ByRoleKey = { [K in keyof typeof TIER]: (typeof TIER)[K] extends { byRole: true } ? K : never }[keyof typeof TIER];

/** The single figures of a table (`byRole`: the figures by role instead), by key. */
function figuresOf(table: Table, byRole = false): Record<string, FigureInfo> {
    const out: Record<string, FigureInfo> = {};
    for (const [key, entry] of Object.entries(table)) {
        if (isFigure(entry) && !entry.series && (entry.byRole === true) === byRole) out[key] = entry;
    }
    return out;
}

/** Every figure an assertion can name, by kind of declaration: the report's figures (figures.ts). */
export const FIGURES = {
    role: figuresOf(ROLE),
    tier: figuresOf(TIER),
    /** The role-keyed maps of a tier: `SMB.requiredFte.Scale`. */
    tierByRole: figuresOf(TIER, true) as Record<ByRoleKey, FigureInfo>,
    agent: figuresOf(AGENT),
    totals: figuresOf(TOTALS),
    /** `ACTUALS.SERVICE.metric`, `ACTUALS.ROLE.metric`, `ACTUALS.AGENT.metric` (§15). */
    actualsService: figuresOf(ACTUALS_SERVICE),
    actualsRole: figuresOf(ACTUALS_ROLE),
    actualsAgent: figuresOf(ACTUALS_AGENT),
};

/** The right side as written, already in base units (fraction for %, months for durations). */
export interface AssertionValue {
    dimension: 'hours' | 'money' | 'percent' | 'count' | 'duration';
    value: number;
    currency?: string;
    /** `/ month`: a rate, converted to the reporting period. */
    per?: TimeUnit;
}

export interface AssertionSpec {
    /** The assertion as written, without `assert`: `CSM.utilization <= 85%`. */
    text: string;
    path: string[];
    op: CompareOp;
    /** null when the quantity could not be read (its unit error is reported where it is written). */
    value: AssertionValue | null;
}

/** The figure a path names. `role` is set for a tier's role-keyed maps. */
export interface FigureRef {
    scenario: string | null;
    section: 'roles' | 'tiers' | 'agents' | 'totals' | 'actuals';
    name: string | null;
    /** For `section: 'actuals'`: the block and which of its parts `name` is in. */
    actuals?: { block: string; part: 'services' | 'roles' | 'agents' };
    metric: string;
    role: string | null;
    info: FigureInfo;
}

/** Why an assertion could not be checked: a path segment (index into `path`) or its value. */
export type AssertionProblem =
    | { on: 'path'; segment: number; message: string }
    | { on: 'value'; kind: 'unit' | 'currency'; message: string };

export interface AssertionResult {
    text: string;
    path: string[];
    op: CompareOp;
    figure: FigureRef | null;
    /** False when the assertion fails, names no figure, or its value is in the wrong unit. */
    ok: boolean;
    /** The figure in report units; null when undefined or not found. */
    actual: number | null;
    /** The right side in report units; null when it could not be read. */
    expected: number | null;
    /** Both sides formatted for a finance reader: `$412.50 a month`, `104.2%`; `—` when undefined. */
    actualText: string;
    expectedText: string;
    /** `CSM.utilization is 104.2%, must be <= 85%` (or the problem, or `... as required`). */
    message: string;
    problem: AssertionProblem | null;
}

/** The results an assertion can read: the base model's and each scenario's. */
export interface AssertionContext {
    results: Results;
    scenarios: ReadonlyMap<string, { results: Results }>;
}

export function checkAssertions(specs: readonly AssertionSpec[], context: AssertionContext): AssertionResult[] {
    if (specs.length === 0) return [];
    const base = reportSections(context.results);
    const scenarioSections = new Map<string, ReportSections>();
    const sectionsOf = (scenario: string | null): ReportSections => {
        if (scenario === null) return base;
        let s = scenarioSections.get(scenario);
        if (!s) scenarioSections.set(scenario, (s = reportSections(context.scenarios.get(scenario)!.results)));
        return s;
    };
    const { period, currency } = context.results.model;
    const actuals = reportActuals(context.results);
    return specs.map(spec => checkOne(spec, base, actuals, context.scenarios, sectionsOf, period, currency));
}

function checkOne(
    spec: AssertionSpec,
    base: ReportSections,
    actuals: Record<string, ReportActuals>,
    scenarios: ReadonlyMap<string, unknown>,
    sectionsOf: (scenario: string | null) => ReportSections,
    period: Period,
    currency: string,
): AssertionResult {
    const pathText = spec.path.join('.');
    const invalid = (problem: AssertionProblem, figure: FigureRef | null = null): AssertionResult => ({
        text: spec.text,
        path: spec.path,
        op: spec.op,
        figure,
        ok: false,
        actual: null,
        expected: null,
        actualText: UNDEFINED,
        expectedText: UNDEFINED,
        message: problem.message,
        problem,
    });

    const resolved = has(actuals, spec.path[0])
        ? resolveActuals(spec.path, actuals)
        : resolveFigure(spec.path, base, scenarios, sectionsOf);
    if ('problem' in resolved) return invalid(resolved.problem);
    const figure = resolved.figure;
    if (spec.value === null) {
        // The value's own unit error is already reported where it is written.
        return invalid(
            { on: 'value', kind: 'unit', message: `The right side of \`${spec.text}\` cannot be read` },
            figure,
        );
    }
    const expected = expectedValue(figure, spec.value, period, currency);
    if ('problem' in expected) return invalid(expected.problem, figure);

    const actual =
        figure.actuals === undefined ? readFigure(sectionsOf(figure.scenario), figure) : readActuals(actuals, figure);
    const [actualText, expectedText] = formatPair(actual, expected.value, figure.info, period, currency);
    if (actual === null) {
        const why = UNDEFINED_BECAUSE[figure.metric];
        return {
            text: spec.text,
            path: spec.path,
            op: spec.op,
            figure,
            ok: false,
            actual: null,
            expected: expected.value,
            actualText,
            expectedText,
            problem: null,
            message: `${pathText} is undefined${why ? ` (${why})` : ''}, must be ${spec.op} ${expectedText}`,
        };
    }
    const ok = compare(actual, spec.op, expected.value);
    return {
        text: spec.text,
        path: spec.path,
        op: spec.op,
        figure,
        ok,
        actual,
        expected: expected.value,
        actualText,
        expectedText,
        problem: null,
        message: ok
            ? `${pathText} is ${actualText}, as required (${spec.op} ${expectedText})`
            : `${pathText} is ${actualText}, must be ${spec.op} ${expectedText}`,
    };
}

/**
 * Comparisons forgive the last bits of binary floating point, like the tolerant ceiling: a
 * utilization of 0.8500000000000001 is 85%, so `<= 85%` holds and `< 85%` does not.
 */
export function compare(actual: number, op: CompareOp, expected: number): boolean {
    const equal = Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(actual), Math.abs(expected));
    switch (op) {
        case '<':
            return actual < expected && !equal;
        case '<=':
            return actual <= expected || equal;
        case '>':
            return actual > expected && !equal;
        case '>=':
            return actual >= expected || equal;
        case '==':
            return equal;
    }
}

const UNDEFINED = '—';

/** The common causes of an undefined figure, named in a failed assertion's message. */
const UNDEFINED_BECAUSE: Record<string, string> = {
    utilization: 'nobody of the role is staffed',
    load: 'the agent has no capacity',
    lifetimeMonths: 'the tier has no churn and no lifetime',
    clv: 'the tier has no churn and no lifetime',
    crc: 'there are no accounts',
    costToRevenue: 'there is no revenue',
};

// ------------------------------------------------------------------------------------------------
// Paths

type Resolution = { figure: FigureRef } | { problem: AssertionProblem & { on: 'path' } };

type Kind = 'role' | 'tier' | 'agent' | 'totals';
const KIND_SECTION: Record<Kind, FigureRef['section']> = {
    role: 'roles',
    tier: 'tiers',
    agent: 'agents',
    totals: 'totals',
};

/**
 * `[Scenario.]NAME.metric` or `[Scenario.]TIER.map.ROLE`. A path may read two ways when a
 * scenario and a declaration share a name; exactly one reading must name a figure.
 */
export function resolveFigure(
    path: string[],
    base: ReportSections,
    scenarios: ReadonlyMap<string, unknown>,
    sectionsOf: (scenario: string | null) => ReportSections,
): Resolution {
    const attempts: Resolution[] = [resolveIn(path, 0, base, null, [...scenarios.keys()])];
    if (scenarios.has(path[0]) && path.length > 1) attempts.push(resolveIn(path, 1, sectionsOf(path[0]), path[0], []));
    const found = attempts.filter((a): a is { figure: FigureRef } => 'figure' in a);
    if (found.length === 1) return found[0];
    if (found.length > 1) {
        return pathProblem(
            0,
            `\`${path[0]}\` names both a scenario and a ${KIND_WORD[found[0].figure.section]}, ` +
                `so \`${path.join('.')}\` could mean either: rename one of them`,
        );
    }
    // Report the reading that got furthest; on a tie, the scenario reading (the user wrote its name first).
    const problems = attempts.map(a => (a as { problem: AssertionProblem & { on: 'path' } }).problem);
    const best = problems.reduce((a, b) => (b.segment >= a.segment ? b : a));
    return { problem: best };
}

const KIND_WORD: Record<FigureRef['section'], string> = {
    roles: 'role',
    tiers: 'tier',
    agents: 'agent',
    totals: 'totals',
    actuals: 'actuals block',
};

const ACTUALS_PARTS = [
    { part: 'services', figures: FIGURES.actualsService, word: 'service' },
    { part: 'roles', figures: FIGURES.actualsRole, word: 'role' },
    { part: 'agents', figures: FIGURES.actualsAgent, word: 'agent' },
] as const;

/** `ACTUALS.SERVICE.metric`, `ACTUALS.ROLE.metric` or `ACTUALS.AGENT.metric` (§15). */
function resolveActuals(path: string[], actuals: Record<string, ReportActuals>): Resolution {
    const block = path[0];
    const report = actuals[block];
    const name = path[1];
    if (name === undefined)
        return pathProblem(
            0,
            `\`${block}\` is a time log: name a service, role or agent and a figure, e.g. \`${block}.QBR.variance\``,
        );
    const parts = ACTUALS_PARTS.filter(p => has(report[p.part], name));
    if (parts.length === 0) {
        const names = ACTUALS_PARTS.flatMap(p => Object.keys(report[p.part]));
        return pathProblem(
            1,
            `\`${name}\` is no service, role or agent of actuals \`${block}\`${suggestion(name, names)}`,
        );
    }
    const metric = path[2];
    const found = parts.filter(p => metric !== undefined && has(p.figures, metric));
    if (found.length === 0) {
        const listing = parts.map(p => `a ${p.word} has ${Object.keys(p.figures).join(', ')}`).join('; ');
        return pathProblem(
            metric === undefined ? 1 : 2,
            metric === undefined
                ? `\`${path.join('.')}\` is not a figure: ${listing}`
                : `\`${metric}\` is not a figure of \`${block}.${name}\`${
                      suggestion(
                          metric,
                          parts.flatMap(p => Object.keys(p.figures)),
                      ) || `; ${listing}`
                  }`,
        );
    }
    if (found.length > 1)
        return pathProblem(
            1,
            `\`${name}\` names both a ${found[0].word} and a ${found[1].word} in \`${block}\`: rename one`,
        );
    if (path.length > 3)
        return pathProblem(3, `\`${path.slice(0, 3).join('.')}\` is a single figure: nothing follows it`);
    return {
        figure: {
            scenario: null,
            section: 'actuals',
            name,
            metric,
            role: null,
            info: found[0].figures[metric],
            actuals: { block, part: found[0].part },
        },
    };
}

function readActuals(actuals: Record<string, ReportActuals>, figure: FigureRef): number | null {
    const { block, part } = figure.actuals!;
    const value = (actuals[block][part][figure.name!] as Record<string, unknown>)[figure.metric];
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function pathProblem(segment: number, message: string): { problem: AssertionProblem & { on: 'path' } } {
    return { problem: { on: 'path', segment, message } };
}

function resolveIn(
    path: string[],
    at: number,
    s: ReportSections,
    scenario: string | null,
    scenarioNames: string[],
): Resolution {
    const name = path[at];
    const written = path.slice(0, at + 1).join('.');
    const kinds: Kind[] = [];
    if (name === 'totals') kinds.push('totals');
    if (has(s.roles, name)) kinds.push('role');
    if (has(s.tiers, name)) kinds.push('tier');
    if (has(s.agents, name)) kinds.push('agent');

    if (kinds.length === 0) {
        if (has(s.services, name)) {
            return pathProblem(
                at,
                `\`${name}\` is a service: assertions check the figures of roles, tiers, agents and \`totals\``,
            );
        }
        const candidates = [
            'totals',
            ...Object.keys(s.roles),
            ...Object.keys(s.tiers),
            ...Object.keys(s.agents),
            ...scenarioNames,
        ];
        const what =
            scenarioNames.length > 0 && at === 0 ? 'no scenario, role, tier or agent' : 'no role, tier or agent';
        return pathProblem(
            at,
            `Unknown name \`${name}\`: ${what} has that name${scenario ? ` in scenario ${scenario}` : ''}, ` +
                `and it is not \`totals\`${suggestion(name, candidates)}`,
        );
    }
    if (path.length === at + 1) {
        return pathProblem(
            at,
            `\`${written}\` is not a figure: add one of its figures, e.g. \`${written}.${EXAMPLE_METRIC[kinds[0]]}\``,
        );
    }

    const metric = path[at + 1];
    const found: Resolution[] = [];
    for (const kind of kinds) {
        const r = metricIn(kind, path, at, s, scenario);
        if (r) found.push(r);
    }
    const figures = found.filter((r): r is { figure: FigureRef } => 'figure' in r);
    if (figures.length > 1) {
        const both = figures
            .map(r => (r.figure.section === 'totals' ? 'the totals' : `a ${KIND_WORD[r.figure.section]}`))
            .join(' and ');
        const last = KIND_WORD[figures[figures.length - 1].figure.section];
        return pathProblem(
            at,
            `\`${name}\` names both ${both}, so \`${path.join('.')}\` could mean either: rename the ${last}`,
        );
    }
    if (figures.length === 1) return figures[0];
    if (found.length > 0) return found[0];

    const names = kinds.flatMap(k =>
        Object.keys(k === 'tier' ? { ...FIGURES.tier, ...FIGURES.tierByRole } : FIGURES[k]),
    );
    const whose = kinds.map(k => (k === 'totals' ? '`totals`' : `${k} \`${name}\``)).join(' or ');
    const hint = suggestion(metric, names);
    const listing = (k: Kind) =>
        `${k === 'totals' ? 'totals have' : `a ${k} has`} ` +
        `${Object.keys(k === 'tier' ? { ...FIGURES.tier, ...FIGURES.tierByRole } : FIGURES[k]).join(', ')}`;
    return pathProblem(
        at + 1,
        `\`${metric}\` is not a figure of ${whose}${hint || `; ${kinds.map(listing).join('; ')}`}`,
    );
}

const EXAMPLE_METRIC: Record<Kind, string> = { role: 'utilization', tier: 'clv', agent: 'load', totals: 'crc' };

/** The figure `metric` of one kind of declaration, a problem further along the path, or undefined. */
function metricIn(
    kind: Kind,
    path: string[],
    at: number,
    s: ReportSections,
    scenario: string | null,
): Resolution | undefined {
    const name = path[at];
    const metric = path[at + 1];
    const rest = path.length - (at + 2);
    const scalar = figureNamed(FIGURES[kind], metric);
    if (scalar) {
        if (rest > 0)
            return pathProblem(at + 2, `\`${path.slice(0, at + 2).join('.')}\` is a single figure: nothing follows it`);
        return {
            figure: {
                scenario,
                section: KIND_SECTION[kind],
                name: kind === 'totals' ? null : name,
                metric,
                role: null,
                info: scalar,
            },
        };
    }
    if (kind !== 'tier') return undefined;
    const byRole = figureNamed(FIGURES.tierByRole, metric);
    if (!byRole) return undefined;
    const map = (s.tiers[name] as Record<string, unknown>)[metric] as Record<string, unknown>;
    const roles = Object.keys(map);
    const written = path.slice(0, at + 2).join('.');
    if (rest === 0) {
        const example = roles[0] ?? 'CSM';
        return pathProblem(
            at + 1,
            `\`${written}\` is a figure per role: name the role, e.g. \`${written}.${example}\``,
        );
    }
    const role = path[at + 2];
    if (!has(map, role)) {
        const list = roles.length > 0 ? `its roles are ${roles.join(', ')}` : 'no role works in it';
        return pathProblem(at + 2, `Tier \`${name}\` has no \`${role}\` work: ${list}${suggestion(role, roles)}`);
    }
    if (rest > 1)
        return pathProblem(at + 3, `\`${path.slice(0, at + 3).join('.')}\` is a single figure: nothing follows it`);
    return { figure: { scenario, section: 'tiers', name, metric, role, info: byRole } };
}

/** Own keys only: `CSM.constructor` names no figure. */
function figureNamed(figures: Record<string, FigureInfo>, metric: string): FigureInfo | undefined {
    return has(figures, metric) ? figures[metric] : undefined;
}

function has(record: object, key: string): boolean {
    return Object.hasOwn(record, key);
}

/** `; did you mean `CSM`?` for the closest candidate within a few edits, else nothing. */
export function suggestion(word: string, candidates: string[]): string {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const c of new Set(candidates)) {
        const d = c.toLowerCase() === word.toLowerCase() ? 0.5 : editDistance(word, c);
        if (d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    const limit = Math.max(1, Math.floor(word.length / 3));
    return best !== undefined && bestDistance <= limit ? `; did you mean \`${best}\`?` : '';
}

/** Edits (insert, delete, substitute, swap two neighbours) from one word to another. */
function editDistance(a: string, b: string): number {
    const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}

function readFigure(s: ReportSections, figure: FigureRef): number | null {
    const section = figure.section as Exclude<FigureRef['section'], 'actuals'>;
    const holder = (section === 'totals' ? s.totals : s[section][figure.name!]) as Record<string, unknown>;
    const value =
        figure.role === null ? holder[figure.metric] : (holder[figure.metric] as Record<string, unknown>)[figure.role];
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

// ------------------------------------------------------------------------------------------------
// Values

const DIMENSION_OF: Record<FigureKind, AssertionValue['dimension'][]> = {
    ratio: ['percent'],
    money: ['money'],
    hours: ['hours'],
    fte: ['count'],
    count: ['count'],
    // `lifetimeMonths >= 24 months` and `>= 24` both read naturally.
    months: ['duration', 'count'],
};

const SYMBOL: Record<string, string> = { USD: '$', EUR: '€', GBP: '£' };

function exampleOf(kind: FigureKind, currency: string): string {
    switch (kind) {
        case 'ratio':
            return '85%';
        case 'money':
            return SYMBOL[currency] ? `${SYMBOL[currency]}400` : `400 ${currency}`;
        case 'hours':
            return '800h';
        case 'fte':
            return '12';
        case 'count':
            return '3';
        case 'months':
            return '24 months';
    }
}

const KIND_PHRASE: Record<FigureKind, string> = {
    ratio: 'a percentage',
    money: 'money',
    hours: 'in hours',
    fte: 'a number of FTE',
    count: 'a plain number',
    months: 'in months',
};

/** The right side in report units, or why it is in the wrong unit for the figure. */
function expectedValue(
    figure: FigureRef,
    v: AssertionValue,
    period: Period,
    currency: string,
): { value: number } | { problem: AssertionProblem } {
    const { kind, per } = figure.info;
    const metric = figure.metric;
    if (!DIMENSION_OF[kind].includes(v.dimension)) {
        return {
            problem: {
                on: 'value',
                kind: 'unit',
                message:
                    `\`${metric}\` is ${KIND_PHRASE[kind]}: ` +
                    `write e.g. \`${exampleOf(kind, currency)}\`${kind === 'ratio' ? ' (85% is 0.85)' : ''}`,
            },
        };
    }
    if (v.dimension === 'money' && v.currency !== undefined && v.currency !== currency) {
        return {
            problem: {
                on: 'value',
                kind: 'currency',
                message:
                    `Amount in ${v.currency}, but the model's currency is ${currency}: ` +
                    `every amount must be in ${currency}`,
            },
        };
    }
    if (v.per === undefined) return { value: v.value };
    if (per === undefined) {
        return {
            problem: {
                on: 'value',
                kind: 'unit',
                message: `\`${metric}\` is not per unit of time: remove \`/ ${v.per}\``,
            },
        };
    }
    // A rate written per another unit of time, turned into the reporting period's.
    const months = periodMonths(period);
    if (per === 'compounded')
        return { value: compoundFromMonthly(compoundToMonthly(v.value, MONTHS_PER[v.per]), months) };
    if (per === 'grown') return { value: growthFromMonthly(growthToMonthly(v.value, MONTHS_PER[v.per]), months) };
    return { value: (v.value / MONTHS_PER[v.per]) * months };
}

// ------------------------------------------------------------------------------------------------
// Formatting

const PER_PERIOD: Record<Period, string> = { month: 'a month', quarter: 'a quarter', year: 'a year' };

/**
 * Both sides as a finance reader writes them. When rounding would print a failing comparison as
 * two equal numbers (`85%, must be < 85%`), more decimals are shown until the two differ.
 */
function formatPair(
    actual: number | null,
    expected: number,
    info: FigureInfo,
    period: Period,
    currency: string,
): [string, string] {
    const suffix = info.per !== undefined ? ` ${PER_PERIOD[period]}` : '';
    for (const extra of [0, 1, 2, 3, 4, 6]) {
        const a = actual === null ? UNDEFINED : formatFigure(actual, info.kind, currency, extra) + suffix;
        const e = formatFigure(expected, info.kind, currency, extra) + suffix;
        if (a !== e || actual === expected) return [a, e];
    }
    return [
        formatFigure(actual!, info.kind, currency, 9) + suffix,
        formatFigure(expected, info.kind, currency, 9) + suffix,
    ];
}

function formatFigure(x: number, kind: FigureKind, currency: string, extra: number): string {
    switch (kind) {
        case 'ratio':
            return extra === 0 ? formatPercent(x) : `${formatNumber(x * 100, 1 + extra)}%`;
        case 'money':
            return extra === 0 ? formatMoney(x, currency) : formatMoney(x, currency, 1 + extra);
        case 'hours':
            return `${formatNumber(x, 2 + extra)} h`;
        case 'months':
            return `${formatNumber(x, 2 + extra)} months`;
        case 'fte':
        case 'count':
            return formatNumber(x, 2 + extra);
    }
}
