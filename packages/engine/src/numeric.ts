/**
 * Arithmetic that never yields NaN or Infinity: an undefined figure is `null` (spec section 13),
 * and a null input makes every figure derived from it null.
 */

export function ratio(numerator: number | null, denominator: number | null): number | null {
    if (numerator === null || denominator === null || denominator === 0) return null;
    const r = numerator / denominator;
    return Number.isFinite(r) ? r : null;
}

/** A divisor that must be positive (E in C / E, D / E): null, undefined, when it is 0 or less. */
export function positive(x: number): number | null {
    return x > 0 ? x : null;
}

export function times(...factors: (number | null)[]): number | null {
    let p = 1;
    for (const f of factors) {
        if (f === null) return null;
        p *= f;
    }
    return Number.isFinite(p) ? p : null;
}

/** Σ term(item) over the items, in their order, leaving out undefined terms (null, NaN, ±Infinity). */
export function sum<T>(items: Iterable<T>, term: (item: T) => number | null): number {
    let s = 0;
    for (const item of items) {
        const v = term(item);
        if (v !== null && Number.isFinite(v)) s += v;
    }
    return s;
}

/**
 * Ceiling that forgives the last bits of binary floating point: 7% of 100 accounts is
 * 7.000000000000001 in IEEE doubles, and a CS Ops reader expects ceil(7 / 7) = 1 session, not 2.
 * Values within 1e-9 (relative) of an integer count as that integer.
 */
export function ceilTolerant(x: number): number {
    const nearest = Math.round(x);
    if (Math.abs(x - nearest) <= 1e-9 * Math.max(1, Math.abs(x))) return nearest;
    return Math.ceil(x);
}
