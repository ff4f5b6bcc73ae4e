import type { ACTUALS, AGENT, DATA, MODEL, ROLE, SERVICE, TIER, TOTALS, Values } from './figures.js';

/**
 * What the engine computes, per month and unrounded: the report's figures (figures.ts) before
 * report-sections.ts scales them to the reporting period, plus what editors show beside them (a
 * name, when an agent started). `null` marks an undefined figure (no staff, no churn, no accounts).
 */

export interface RoleResult extends Values<typeof ROLE> {
    name: string;
}

export interface ServiceResult extends Values<typeof SERVICE> {
    name: string;
    /** φ: occurrences per month; 0 for `once`. */
    occurrencesPerMonth: number;
}

export interface TierResult extends Values<typeof TIER> {
    name: string;
}

export interface AgentResult extends Values<typeof AGENT> {
    name: string;
    started: boolean;
    /** Months since the agent's start at the snapshot (k), or null with no dated start. */
    monthsIn: number | null;
}

export type Totals = Values<typeof TOTALS>;

/** A data block as the report describes it (§13a). */
export type DataResult = Values<typeof DATA>;

/** An actuals block as the report describes it (§13a), per month. */
export type ActualsResult = Values<typeof ACTUALS>;

export type ModelHeader = Values<typeof MODEL>;

export type FindingCode =
    | 'unserved-demand'
    | 'role-over-capacity'
    | 'agent-overloaded'
    | 'clv-undefined'
    | 'actuals-drift';

/** A warning the engine raises about a declaration; the language layer gives it a location. */
export interface Finding {
    code: FindingCode;
    severity: 'error' | 'warning' | 'info';
    message: string;
    subject: { kind: 'role' | 'service' | 'tier' | 'agent'; name: string };
    /** The property the finding is about, when not the declaration's name (drift: `effort`). */
    property?: string;
}

/** One snapshot (spec sections 3 to 8): name-keyed records of plain objects, in declaration order. */
export interface Results {
    model: ModelHeader;
    roles: Record<string, RoleResult>;
    services: Record<string, ServiceResult>;
    tiers: Record<string, TierResult>;
    agents: Record<string, AgentResult>;
    totals: Totals;
    /** By data block name (§14). */
    data: Record<string, DataResult>;
    /** By actuals block name (§15). */
    actuals: Record<string, ActualsResult>;
    findings: Finding[];
}
