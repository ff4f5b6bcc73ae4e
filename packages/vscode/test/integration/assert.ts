/**
 * The few assertions the suite uses, without Node's `assert` module, so that the same suite runs
 * in the desktop extension host and in the web worker one.
 */
export class AssertionError extends Error {}

export function ok(value: unknown, message?: string): asserts value {
    if (!value) throw new AssertionError(message ?? `expected a truthy value, got ${String(value)}`);
}

export function equal<T>(actual: T, expected: T, message?: string): void {
    if (!Object.is(actual, expected))
        throw new AssertionError(message ?? `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export function deepEqual<T>(actual: T, expected: T, message?: string): void {
    const a = JSON.stringify(actual);
    const e = JSON.stringify(expected);
    if (a !== e) throw new AssertionError(message ?? `expected ${e}, got ${a}`);
}

export function match(actual: string, pattern: RegExp, message?: string): void {
    if (!pattern.test(actual))
        throw new AssertionError(message ?? `expected ${JSON.stringify(actual.slice(0, 500))} to match ${pattern}`);
}
