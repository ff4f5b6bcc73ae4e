import type { Period, Touch } from './model.js';

/**
 * What the engine computes, per month and unrounded. The report writer (report.ts) turns these
 * into the reporting period's figures; editors read them directly for hints and hovers.
 * `null` marks an undefined figure (no staff, no churn, zero accounts).
 */

export interface RoleResult {
    name: string;
    hoursPerFte: number;
    overheadPerFte: number;
    effectivePerFte: number;
    costPerFte: number;
    hourlyCost: number | null;
    rampMonths: number;
    demandHours: number;
    requiredFte: number | null;
    staffedFte: number;
    utilization: number | null;
    gapFte: number | null;
    hires: number | null;
}

export interface ServiceResult {
    name: string;
    role: string;
    kind: 'recurring' | 'once';
    effortHours: number;
    /** Occurrences per month; 0 for `once`. */
    occurrencesPerMonth: number;
    /** Designed hours per receiving account per month (recurring, without seats); 0 for `once`. */
    hoursPerAccount: number;
    seats: number | null;
    uptake: number;
}

export interface TierResult {
    name: string;
    touch: Touch | null;
    accounts: number;
    newAccounts: number;
    revenuePerAccount: number;
    revenue: number;
    churn: number | null;
    lifetimeMonths: number | null;
    margin: number;
    /** Expansion revenue rate per month (a fraction), when the tier declares one. */
    expansion: number | null;
    clv: number | null;
    clvNet: number | null;
    costToServe: number | null;
    addonRevenue: number;
    designedEffort: Record<string, number | null>;
    accountsPerFte: Record<string, number | null>;
    demandHours: Record<string, number>;
    requiredFte: Record<string, number | null>;
}

export interface AgentResult {
    name: string;
    role: string;
    fte: number;
    count: number;
    started: boolean;
    /** Months since the agent's start at the snapshot (k), or null with no dated start. */
    monthsIn: number | null;
    rampFactor: number;
    capacityHours: number;
    assignedHours: number;
    load: number | null;
}

export interface Totals {
    accounts: number;
    revenue: number;
    teamCost: number;
    crc: number | null;
    costToRevenue: number | null;
    requiredFte: number;
    staffedFte: number;
}

export type FindingCode = 'unserved-demand' | 'role-over-capacity' | 'agent-overloaded' | 'clv-undefined';

/** A warning the engine raises about a declaration; the language layer gives it a location. */
export interface Finding {
    code: FindingCode;
    severity: 'error' | 'warning' | 'info';
    message: string;
    subject: { kind: 'role' | 'service' | 'tier' | 'agent'; name: string };
}

/**
 * `roles`, `services`, `tiers` and `agents` are built the first time each is read (evaluate.ts says
 * why), then they are the same objects on every read. They read the model's specs at that moment:
 * a model is not changed once evaluated (the lowering and the forecast always build new ones).
 */
export interface Results {
    model: { name: string; title: string | null; currency: string; period: Period; start: string | null; horizonMonths: number | null };
    roles: Record<string, RoleResult>;
    services: Record<string, ServiceResult>;
    tiers: Record<string, TierResult>;
    agents: Record<string, AgentResult>;
    totals: Totals;
    findings: Finding[];
}
