import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DigitToggle } from './edit.ts';
import { LspClient } from './lsp-client.ts';
import type { Range } from './lsp-client.ts';
import type { Timing } from './stats.ts';
import { summarize } from './stats.ts';

export interface KeystrokeResult {
    lines: number;
    /** didChange sent → inlay hints for the visible range received, showing the edit. */
    hints: Timing;
    /** Responses that still showed the figures from before the edit. */
    stale: number;
}

export interface StormResult {
    lines: number;
    edits: number;
    intervalMs: number;
    /** First keystroke of a burst → last (the median over the bursts). */
    burstMs: number;
    /** Builds that ran to the end (diagnostics published) while a burst's edits came in and after: the most of any burst. */
    buildsCompleted: number;
    /** Last didChange → hints showing the final text: the median over the bursts. */
    lastEditToHints: number;
    /** The same, every burst: one burst is one sample, and where the last keystroke falls in a build moves it. */
    lastEdit: Timing;
    bursts: number;
    /** One edit on the idle server → hints, on the same model: what a single build costs. */
    singleEdit: Timing;
    stale: number;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** An editor session on one generated model in a temporary folder. */
class Session {
    readonly client = new LspClient();
    readonly dir = mkdtempSync(join(tmpdir(), 'cap-bench-'));
    readonly uri: string;
    readonly toggle: DigitToggle;
    readonly visible: Range;
    readonly lines: number;
    version = 1;
    /** The hint labels in the visible range for each state of the edited digit. */
    readonly expected = new Map<string, string>();

    /** `files`: other files the plan reads (a CRM export), by name in the plan's folder. */
    constructor(text: string, files: Record<string, string> = {}) {
        const path = join(this.dir, 'plan.cap');
        writeFileSync(path, text);
        for (const [name, content] of Object.entries(files)) writeFileSync(join(this.dir, name), content);
        this.uri = pathToFileURL(path).toString();
        this.lines = text.split('\n').length;
        // Edit a tier in the middle of the file, with a screenful of text around it in view.
        const tierLine = text.split('\n').findIndex((l, i, all) => l.startsWith('tier ') && i >= all.length / 2);
        this.toggle = new DigitToggle(text, 'accounts', Math.max(0, tierLine));
        this.visible = {
            start: { line: Math.max(0, this.toggle.line - 30), character: 0 },
            end: { line: this.toggle.line + 30, character: 0 },
        };
    }

    async start(): Promise<void> {
        await this.client.initialize();
        await this.client.open(this.uri, this.toggle.text);
        // Both states of the digit, each after its build has finished: what every answer must show.
        for (let i = 0; i < 2; i++) {
            this.expected.set(this.toggle.current, (await this.client.hints(this.uri, this.visible)).join('\n'));
            const before = this.client.publications(this.uri);
            await this.edit();
            await this.client.publishedAfter(this.uri, before);
        }
        if (this.expected.size !== 2 || [...this.expected.values()][0] === [...this.expected.values()][1]) {
            throw new Error('the edit does not change the hints in view: the benchmark would not see stale answers');
        }
    }

    /** The next keystroke (a digit typed or deleted), as an editor sends it. */
    async edit(): Promise<void> {
        const edit = this.toggle.next();
        await this.client.change(this.uri, ++this.version, edit.range, edit.text);
    }

    async hintsAreCurrent(): Promise<boolean> {
        return (await this.client.hints(this.uri, this.visible)).join('\n') === this.expected.get(this.toggle.current);
    }

    async stop(): Promise<void> {
        await this.client.stop();
        rmSync(this.dir, { recursive: true, force: true });
    }
}

/**
 * Keystroke → inlay hints: didChange, then at once the inlay hints of the visible range, as VS
 * Code asks after every edit; timed until the answer arrives. Between keystrokes the build of the
 * last one finishes (a typist's pause), so each keystroke meets an idle server.
 */
export async function measureKeystrokes(
    text: string,
    warmup: number,
    iterations: number,
    files: Record<string, string> = {},
): Promise<KeystrokeResult> {
    const session = new Session(text, files);
    try {
        await session.start();
        const samples: number[] = [];
        let stale = 0;
        for (let i = 0; i < warmup + iterations; i++) {
            const before = session.client.publications(session.uri);
            const start = performance.now();
            await session.edit();
            const current = await session.hintsAreCurrent();
            const ms = performance.now() - start;
            if (!current) stale++;
            if (i >= warmup) samples.push(ms);
            await session.client.publishedAfter(session.uri, before);
            await sleep(20);
        }
        return { lines: session.lines, hints: summarize(samples), stale };
    } finally {
        await session.stop();
    }
}

/**
 * Bursts of keystrokes on a large model, faster than a build: the server must drop the builds
 * the next keystroke makes stale instead of running them one after another. Counts the builds
 * that finished and times the last keystroke → current hints, against single keystrokes on the
 * idle server. Each burst is one sample (its last keystroke may fall in a long step of a build
 * that has to notice it is stale), so there are several, each after a single keystroke: the two
 * figures then share whatever else the machine is doing.
 */
export async function measureStorm(
    text: string,
    edits: number,
    intervalMs: number,
    bursts: number,
): Promise<StormResult> {
    const session = new Session(text);
    try {
        await session.start();
        const single: number[] = [];
        const last: number[] = [];
        const spans: number[] = [];
        let buildsCompleted = 0;
        let stale = 0;
        const once = async () => {
            const before = session.client.publications(session.uri);
            const start = performance.now();
            await session.edit();
            await session.hintsAreCurrent();
            single.push(performance.now() - start);
            await session.client.publishedAfter(session.uri, before);
        };
        await once();
        for (let burst = 0; burst < bursts; burst++) {
            await once();
            const before = session.client.publications(session.uri);
            const first = performance.now();
            for (let i = 0; i < edits - 1; i++) {
                await session.edit();
                await sleep(intervalMs);
            }
            const start = performance.now();
            await session.edit();
            while (!(await session.hintsAreCurrent())) {
                stale++;
                await sleep(10);
            }
            last.push(performance.now() - start);
            spans.push(start - first);
            // The final build publishes diagnostics; give a queued build (there should be none) time to show.
            await session.client.publishedAfter(session.uri, before);
            await sleep(Math.max(500, 2 * summarize(single).median));
            buildsCompleted = Math.max(buildsCompleted, session.client.publications(session.uri) - before);
        }
        const lastEdit = summarize(last);
        return {
            lines: session.lines,
            edits,
            intervalMs,
            burstMs: summarize(spans).median,
            buildsCompleted,
            lastEditToHints: lastEdit.median,
            lastEdit,
            bursts,
            singleEdit: summarize(single),
            stale,
        };
    } finally {
        await session.stop();
    }
}
