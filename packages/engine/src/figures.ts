/**
 * The figures of a `cap-report/1` report (spec section 13), described once: per section, every key
 * in the order the report writes it, what it measures (`kind`), how it follows the reporting period
 * (`per`, spec section 12) and whether it may be undefined (`nullable`: then it is `null`, never NaN
 * or Infinity). The report writer, the TypeScript types of results and report, the JSON schema, the
 * assertable figures and their completion all read these tables: a figure added here is in each.
 *
 * The engine's results (results.ts) have the same keys, per month; report-sections.ts converts them.
 */

/** What a figure measures: decides how an assertion's right side is written and how it is shown. */
export type FigureKind = 'ratio' | 'money' | 'hours' | 'fte' | 'count' | 'months';

/**
 * How a monthly figure becomes a figure per reporting period (spec section 12): `scaled` by the
 * period's length in months (hours, money, accounts won), `compounded` (churn: 1 − (1 − cm)^len)
 * or `grown` (expansion, section 16: (1 + em)^len − 1). Without `per` a figure does not depend on
 * the period.
 */
export type PerTime = 'scaled' | 'compounded' | 'grown';

/**
 * A number: one, one per forecast month (`series`), one per role (`byRole`, a tier's figures by role),
 * or one per name (`byName`: a tier, or a value read from a data file).
 */
export interface FigureEntry {
    kind: FigureKind;
    per?: PerTime;
    nullable?: boolean;
    series?: boolean;
    byRole?: boolean;
    byName?: boolean;
    /** The key is left out of the report when its value is null (§13a: `unmatched.tier` of actuals). */
    optional?: boolean;
    doc: string;
}

/** Text that names or labels rather than measures; `values` lists the only texts it may hold. */
export interface LabelEntry {
    kind: 'label' | 'month';
    values?: readonly string[];
    nullable?: boolean;
    series?: boolean;
    doc: string;
}

/** A nested part: one object of a table, one per name (`each`, sorted by name), or a list. */
export type PartEntry =
    | { table: Table; nullable?: boolean; doc: string }
    | { each: Table; doc: string }
    | { list: Table; doc: string };

export type Entry = FigureEntry | LabelEntry | PartEntry;
export type Table = Readonly<Record<string, Entry>>;

/** How a report writes a calendar month: `YYYY-MM`. */
export const MONTH_PATTERN = '^[0-9]{4}-[0-9]{2}$';

export const MODEL = {
    name: { kind: 'label', doc: "The model's name: its `model` declaration, else the entry file's name (§2)" },
    title: { kind: 'label', nullable: true, doc: "The model's display title" },
    currency: { kind: 'label', doc: 'ISO 4217 code of every money figure' },
    period: { kind: 'label', values: ['month', 'quarter', 'year'], doc: 'The reporting period (§12)' },
    start: { kind: 'month', nullable: true, doc: "The snapshot month and the forecast's first (§7, §9)" },
    horizonMonths: { kind: 'months', nullable: true, doc: "The forecast's length in months (§9)" },
} as const satisfies Table;

export const ROLE = {
    hoursPerFte: { kind: 'hours', per: 'scaled', doc: 'H: contracted hours per FTE (§3)' },
    overheadPerFte: { kind: 'hours', per: 'scaled', doc: 'O: non-customer hours per FTE (§3)' },
    effectivePerFte: { kind: 'hours', per: 'scaled', doc: 'E = H − O: effective availability per FTE (§3)' },
    costPerFte: { kind: 'money', per: 'scaled', doc: 'C: fully loaded cost per FTE (§3)' },
    hourlyCost: { kind: 'money', nullable: true, doc: 'C ÷ E: cost of an effective hour (§3)' },
    rampMonths: { kind: 'months', doc: 'Months for a new hire to reach full productivity (§3)' },
    demandHours: { kind: 'hours', per: 'scaled', doc: 'Σt demand[t][r]: the hours the tiers need of the role (§6)' },
    requiredFte: { kind: 'fte', nullable: true, doc: 'Σt demand[t][r] ÷ E (§6)' },
    staffedFte: { kind: 'fte', doc: "Σ fte · count · ramp factor over the role's started agents (§6)" },
    utilization: { kind: 'ratio', nullable: true, doc: 'Demand ÷ (staffed FTE · E); null with nobody staffed (§6)' },
    gapFte: { kind: 'fte', nullable: true, doc: 'Required FTE − staffed FTE (§6)' },
    hires: { kind: 'count', nullable: true, doc: 'The smallest whole number ≥ the gap, 0 when the gap ≤ 0 (§6)' },
} as const satisfies Table;

export const SERVICE = {
    role: { kind: 'label', doc: 'The role that delivers the service (§4)' },
    kind: { kind: 'label', values: ['recurring', 'once'], doc: '`once`: once per new account (§4)' },
    seats: { kind: 'count', nullable: true, doc: 'Accounts one session serves at once (§4)' },
    uptake: { kind: 'ratio', doc: "The share of a tier's accounts that receive the service (§4)" },
    effortHours: { kind: 'hours', doc: 'X: designed effort per occurrence (§4)' },
    hoursPerAccount: {
        kind: 'hours',
        per: 'scaled',
        doc: 'X · φ per receiving account; 0 if `once` or seated (§6)',
    },
} as const satisfies Table;

export const TIER = {
    touch: { kind: 'label', values: ['high', 'low', 'tech'], nullable: true, doc: 'How the tier is served (§5)' },
    accounts: { kind: 'count', doc: 'N: accounts today (§5)' },
    newAccounts: { kind: 'count', per: 'scaled', doc: 'a: new accounts won (§5)' },
    revenuePerAccount: {
        kind: 'money',
        per: 'scaled',
        nullable: true,
        doc: 'R: revenue per account (§5); from a data block, Σ revenue ÷ len(u) ÷ N, null with no rows (§14)',
    },
    revenue: { kind: 'money', per: 'scaled', doc: "N · R: the tier's revenue (§8)" },
    churn: { kind: 'ratio', per: 'compounded', nullable: true, doc: 'cm, compounded to the period (§5, §12)' },
    lifetimeMonths: { kind: 'months', nullable: true, doc: 'L = 1 ÷ cm, or the given lifetime (§5)' },
    margin: { kind: 'ratio', doc: 'g: gross margin (§5)' },
    expansion: { kind: 'ratio', per: 'grown', nullable: true, doc: 'em, grown to the period: (1 + em)^len − 1 (§16)' },
    clv: { kind: 'money', nullable: true, doc: 'R · g · L: customer lifetime value per account (§8)' },
    clvNet: { kind: 'money', nullable: true, doc: 'CLV − cost to serve · L (§8)' },
    costToServe: { kind: 'money', per: 'scaled', nullable: true, doc: 'Σr D[t][r] · hourly cost[r] (§8)' },
    addonRevenue: { kind: 'money', per: 'scaled', doc: "Revenue of the tier's paid add-on services (§8)" },
    designedEffort: { kind: 'hours', per: 'scaled', nullable: true, byRole: true, doc: 'D[t][r] per account (§6)' },
    accountsPerFte: { kind: 'count', nullable: true, byRole: true, doc: 'E[r] ÷ D[t][r]: production capacity (§6)' },
    demandHours: { kind: 'hours', per: 'scaled', byRole: true, doc: 'demand[t][r] (§6)' },
    requiredFte: { kind: 'fte', nullable: true, byRole: true, doc: 'demand[t][r] ÷ E[r] (§6)' },
} as const satisfies Table;

export const AGENT = {
    role: { kind: 'label', doc: "The agent's role (§7)" },
    fte: { kind: 'fte', doc: 'Full-time equivalent of one agent, in (0, 1] (§7)' },
    count: { kind: 'count', doc: 'Identical agents in the group (§7)' },
    rampFactor: { kind: 'ratio', doc: 'min(1, (k + 1) ÷ ramp) in its k-th month; 0 before its start (§7)' },
    capacityHours: { kind: 'hours', per: 'scaled', doc: 'fte · count · ramp factor · E (§7)' },
    assignedHours: { kind: 'hours', per: 'scaled', doc: 'Its share of the demand of the tiers it serves (§7)' },
    load: { kind: 'ratio', nullable: true, doc: 'Assigned hours ÷ capacity hours (§7)' },
    bookAccounts: {
        kind: 'count',
        nullable: true,
        doc: 'The accounts it owns in a data block, over all tiers; null when no owner column names its role (§14)',
    },
    bookRevenue: {
        kind: 'money',
        per: 'scaled',
        nullable: true,
        doc: 'The revenue of the accounts it owns; null when it owns none (§14)',
    },
} as const satisfies Table;

export const TOTALS = {
    accounts: { kind: 'count', doc: 'Σt N (§8)' },
    revenue: { kind: 'money', per: 'scaled', doc: 'Tier revenue plus add-on revenue, over all tiers (§8)' },
    teamCost: {
        kind: 'money',
        per: 'scaled',
        doc: 'Σ fte · count · C, started agents; no agents: Σr required FTE · C (§8)',
    },
    crc: { kind: 'money', per: 'scaled', nullable: true, doc: 'Customer retention cost: team cost ÷ accounts (§8)' },
    costToRevenue: { kind: 'ratio', nullable: true, doc: 'Team cost ÷ revenue (§8)' },
    requiredFte: { kind: 'fte', doc: 'Σr required FTE (§6)' },
    staffedFte: { kind: 'fte', doc: 'Σr staffed FTE (§6)' },
} as const satisfies Table;

export const HIRE = {
    neededFrom: { kind: 'month', doc: 'The first month whose gap needs this hire (§9)' },
    startBy: { kind: 'month', doc: "neededFrom minus the role's ramp in whole months (§9)" },
    openBy: { kind: 'month', doc: "startBy minus the role's time to fill in whole months (§16)" },
} as const satisfies Table;

export const FORECAST_ROLE = {
    requiredFte: { kind: 'fte', series: true, nullable: true, doc: 'Required FTE in each month (§9)' },
    staffedFte: {
        kind: 'fte',
        series: true,
        doc: 'Staffed FTE in each month: agents started by then, ramped, less attrition (§9, §16)',
    },
    gapFte: { kind: 'fte', series: true, nullable: true, doc: 'Required − staffed FTE in each month (§9)' },
    firstGapMonth: { kind: 'month', nullable: true, doc: 'The first month with a positive gap (§9)' },
    hireBy: { kind: 'month', nullable: true, doc: 'The month the first hire must start to be ramped by then (§9)' },
    leaversFte: {
        kind: 'fte',
        series: true,
        doc: 'FTE of the agents started by each month expected to have left by then (§16)',
    },
    openBy: { kind: 'month', nullable: true, doc: "The month the first hire's requisition must open (§16)" },
    hiresNeeded: { kind: 'count', series: true, nullable: true, doc: "Whole hires each month's gap needs (§9)" },
    hires: { kind: 'count', doc: "Hires that close the horizon's largest gap (§9)" },
    hiringPlan: { list: HIRE, doc: 'Each hire in the order needed; the first 1,000 (§9)' },
    budgetIncrease: { kind: 'money', per: 'scaled', series: true, doc: "Pay of the role's planned hires (§9)" },
} as const satisfies Table;

export const FORECAST_TIER = {
    accounts: { kind: 'count', series: true, doc: 'N_t(m) (§9)' },
    newAccounts: {
        kind: 'count',
        per: 'scaled',
        series: true,
        doc: 'a_t(m): the accounts won in each month (§9, §16)',
    },
} as const satisfies Table;

export const FORECAST = {
    months: { kind: 'month', series: true, doc: "The horizon's months from `start` (§9)" },
    accounts: { kind: 'count', series: true, doc: 'Σt N_t(m) (§9)' },
    teamCost: { kind: 'money', per: 'scaled', series: true, doc: 'Team cost in each month, less attrition (§9, §16)' },
    revenue: { kind: 'money', per: 'scaled', series: true, doc: 'Revenue in each month, with expansion (§9, §16)' },
    roles: { each: FORECAST_ROLE, doc: 'Staffing and hiring plan per role (§9)' },
    tiers: { each: FORECAST_TIER, doc: 'Accounts per tier (§9)' },
    budgetIncrease: { kind: 'money', per: 'scaled', series: true, doc: 'Pay of every planned hire each month (§9)' },
    budgetIncreaseTotal: { kind: 'money', doc: 'The extra budget over the whole horizon, an amount (§9)' },
} as const satisfies Table;

export const DATA_UNMATCHED = {
    tier: {
        kind: 'count',
        byName: true,
        doc: 'Each value that matched no tier, trimmed, as first seen: its rows (§14)',
    },
    owner: { kind: 'count', byName: true, doc: 'Each owner value that named no agent of its role: its rows (§14)' },
} as const satisfies Table;

export const DATA = {
    file: { kind: 'label', doc: "The file, relative to the entry file's folder, with `/` separators (§13a)" },
    sha256: { kind: 'label', doc: "The sha256 of the file's bytes, in hexadecimal (§13a)" },
    rows: { kind: 'count', doc: 'Every non-empty data row read (§14)' },
    tiers: {
        kind: 'count',
        byName: true,
        doc: 'N: the rows of each tier that takes its accounts from the block (§14)',
    },
    unmatched: { table: DATA_UNMATCHED, doc: 'Values that matched nothing, with their rows (§14)' },
} as const satisfies Table;

export const ACTUALS_WINDOW = {
    from: { kind: 'month', nullable: true, doc: "The window's first month; null with no window and no entry (§15)" },
    to: { kind: 'month', nullable: true, doc: "The window's last month, included (§15)" },
    months: { kind: 'months', doc: 'M: the number of months in the window (§15)' },
} as const satisfies Table;

export const ACTUALS_SERVICE_TIER = {
    designedHours: { kind: 'hours', per: 'scaled', doc: "The service's demand in the tier (§6, §15)" },
    actualHours: {
        kind: 'hours',
        per: 'scaled',
        nullable: true,
        doc: "Hours logged on the service for the tier's accounts ÷ M (§15)",
    },
    variance: { kind: 'ratio', nullable: true, doc: 'Actual ÷ designed hours − 1; null with no designed hours (§15)' },
} as const satisfies Table;

export const ACTUALS_SERVICE = {
    designedHours: {
        kind: 'hours',
        per: 'scaled',
        doc: 'The demand of the service summed over the tiers that list it (§6, §15)',
    },
    actualHours: {
        kind: 'hours',
        per: 'scaled',
        nullable: true,
        doc: "Hours of the window's rows mapped to the service ÷ M; null when M = 0 (§15)",
    },
    variance: { kind: 'ratio', nullable: true, doc: 'Actual ÷ designed hours − 1; null with no designed hours (§15)' },
    occurrences: {
        kind: 'count',
        per: 'scaled',
        doc: "§6's sessions summed over the tiers: N·u·φ, ceil(N·u/S)·φ, a·u, ceil(a·u/S) (§15)",
    },
    actualEffort: {
        kind: 'hours',
        nullable: true,
        doc: 'Actual hours ÷ occurrences: hours per occurrence, comparable with `effort` (§15)',
    },
    tiers: { each: ACTUALS_SERVICE_TIER, doc: 'Per tier that lists the service; {} with seats (§15)' },
} as const satisfies Table;

export const ACTUALS_ROLE = {
    designedHours: { kind: 'hours', per: 'scaled', doc: 'Σt demand[t][r] (§6, §15)' },
    actualHours: {
        kind: 'hours',
        per: 'scaled',
        nullable: true,
        doc: "Hours of the rows of the role's agents ÷ M, unplanned work included (§15)",
    },
    unplannedHours: {
        kind: 'hours',
        per: 'scaled',
        nullable: true,
        doc: 'The part of the actual hours that names no service (§15)',
    },
    variance: { kind: 'ratio', nullable: true, doc: 'Actual ÷ designed hours − 1; null with no designed hours (§15)' },
} as const satisfies Table;

export const ACTUALS_AGENT = {
    actualHours: { kind: 'hours', per: 'scaled', nullable: true, doc: "The agent's rows' hours ÷ M (§15)" },
    actualLoad: {
        kind: 'ratio',
        nullable: true,
        doc: 'Actual hours ÷ (fte · count · E[r]), no ramp factor (§15)',
    },
} as const satisfies Table;

export const ACTUALS_UNMATCHED = {
    agent: { kind: 'count', byName: true, doc: 'Each agent value that named no agent: its rows, whole file (§15)' },
    account: { kind: 'count', doc: 'Rows whose account key is not in the data block, whole file (§15)' },
    tier: {
        kind: 'count',
        byName: true,
        nullable: true,
        optional: true,
        doc: 'With a tier column: each value that matched no tier, its rows (§15)',
    },
} as const satisfies Table;

export const ACTUALS = {
    file: { kind: 'label', doc: "The time log, relative to the entry file's folder, with `/` separators (§13a)" },
    sha256: { kind: 'label', doc: "The sha256 of the file's bytes, in hexadecimal (§13a)" },
    window: { table: ACTUALS_WINDOW, doc: 'The months that count (§15)' },
    entries: { kind: 'count', doc: 'Kept rows inside the window (§15)' },
    services: { each: ACTUALS_SERVICE, doc: 'Designed against logged hours per service (§15)' },
    roles: { each: ACTUALS_ROLE, doc: 'Designed against logged hours per role (§15)' },
    agents: { each: ACTUALS_AGENT, doc: 'Logged hours and load per agent with kept rows (§15)' },
    unmatched: { table: ACTUALS_UNMATCHED, doc: 'Values that matched nothing, with their rows (§15)' },
} as const satisfies Table;

/** The sections of figures an evaluation computes, as the report writes them (spec section 13). */
export const SECTIONS = {
    roles: { each: ROLE, doc: 'Per role (§3, §6)' },
    services: { each: SERVICE, doc: 'Per service (§4)' },
    tiers: { each: TIER, doc: 'Per tier (§5, §6, §8)' },
    agents: { each: AGENT, doc: 'Per agent (§7)' },
    totals: { table: TOTALS, doc: "The model's totals (§8)" },
} as const satisfies Table;

// ------------------------------------------------------------------------------------------------
// The values a table describes, as TypeScript types.

type Nullable<E> = E extends { nullable: true } ? null : never;
type Scalar<E> = E extends { kind: 'label'; values: readonly (infer V)[] }
    ? V
    : E extends { kind: 'label' | 'month' }
      ? string
      : number;

/** The value of one entry: a number, a text, a list per month or role, or a nested part. */
export type ValueOf<E> = E extends { table: infer T }
    ? Values<T> | Nullable<E>
    : E extends { each: infer T }
      ? Record<string, Values<T>>
      : E extends { list: infer T }
        ? Values<T>[]
        : E extends { series: true }
          ? (Scalar<E> | Nullable<E>)[]
          : E extends { byRole: true } | { byName: true }
            ? Record<string, Scalar<E> | Nullable<E>> | (E extends { optional: true } ? null : never)
            : Scalar<E> | Nullable<E>;

/** An object with a table's keys and values. */
export type Values<T> = { -readonly [K in keyof T]: ValueOf<T[K]> };

/** The keys of a table that hold figures (numbers), by role or not: what a scenario's delta differences. */
export type FigureKeys<T> = {
    [K in keyof T]: T[K] extends FigureEntry ? (T[K] extends { series: true } ? never : K) : never;
}[keyof T];

export function isFigure(entry: Entry): entry is FigureEntry {
    return 'kind' in entry && entry.kind !== 'label' && entry.kind !== 'month';
}
