/**
 * The evaluation alone, many times over, on generated plans: the engine's snapshot of the lowered
 * model (what the benchmark's `evaluate` column times), the lowering, and what a build evaluates
 * (`CapEvaluator`: the lowering and the whole plan, forecast, scenarios and assertions included).
 * Prints the minimum and median CPU ms of each after warm-up; it is also a workload for
 * `node --cpu-prof`.
 *
 *   npm run bench:evaluate -- S,M,L 3000     # sizes, and ms of runs per figure and size
 *   npm run bench:evaluate -- M 3000 24      # the same plans with a 24-month horizon
 */
import { URI } from 'langium';
import { createCapServices, evaluateModel, lower } from '@cap/language';
import { evaluate } from '@cap/engine';
import { SIZES, generateModel } from './generate.ts';
import { summarize } from './stats.ts';

const sizes = (process.argv[2] ?? 'S,M,L').split(',');
const budgetMs = Number(process.argv[3] ?? 3000);
const horizon = process.argv[4] === undefined ? undefined : Number(process.argv[4]);
const { shared, Cap } = createCapServices();

function cpu(fn: () => unknown): number {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
}

for (const size of sizes) {
    let text = generateModel(SIZES[size] ?? Number(size));
    if (horizon !== undefined) text = text.replace('start 2027-01', `start 2027-01\n  horizon ${horizon} months`);
    const doc = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(`/evaluate/${size}.cap`));
    shared.workspace.LangiumDocuments.addDocument(doc);
    await shared.workspace.DocumentBuilder.build([doc], { validation: false });
    const closure = Cap.workspace.ImportGraph.closure(doc);
    const model = lower(closure).model;
    const figures: [string, () => unknown][] = [
        ['evaluate', () => evaluate(model)],
        ['lower', () => lower(closure)],
        ['build', () => evaluateModel(doc, closure)],
    ];
    for (const [name, fn] of figures) {
        const samples: number[] = [];
        const start = performance.now();
        for (let i = 0; performance.now() - start < budgetMs || i < 10; i++) {
            const ms = cpu(fn);
            // The first runs are V8 compiling the code: a running server is past them.
            if (i >= 5) samples.push(ms);
        }
        const t = summarize(samples);
        process.stdout.write(
            `${size} ${name.padEnd(9)} min ${t.min.toFixed(3)}  median ${t.median.toFixed(3)}  (${t.n} runs)\n`,
        );
    }
    shared.workspace.LangiumDocuments.deleteDocument(doc.uri);
}
