/** A figure the report defines: a finite number (the report writes `null` for an undefined one). */
export function isNum(x: unknown): x is number {
    return typeof x === 'number' && Number.isFinite(x);
}
