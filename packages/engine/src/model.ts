/**
 * The normalised Cap model: what the engine computes from. Every quantity is already in one
 * unit (hours per month, money per month in the model's currency, fractions for percentages,
 * months for durations), so the engine never sees a unit and the language never computes a figure.
 */

export type TimeUnit = 'week' | 'month' | 'quarter' | 'year';
export type Period = 'month' | 'quarter' | 'year';
export type Touch = 'high' | 'low' | 'tech';

/** A calendar month as a single integer: year * 12 + (month - 1). */
export type MonthIndex = number;

export type Frequency =
    | { kind: 'once' }
    /** `perMonth` is occurrences per month (spec: phi). */
    | { kind: 'recurring'; perMonth: number };

export type OverheadItem =
    | { name: string; kind: 'hours'; hoursPerMonth: number }
    /** A share of the role's contracted hours, as a fraction (25% -> 0.25). */
    | { name: string; kind: 'share'; share: number };

/** A share per time unit as written: `15% / year` is `{ rate: 0.15, months: 12 }`. */
export interface RatePer {
    rate: number;
    months: number;
}

export interface RoleSpec {
    name: string;
    title: string | null;
    hoursPerMonth: number;
    overhead: OverheadItem[];
    costPerMonth: number;
    rampMonths: number;
    /** The share of people who leave (spec section 16); null: nobody leaves. */
    attrition: RatePer | null;
    /** Time to fill a requisition, in months (section 16). */
    hiringMonths: number;
}

export interface ServiceSpec {
    name: string;
    title: string | null;
    role: string;
    effortHours: number;
    frequency: Frequency;
    seats: number | null;
    /** Fraction of a tier's accounts that receive the service. */
    uptake: number;
    /** null: included in the price. */
    price: { amount: number; frequency: Frequency } | null;
}

export type Retention =
    /** `churn c / u`: a rate `c` (fraction) per `months` months. */
    { kind: 'churn'; rate: number; months: number } | { kind: 'lifetime'; months: number } | { kind: 'none' };

export interface TierSpec {
    name: string;
    title: string | null;
    touch: Touch | null;
    accounts: number;
    /** R; null when it is undefined (a tier whose revenue comes from a data block with no rows in it, §14). */
    revenuePerMonth: number | null;
    retention: Retention;
    margin: number;
    /** Expansion revenue rate as written (section 16); grows revenue per account in the forecast, not CLV. */
    expansion: RatePer | null;
    /** New accounts won a month (`new 2 / quarter`); 0 with a dated intake. */
    newPerMonth: number;
    /** `new { MONTH COUNT … }`: accounts won in given months instead of a rate (section 16); null without. */
    intake: Intake[] | null;
    services: string[];
    /** §14 `accounts from D`: the data block whose rows are this tier's accounts, or null. */
    accountsFrom: string | null;
    /** §14 `revenue from D`: the data block whose revenue cells give R, or null. */
    revenueFrom: string | null;
}

/** COUNT accounts won in the calendar month `month`. */
export interface Intake {
    month: MonthIndex;
    count: number;
}

export interface AgentSpec {
    name: string;
    title: string | null;
    role: string;
    /** null: serves any tier that no agent of its role lists explicitly. */
    tiers: string[] | null;
    fte: number;
    count: number;
    start: MonthIndex | null;
}

export interface CapModel {
    name: string;
    title: string | null;
    currency: string;
    period: Period;
    start: MonthIndex | null;
    horizonMonths: number | null;
    roles: RoleSpec[];
    services: ServiceSpec[];
    tiers: TierSpec[];
    agents: AgentSpec[];
    /** §14: the data blocks the model reads, already matched to its tiers and agents. */
    data: DataSpec[];
    /** §15: the time logs the model reads, already matched to its services, agents and tiers. */
    actuals: ActualsSpec[];
}

/** A number of rows of a data file and the sum of their revenue cells (amounts per the column's time unit). */
export interface DataCells {
    rows: number;
    revenue: number;
}

/**
 * A `data` block (spec section 14) as plain aggregates: the language layer reads the file and
 * matches each row's values to tiers and agents; the engine computes every figure from these.
 */
export interface DataSpec {
    name: string;
    /** The file, relative to the entry file's folder with `/` separators, and the sha256 of its bytes. */
    file: string;
    sha256: string;
    /** Every non-empty data row read. */
    rows: number;
    /** len(u) of the revenue column's time unit in months; null when the block reads no revenue. */
    revenueMonths: number | null;
    /** Each tier that takes its accounts from this block: its rows, and their revenue when it reads revenue. */
    tiers: Record<string, DataCells>;
    /** Per role with an owner column: per agent of that role, the rows (and revenue) it owns in each tier. */
    owners: Record<string, Record<string, Record<string, DataCells>>>;
    /** Values that matched no tier (an empty cell is `""`), and owner values that named no agent: their rows. */
    unmatched: { tier: Record<string, number>; owner: Record<string, number> };
}

/** Hours of a time log's rows inside the window (not yet ÷ M) and how many rows they are. */
export interface LoggedHours {
    hours: number;
    entries: number;
}

/**
 * An `actuals` block (spec section 15) as plain aggregates: the language layer reads the time log,
 * matches each row's agent, service and account to the model, and sums the hours of the rows kept
 * inside the window; the engine computes every figure (÷ M, variance, occurrences, drift) from these.
 */
export interface ActualsSpec {
    name: string;
    /** The file, relative to the entry file's folder with `/` separators, and the sha256 of its bytes. */
    file: string;
    sha256: string;
    /** Drift beyond this share is a warning (a fraction: 20% is 0.2). */
    tolerance: number;
    /** The window's first and last months, both included; null with no window and no kept row. */
    window: { from: MonthIndex; to: MonthIndex } | null;
    /** Kept rows inside the window. */
    entries: number;
    /**
     * Per service named by a kept row: its rows in the window, and their hours per tier for the rows
     * whose tier is known.
     */
    services: Record<string, LoggedHours & { tiers: Record<string, number> }>;
    /** Per role with kept rows: the hours of its agents' rows in the window, and the unplanned part. */
    roles: Record<string, { hours: number; unplannedHours: number }>;
    /** Per agent with kept rows (over the whole file): its rows in the window. */
    agents: Record<string, LoggedHours>;
    /** Over the whole file: unknown agent values, rows with an unknown account key, unmatched tier values. */
    unmatched: { agent: Record<string, number>; account: number; tier: Record<string, number> | null };
}
