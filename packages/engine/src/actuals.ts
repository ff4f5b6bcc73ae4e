import type { ActualsSpec, CapModel, LoggedHours, ServiceSpec } from './model.js';
import type { ActualsResult, Finding, Results } from './results.js';
import { serviceDemand, serviceOccurrences } from './demand.js';
import { ratio, times } from './numeric.js';
import { formatMonth } from './units.js';
import { formatNumber, formatPercent } from './format.js';

/**
 * Spec section 15: designed against actual effort. The language layer reads a time log and sums
 * the hours of its rows per service, (service, tier), role and agent inside the window
 * (ActualsSpec); here are the figures, per month: each sum ÷ M, the variance against §6's demand,
 * the occurrences §6 counts, the actual effort per occurrence, the actual load, and the drift
 * warnings. `model` has its data read (books.ts `withData`); `results` is its snapshot.
 */
export function actualsFigures(
    spec: ActualsSpec,
    model: CapModel,
    results: Results,
    findings: Finding[],
): ActualsResult {
    const M = spec.window === null ? 0 : spec.window.to - spec.window.from + 1;
    const perMonth = (hours: number): number | null => ratio(hours, M); // hours in the window ÷ M

    const services: ActualsResult['services'] = {};
    const named = new Set<string>();
    for (const tier of model.tiers) for (const s of tier.services) named.add(s);
    for (const s of Object.keys(spec.services)) named.add(s);
    const menu = new Map(model.services.map(s => [s.name, s]));
    for (const name of named) {
        const service = menu.get(name);
        if (service === undefined) continue;
        const logged = own(spec.services, name) ?? { hours: 0, entries: 0, tiers: {} };
        const figures = serviceActuals(service, model, logged, perMonth);
        services[name] = figures;
        const drift = driftFinding(spec, service, figures, logged);
        if (drift) findings.push(drift);
    }

    const roles: ActualsResult['roles'] = {};
    for (const role of model.roles) {
        const designed = results.roles[role.name]?.demandHours ?? 0; // Σt demand[t][r]
        const logged = own(spec.roles, role.name) ?? { hours: 0, unplannedHours: 0 };
        const actual = perMonth(logged.hours);
        roles[role.name] = {
            designedHours: designed,
            actualHours: actual,
            unplannedHours: perMonth(logged.unplannedHours),
            variance: variance(actual, designed),
        };
    }

    const agents: ActualsResult['agents'] = {};
    for (const agent of model.agents) {
        const logged = own(spec.agents, agent.name);
        if (logged === undefined || Object.hasOwn(agents, agent.name)) continue;
        const actual = perMonth(logged.hours);
        const E = results.roles[agent.role]?.effectivePerFte ?? null;
        // actualLoad = actualHours / (fte · count · E[r]): no ramp factor, the rows are work it did.
        agents[agent.name] = { actualHours: actual, actualLoad: ratio(actual, times(agent.fte, agent.count, E)) };
    }

    return {
        file: spec.file,
        sha256: spec.sha256,
        window: {
            from: spec.window === null ? null : formatMonth(spec.window.from),
            to: spec.window === null ? null : formatMonth(spec.window.to),
            months: M,
        },
        entries: spec.entries,
        services,
        roles,
        agents,
        unmatched: {
            agent: { ...spec.unmatched.agent },
            account: spec.unmatched.account,
            tier: spec.unmatched.tier === null ? null : { ...spec.unmatched.tier },
        },
    };
}

/** `actualHours / designedHours − 1`; null when nothing is designed or nothing could be logged. */
export function variance(actual: number | null, designed: number): number | null {
    const r = ratio(actual, designed);
    return r === null ? null : r - 1;
}

/**
 * One service's figures: designed hours and occurrences summed over the tiers that list it (§6),
 * the actual hours and effort per occurrence, and per tier (none for a seated service: a session
 * serves accounts of several tiers at once).
 */
function serviceActuals(
    service: ServiceSpec,
    model: CapModel,
    logged: LoggedHours & { tiers: Record<string, number> },
    perMonth: (hours: number) => number | null,
): ActualsResult['services'][string] {
    let designed = 0;
    let occurrences = 0;
    const tiers: ActualsResult['services'][string]['tiers'] = {};
    for (const tier of model.tiers) {
        if (!tier.services.includes(service.name)) continue;
        const demand = serviceDemand(service, tier.accounts, tier.newPerMonth);
        designed += demand;
        occurrences += serviceOccurrences(service, tier.accounts, tier.newPerMonth);
        if (service.seats !== null || Object.hasOwn(tiers, tier.name)) continue;
        const actual = perMonth(own(logged.tiers, tier.name) ?? 0);
        tiers[tier.name] = { designedHours: demand, actualHours: actual, variance: variance(actual, demand) };
    }
    const actual = perMonth(logged.hours);
    return {
        designedHours: designed,
        actualHours: actual,
        variance: variance(actual, designed),
        occurrences,
        actualEffort: ratio(actual, occurrences), // hours per occurrence
        tiers,
    };
}

/**
 * Drift (§15): `|variance| > tolerance`, strictly; a service with logged hours and no designed
 * hours warns too. On the service's `effort`, with both figures and the effort per occurrence.
 */
function driftFinding(
    spec: ActualsSpec,
    service: ServiceSpec,
    figures: ActualsResult['services'][string],
    logged: LoggedHours,
): Finding | undefined {
    const { actualHours, designedHours, variance: v, actualEffort } = figures;
    if (actualHours === null || spec.window === null) return undefined;
    const where = `in ${windowText(spec.window.from, spec.window.to)} from ${entriesText(logged.entries)}`;
    const subject = { kind: 'service' as const, name: service.name };
    if (designedHours === 0) {
        if (actualHours <= 0) return undefined;
        return {
            code: 'actuals-drift',
            severity: 'warning',
            subject,
            property: 'effort',
            message:
                `${service.name}: logged ${formatNumber(actualHours, 1)} h a month on a service no tier receives ` +
                `(${spec.name}, ${where})`,
        };
    }
    if (v === null || Math.abs(v) <= spec.tolerance) return undefined;
    const sign = v > 0 ? '+' : '';
    const effort =
        actualEffort === null
            ? ''
            : `: ${formatNumber(actualEffort, 1)} h per occurrence, not ${formatNumber(service.effortHours, 1)} h`;
    return {
        code: 'actuals-drift',
        severity: 'warning',
        subject,
        property: 'effort',
        message:
            `${service.name}: designed ${formatNumber(designedHours, 1)} h a month, logged ` +
            `${formatNumber(actualHours, 1)} h (${sign}${formatPercent(v)}) ${where}${effort}`,
    };
}

/** The tolerance when a block gives none (§15). */
export const DEFAULT_TOLERANCE = 0.2;

function windowText(from: number, to: number): string {
    return from === to ? formatMonth(from) : `${formatMonth(from)}..${formatMonth(to)}`;
}

function entriesText(n: number): string {
    return `${formatNumber(n, 0)} ${n === 1 ? 'entry' : 'entries'}`;
}

function own<T>(record: Record<string, T>, key: string): T | undefined {
    return Object.hasOwn(record, key) ? record[key] : undefined;
}
