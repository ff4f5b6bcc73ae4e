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

export interface RoleSpec {
    name: string;
    title: string | null;
    hoursPerMonth: number;
    overhead: OverheadItem[];
    costPerMonth: number;
    rampMonths: number;
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
    revenuePerMonth: number;
    retention: Retention;
    margin: number;
    /** Expansion revenue rate per month as a fraction; reported, not part of CLV in v1. */
    expansionPerMonth: number | null;
    newPerMonth: number;
    services: string[];
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
}
