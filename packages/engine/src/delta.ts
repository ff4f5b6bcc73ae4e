import type { Entry, FigureKeys, Table } from './figures.js';
import type { Results } from './results.js';
import { ROLE, TIER, TOTALS, isFigure } from './figures.js';

/**
 * A scenario's difference from the base model (spec section 10): every figure of roles, tiers and
 * totals (figures.ts) as scenario minus base. Null when either side is null, and for a declaration
 * only the scenario has (a new role or tier has no base figure to differ from).
 */

type Figure = number | null;

/** A table's figures, each replaced by its difference; a figure by role is a difference per role. */
export type Delta<T extends Table> = {
    -readonly [K in FigureKeys<T>]: T[K] extends { byRole: true } ? Record<string, Figure> : Figure;
};

export interface ResultsDelta {
    roles: Record<string, Delta<typeof ROLE>>;
    tiers: Record<string, Delta<typeof TIER>>;
    totals: Delta<typeof TOTALS>;
}

/** Scenario minus base, per month like the results themselves. */
export function delta(base: Results, scenario: Results): ResultsDelta {
    return {
        roles: sectionDelta(ROLE, base.roles, scenario.roles),
        tiers: sectionDelta(TIER, base.tiers, scenario.tiers),
        totals: figureDelta(TOTALS, base.totals, scenario.totals),
    };
}

/**
 * Per declaration name, over the names of both sides (the scenario's first). The report calls this
 * on its own sections (already in reporting-period units) so that a delta reads in their units.
 */
export function sectionDelta<T extends Table>(
    table: T,
    base: Record<string, object>,
    scenario: Record<string, object>,
): Record<string, Delta<T>> {
    const out: Record<string, Delta<T>> = {};
    for (const name of unionKeys(scenario, base)) out[name] = figureDelta(table, base[name], scenario[name]);
    return out;
}

/** The figures of one declaration (or the totals) differenced, in the table's order. */
export function figureDelta<T extends Table>(
    table: T,
    base: object | undefined,
    scenario: object | undefined,
): Delta<T> {
    const baseFigures = base as Record<string, unknown> | undefined;
    const scenarioFigures = scenario as Record<string, unknown> | undefined;
    const out: Record<string, Figure | Record<string, Figure>> = {};
    for (const [key, entry] of Object.entries(table) as [string, Entry][]) {
        if (!isFigure(entry) || entry.series) continue;
        const b = baseFigures?.[key];
        const s = scenarioFigures?.[key];
        if (!entry.byRole) {
            out[key] = difference(b, s);
            continue;
        }
        const bm = (b ?? {}) as Record<string, unknown>;
        const sm = (s ?? {}) as Record<string, unknown>;
        const byRole: Record<string, Figure> = {};
        for (const role of unionKeys(sm, bm)) byRole[role] = difference(bm[role], sm[role]);
        out[key] = byRole;
    }
    return out as Delta<T>;
}

function difference(base: unknown, scenario: unknown): Figure {
    if (typeof base !== 'number' || typeof scenario !== 'number') return null;
    const d = scenario - base;
    return Number.isFinite(d) ? d : null;
}

function unionKeys(first: object, second: object): string[] {
    const keys = new Set(Object.keys(first));
    for (const k of Object.keys(second)) keys.add(k);
    return [...keys];
}
