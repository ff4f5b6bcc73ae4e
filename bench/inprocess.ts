import type { LangiumDocument } from 'langium';
import { DocumentState, URI } from 'langium';
import { createCapServices, lower } from '@cap/language';
import type { CapServices } from '@cap/language';
import type { LangiumSharedCoreServices } from 'langium';
import { evaluate, reportToJson, toReport } from '@cap/engine';
import { DigitToggle } from './edit.ts';
import { MemoryFileSystem } from './memory-fs.ts';
import type { GeneratedWorkspace } from './generate.ts';
import type { Measured } from './stats.ts';
import { Samples, collect, time } from './stats.ts';

interface Services {
    shared: LangiumSharedCoreServices;
    Cap: CapServices;
    fs: MemoryFileSystem;
}

function services(): Services {
    const fs = new MemoryFileSystem();
    const created = createCapServices({ fileSystemProvider: () => fs });
    // The parser and lexer are built on first use; a running server or CLI pays that once, not per build.
    void created.Cap.parser.LangiumParser;
    void created.Cap.parser.Lexer;
    return { ...created, fs };
}

export interface SizeResult {
    lines: number;
    chars: number;
    lex: Measured;
    parse: Measured;
    build: Measured;
    lower: Measured;
    evaluate: Measured;
    report: Measured;
    edit: Measured;
    heapBytes: number;
    heapPerLine: number;
    errors: number;
    warnings: number;
}

export interface Effort {
    warmup: number;
    iterations: number;
    maxTotalMs: number;
}

let counter = 0;

async function buildFresh(s: Services, text: string): Promise<LangiumDocument> {
    const uri = URI.file(`/bench/model-${counter++}.cap`);
    s.fs.set(uri, text);
    const doc = s.shared.workspace.LangiumDocumentFactory.fromString(text, uri);
    s.shared.workspace.LangiumDocuments.addDocument(doc);
    await s.shared.workspace.DocumentBuilder.build([doc], { validation: true });
    return doc;
}

/**
 * Runs a short step at least `warmup` times and for at least `minMs` of CPU time, and says how
 * many runs make a batch of at least a millisecond of CPU time (1 when one run is longer), from
 * the median of the last half of the warm-up.
 *
 * The time matters more than the count: V8 optimises a function once it has run enough of its
 * code, so 150 evaluations of a 750-line plan (2 ms) left the engine half optimised, and the
 * first rounds timed it at two to three times its cost in a running server.
 */
function calibrate(step: () => unknown, warmup: number, minMs: number): number {
    const runs: number[] = [];
    let spent = 0;
    while (runs.length < warmup || spent < minMs) {
        const start = process.cpuUsage();
        step();
        const used = process.cpuUsage(start);
        const ms = (used.user + used.system) / 1000;
        runs.push(ms);
        spent += ms;
    }
    const settled = runs.slice(Math.floor(runs.length / 2)).sort((a, b) => a - b);
    const median = settled[Math.floor(settled.length / 2)];
    return median > 0 ? Math.max(1, Math.ceil(1 / median)) : 64;
}

async function drop(s: Services, doc: LangiumDocument | undefined): Promise<void> {
    if (!doc) return;
    s.fs.files.delete(doc.uri.toString());
    await s.shared.workspace.DocumentBuilder.update([], [doc.uri]);
}

export async function measureSize(text: string, effort: Effort): Promise<SizeResult> {
    const s = services();
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

    // Each measurement runs in blocks of its own (after a run or two that is not recorded), so
    // that it meets the heap it makes in steady state: V8 sizes the young generation to what a
    // workload allocates, and a lexing run right after a build (or a build right after a forced
    // collection) pays for the other's garbage or for a shrunk young generation. The blocks take
    // turns, so that load from other work on a shared machine falls on all of them alike: the
    // budgets divide one figure by another, and a slow minute that fell on one block alone would
    // move the ratio.
    const lexing = new Samples();
    const parsing = new Samples();
    const building = new Samples();
    const lowering = new Samples();
    const evaluating = new Samples();
    const reporting = new Samples();
    let doc: LangiumDocument | undefined;
    // What each pass's build produced, lowered as a build lowers it: the steps below run on a
    // model made right after its build, not one held across all of them.
    let closure: LangiumDocument[] = [];
    let lowered: ReturnType<typeof lower> | undefined;
    let results: ReturnType<typeof evaluate> | undefined;
    const blocks: [Samples, (record: boolean) => Promise<void> | void][] = [
        [
            lexing,
            record => {
                const stop = lexing.start();
                s.Cap.parser.Lexer.tokenize(text);
                stop(record);
            },
        ],
        [
            parsing,
            record => {
                const stop = parsing.start();
                s.Cap.parser.LangiumParser.parse(text);
                stop(record);
            },
        ],
        [
            building,
            async record => {
                await drop(s, doc);
                const stop = building.start();
                doc = await buildFresh(s, text);
                stop(record);
            },
        ],
    ];
    // Lowering, evaluation and report writing are short (12 µs for an evaluation at S), so each
    // gets more warm-up than a build (a language server runs them on every keystroke, and what
    // counts is their cost once V8 has optimised them) and is timed in batches of at least a
    // millisecond: reading the CPU clock twice costs 1 to 2 µs, which one 12 µs run would count.
    const steps: [Samples, () => unknown][] = [
        [lowering, () => lower(closure)],
        [evaluating, () => evaluate(lowered!.model)],
        [reporting, () => reportToJson(toReport(results!, []))],
    ];
    const passes = Math.max(1, Math.min(4, effort.iterations));
    const perPass = Math.max(1, Math.ceil(effort.iterations / passes));
    const stepWarmup = Math.max(10, effort.warmup);
    const stepsPerPass = Math.ceil((effort.iterations * 3) / passes);
    for (let pass = 0; pass < passes; pass++) {
        for (const [, run] of blocks) {
            for (let i = 0; i < Math.max(1, Math.ceil(effort.warmup / passes)); i++) await run(false);
            for (let i = 0; i < perPass; i++) await run(true);
        }
        closure = s.Cap.workspace.ImportGraph.closure(doc!);
        lowered = lower(closure);
        results = evaluate(lowered.model);
        // The CPU clock counts V8's helper threads, which go on marking and sweeping a build's
        // garbage after it returns: settle that here rather than charge it to the first
        // evaluations. The warm-up that follows regrows the young generation the collection shrank.
        collect();
        for (const [samples, step] of steps) {
            const batch = calibrate(
                step,
                pass === 0 ? stepWarmup : Math.ceil(stepWarmup / passes),
                pass === 0 ? 100 : 25,
            );
            for (let round = 0; round < stepsPerPass; round++) {
                const stop = samples.start();
                for (let k = 0; k < batch; k++) step();
                stop(true, batch);
            }
        }
    }
    const model = doc!;
    const diagnostics = model.diagnostics ?? [];

    // Keystrokes in a tier halfway down (a digit typed, then deleted), through
    // DocumentBuilder.update as an editor's didChange triggers them: reparse, relink, revalidate,
    // re-evaluate.
    const toggle = new DigitToggle(text, 'accounts', Math.floor(lines / 2));
    const edit = await time(async () => {
        toggle.next();
        s.fs.set(model.uri, toggle.text);
        await s.shared.workspace.DocumentBuilder.update([model.uri], []);
    }, effort);
    await drop(s, model);

    // Heap held by a built document: everything a server keeps for it (CST, AST, index, caches).
    const heap = services();
    collect();
    const before = process.memoryUsage().heapUsed;
    const held = await buildFresh(heap, text);
    heap.Cap.evaluation.CapEvaluator.evaluate(held);
    collect();
    const heapBytes = process.memoryUsage().heapUsed - before;
    if (held.state !== DocumentState.Validated) throw new Error('the heap document was not built');

    return {
        lines,
        chars: text.length,
        lex: lexing.summary(),
        parse: parsing.summary(),
        build: building.summary(),
        lower: lowering.summary(),
        evaluate: evaluating.summary(),
        report: reporting.summary(),
        edit,
        heapBytes,
        heapPerLine: heapBytes / lines,
        errors: diagnostics.filter(d => d.severity === 1).length,
        warnings: diagnostics.filter(d => d.severity === 2).length,
    };
}

export interface RebuildCount {
    parsed: number;
    linked: number;
    validated: number;
    time: Measured;
}

export interface WorkspaceResult {
    files: number;
    lines: number;
    build: Measured;
    editPlan: RebuildCount;
    editServices: RebuildCount;
    editRoles: RebuildCount;
    errors: number;
}

/** The 50-file workspace: a full build, then edits to one plan and to each shared file. */
export async function measureWorkspace(ws: GeneratedWorkspace, effort: Effort): Promise<WorkspaceResult> {
    const uriOf = (path: string) => URI.file(`/ws/${path}`);
    const load = async (): Promise<{ s: Services; docs: LangiumDocument[] }> => {
        const s = services();
        const docs: LangiumDocument[] = [];
        for (const [path, text] of Object.entries(ws.files)) {
            s.fs.set(uriOf(path), text);
        }
        for (const [path, text] of Object.entries(ws.files)) {
            const doc = s.shared.workspace.LangiumDocumentFactory.fromString(text, uriOf(path));
            s.shared.workspace.LangiumDocuments.addDocument(doc);
            docs.push(doc);
        }
        await s.shared.workspace.DocumentBuilder.build(docs, { validation: true });
        return { s, docs };
    };
    const build = await time(load, { ...effort, iterations: Math.max(3, Math.ceil(effort.iterations / 2)) });
    const { s, docs } = await load();
    const errors = docs.flatMap(d => d.diagnostics ?? []).filter(d => d.severity === 1).length;

    const counts = { parsed: 0, linked: 0, validated: 0 };
    const builder = s.shared.workspace.DocumentBuilder;
    builder.onDocumentPhase(DocumentState.Parsed, () => {
        counts.parsed++;
    });
    builder.onDocumentPhase(DocumentState.Linked, () => {
        counts.linked++;
    });
    builder.onDocumentPhase(DocumentState.Validated, () => {
        counts.validated++;
    });

    const editOf = async (path: string, keyword: string): Promise<RebuildCount> => {
        const toggle = new DigitToggle(ws.files[path], keyword);
        const uri = uriOf(path);
        let last = { parsed: 0, linked: 0, validated: 0 };
        const timing = await time(async () => {
            toggle.next();
            s.fs.set(uri, toggle.text);
            counts.parsed = counts.linked = counts.validated = 0;
            await builder.update([uri], []);
            last = { ...counts };
        }, effort);
        // Back to the text the other benchmarks expect.
        if (toggle.text !== ws.files[path]) {
            s.fs.set(uri, ws.files[path]);
            await builder.update([uri], []);
        }
        return { ...last, time: timing };
    };

    return {
        files: Object.keys(ws.files).length,
        lines: Object.values(ws.files).reduce((n, t) => n + t.split('\n').length, 0),
        build,
        editPlan: await editOf(ws.plans[Math.floor(ws.plans.length / 2)], 'accounts'),
        editServices: await editOf(ws.shared.services, 'seats'),
        editRoles: await editOf(ws.shared.roles, 'ramp'),
        errors,
    };
}
