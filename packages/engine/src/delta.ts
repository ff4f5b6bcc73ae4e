import type { Results, RoleResult, TierResult, Totals } from './results.js';

/**
 * A scenario's difference from the base model (spec section 10): every numeric figure of roles,
 * tiers and totals as scenario minus base. Null when either side is null, and for a declaration
 * only the scenario has (a new role or tier has no base figure to differ from).
 */

type Figure = number | null;
type FigureMap = Record<string, Figure>;

/** The keys of T that hold a figure or a role-keyed map of figures (names and labels are left out). */
type FigureKeys<T> = { [K in keyof T]-?: T[K] extends Figure ? K : T[K] extends FigureMap ? K : never }[keyof T];

/** The same keys as the results object, each figure replaced by its difference. */
export type FigureDelta<T> = { [K in FigureKeys<T>]: T[K] extends Figure ? Figure : FigureMap };

export type RoleDelta = FigureDelta<RoleResult>;
export type TierDelta = FigureDelta<TierResult>;
export type TotalsDelta = FigureDelta<Totals>;

export interface ResultsDelta {
    roles: Record<string, RoleDelta>;
    tiers: Record<string, TierDelta>;
    totals: TotalsDelta;
}

/** Scenario minus base, per month like the results themselves. */
export function delta(base: Results, scenario: Results): ResultsDelta {
    return {
        roles: sectionDelta(base.roles, scenario.roles) as Record<string, RoleDelta>,
        tiers: sectionDelta(base.tiers, scenario.tiers) as Record<string, TierDelta>,
        totals: figureDelta(base.totals, scenario.totals) as TotalsDelta,
    };
}

/**
 * Per declaration name, over the names of both sides. The report calls this on its own sections
 * (already in reporting-period units) so that a delta reads in the same units as its figures.
 */
export function sectionDelta(base: Record<string, object>, scenario: Record<string, object>): Record<string, Record<string, unknown>> {
    const out: Record<string, Record<string, unknown>> = {};
    for (const name of unionKeys(scenario, base)) out[name] = figureDelta(base[name], scenario[name]);
    return out;
}

/**
 * The figures of one object, differenced: numbers and nulls give a number or null, role-keyed
 * maps give a map over the roles of both sides, anything else (names, labels) is left out. The
 * keys follow the scenario's order, so a delta lists its keys like the section it belongs to.
 */
export function figureDelta(base: object | undefined, scenario: object | undefined): Record<string, unknown> {
    const b = (base ?? {}) as Record<string, unknown>;
    const s = (scenario ?? {}) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of unionKeys(s, b)) {
        if (LABELS.has(key)) continue;
        const sv = s[key];
        const bv = b[key];
        const sample = sv !== undefined ? sv : bv;
        if (sample === null || typeof sample === 'number') {
            out[key] = difference(bv, sv);
        } else if (typeof sample === 'object' && !Array.isArray(sample) && isFigureMap(sample)) {
            const bm = (isObject(bv) ? bv : {}) as Record<string, unknown>;
            const sm = (isObject(sv) ? sv : {}) as Record<string, unknown>;
            const map: FigureMap = {};
            for (const role of unionKeys(sm, bm)) map[role] = difference(bm[role], sm[role]);
            out[key] = map;
        }
    }
    return out;
}

/** Keys that name or label rather than measure; `touch` may be null, so type alone cannot tell. */
const LABELS = new Set(['name', 'title', 'touch', 'role', 'kind']);

function difference(base: unknown, scenario: unknown): Figure {
    if (typeof base !== 'number' || typeof scenario !== 'number') return null;
    const d = scenario - base;
    return Number.isFinite(d) ? d : null;
}

function isObject(v: unknown): v is object {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isFigureMap(v: object): boolean {
    return Object.values(v).every(x => x === null || typeof x === 'number');
}

function unionKeys(first: object, second: object): string[] {
    const keys = new Set(Object.keys(first));
    for (const k of Object.keys(second)) keys.add(k);
    return [...keys];
}
