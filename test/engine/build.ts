/**
 * Small builders for normalised CapModel objects, so each test states only what it is about.
 * Every quantity is already in the engine's units (hours and money per month, fractions for
 * percentages, months for durations), exactly as the language layer hands them over.
 */
import type {
    AgentSpec,
    CapModel,
    Finding,
    FindingCode,
    Frequency,
    MonthIndex,
    OverheadItem,
    Results,
    RoleSpec,
    ServiceSpec,
    TierSpec,
} from '@cap/engine';

/** `every N u` / `N times / u` already turned into occurrences per month. */
export const perMonth = (occurrences: number): Frequency => ({ kind: 'recurring', perMonth: occurrences });
export const monthly: Frequency = perMonth(1);
export const once: Frequency = { kind: 'once' };

export const hoursItem = (name: string, hoursPerMonth: number): OverheadItem => ({
    name,
    kind: 'hours',
    hoursPerMonth,
});
export const shareItem = (name: string, share: number): OverheadItem => ({ name, kind: 'share', share });

/** A calendar month as the engine's MonthIndex (year * 12 + month − 1), written out here on purpose. */
export const ym = (year: number, month: number): MonthIndex => year * 12 + (month - 1);

/** Defaults: 160 h a month, no overhead, no cost, no ramp, no attrition, no time to fill. */
export function role(name: string, over: Partial<RoleSpec> = {}): RoleSpec {
    return {
        name,
        title: null,
        hoursPerMonth: 160,
        overhead: [],
        costPerMonth: 0,
        rampMonths: 0,
        attrition: null,
        hiringMonths: 0,
        ...over,
    };
}

/** Defaults: 1 h every month, no seats, 100% uptake, price included. */
export function service(name: string, roleName: string, over: Partial<ServiceSpec> = {}): ServiceSpec {
    return {
        name,
        title: null,
        role: roleName,
        effortHours: 1,
        frequency: monthly,
        seats: null,
        uptake: 1,
        price: null,
        ...over,
    };
}

/** Defaults: no accounts, no revenue, no churn, 100% margin, no expansion, no new accounts, no services. */
export function tier(name: string, over: Partial<TierSpec> = {}): TierSpec {
    return {
        name,
        title: null,
        touch: null,
        accounts: 0,
        revenuePerMonth: 0,
        retention: { kind: 'none' },
        margin: 1,
        expansion: null,
        newPerMonth: 0,
        intake: null,
        services: [],
        accountsFrom: null,
        revenueFrom: null,
        ...over,
    };
}

/** Defaults: serves any tier, 1 FTE, a single person, no dated start. */
export function agent(name: string, roleName: string, over: Partial<AgentSpec> = {}): AgentSpec {
    return { name, title: null, role: roleName, tiers: null, fte: 1, count: 1, start: null, ...over };
}

/** Defaults: named `test`, USD, reported by month, no start, no horizon, nothing declared. */
export function model(over: Partial<CapModel> = {}): CapModel {
    return {
        name: 'test',
        title: null,
        currency: 'USD',
        period: 'month',
        start: null,
        horizonMonths: null,
        roles: [],
        services: [],
        tiers: [],
        agents: [],
        data: [],
        actuals: [],
        ...over,
    };
}

export function findings(results: Results, code: FindingCode): Finding[] {
    return results.findings.filter(f => f.code === code);
}
