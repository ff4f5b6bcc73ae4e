/** Timing helpers: every figure is a median with its min and max over n runs after warm-up. */

export interface Timing {
    median: number;
    min: number;
    max: number;
    n: number;
}

export interface TimeOptions {
    warmup: number;
    iterations: number;
    /** Stop early (after at least 3 runs) once the measured runs took this long in total. */
    maxTotalMs?: number;
    /** Untimed work before each run (a fresh document, a collection). */
    before?: () => unknown;
}

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * A full collection, when node runs with --expose-gc: only for heap figures. Timed runs do not
 * collect first: right after a full collection V8 shrinks the young generation, and a run then
 * pays for scavenges a running server does not (up to 3× for a millisecond-long evaluation).
 */
export function collect(): void {
    gc?.();
}

export function summarize(samples: number[]): Timing {
    const sorted = [...samples].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

export async function time(fn: () => unknown, options: TimeOptions): Promise<Timing> {
    for (let i = 0; i < options.warmup; i++) {
        await options.before?.();
        await fn();
    }
    const samples: number[] = [];
    let total = 0;
    for (let i = 0; i < options.iterations; i++) {
        await options.before?.();
        const start = performance.now();
        await fn();
        const ms = performance.now() - start;
        samples.push(ms);
        total += ms;
        if (options.maxTotalMs !== undefined && samples.length >= 3 && total > options.maxTotalMs) break;
    }
    return summarize(samples);
}

export function round(x: number, digits = 2): number {
    const k = 10 ** digits;
    return Math.round(x * k) / k;
}
