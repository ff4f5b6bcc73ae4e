/**
 * Timing helpers: every figure is a median with its min and max over n runs after warm-up.
 *
 * In-process figures are taken twice: the CPU time this process spent (its own threads, V8's
 * garbage-collection helpers included) and the wall time. On a 2-core machine shared with other
 * work, wall time also counts the time the process waited for a core, and more so the longer a
 * run is: that skews every ratio between a 0.5 ms lexing and a 20 ms build. The tables and budgets
 * use CPU time; the results file has both.
 */

export interface Timing {
    median: number;
    /** Total ÷ n: every run's share of the collections that settle on a few of them. */
    mean: number;
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
 * A full collection, when node runs with --expose-gc: for heap figures, and before each round of
 * builds so that no build pays for the last round's documents. Short runs (lexing, evaluation) do
 * not follow one directly: right after a full collection V8 shrinks the young generation, and a
 * millisecond-long run then pays for scavenges a running server does not (up to 3×).
 */
export function collect(): void {
    gc?.();
}

export function summarize(samples: number[]): Timing {
    const sorted = [...samples].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    const mean = sorted.reduce((sum, x) => sum + x, 0) / sorted.length;
    return { median, mean, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

/** A figure in CPU time (the tables) and wall time. */
export interface Measured {
    cpu: Timing;
    wall: Timing;
}

/** Runs of one measurement, in both clocks. */
export class Samples {
    readonly cpu: number[] = [];
    readonly wall: number[] = [];

    /**
     * Starts a run; the returned function ends it and records it (unless `record` is false). A
     * run of `batch` repetitions records the time of one: the mean of the batch.
     */
    start(): (record?: boolean, batch?: number) => number {
        const cpu = process.cpuUsage();
        const wall = performance.now();
        return (record = true, batch = 1) => {
            const used = process.cpuUsage(cpu);
            const ms = (used.user + used.system) / 1000 / batch;
            if (record) {
                this.cpu.push(ms);
                this.wall.push((performance.now() - wall) / batch);
            }
            return ms;
        };
    }

    get length(): number {
        return this.cpu.length;
    }

    summary(): Measured {
        return { cpu: summarize(this.cpu), wall: summarize(this.wall) };
    }
}

export async function time(fn: () => unknown, options: TimeOptions): Promise<Measured> {
    for (let i = 0; i < options.warmup; i++) {
        await options.before?.();
        await fn();
    }
    const samples = new Samples();
    let total = 0;
    for (let i = 0; i < options.iterations; i++) {
        await options.before?.();
        const stop = samples.start();
        await fn();
        total += stop();
        if (options.maxTotalMs !== undefined && samples.length >= 3 && total > options.maxTotalMs) break;
    }
    return samples.summary();
}

export function round(x: number, digits = 2): number {
    const k = 10 ** digits;
    return Math.round(x * k) / k;
}
