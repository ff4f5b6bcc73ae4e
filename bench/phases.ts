/**
 * Where a build's time goes, phase by phase (parse, index, scopes, link, reference index,
 * validate), on one generated plan: the build steps Langium's DocumentBuilder runs, called one by
 * one. Prints the minimum and median of each over the runs, in CPU time of this process, which
 * other work on a shared machine disturbs less than wall time.
 *
 *   npm run bench:phases -- M 20
 */
import { DocumentState, URI } from 'langium';
import type { LangiumDocument } from 'langium';
import { createCapServices, lower } from '@cap/language';
import { evaluate } from '@cap/engine';
import { SIZES, generateModel } from './generate.ts';
import { collect, summarize } from './stats.ts';

const size = process.argv[2] ?? 'M';
const runs = Number(process.argv[3] ?? 15);
const text = generateModel(SIZES[size] ?? Number(size));
const { shared, Cap } = createCapServices();
void Cap.parser.LangiumParser;
const samples = new Map<string, number[]>();

function cpu<T>(phase: string, fn: () => T): T {
    const start = process.cpuUsage();
    const out = fn();
    const used = process.cpuUsage(start);
    samples.set(phase, [...(samples.get(phase) ?? []), (used.user + used.system) / 1000]);
    return out;
}

async function cpuAsync<T>(phase: string, fn: () => Promise<T>): Promise<T> {
    const start = process.cpuUsage();
    const out = await fn();
    const used = process.cpuUsage(start);
    samples.set(phase, [...(samples.get(phase) ?? []), (used.user + used.system) / 1000]);
    return out;
}

for (let i = 0; i < runs; i++) {
    collect();
    const uri = URI.file(`/phases/plan-${i}.cap`);
    cpu('lex', () => Cap.parser.Lexer.tokenize(text));
    const doc: LangiumDocument = cpu('parse', () => shared.workspace.LangiumDocumentFactory.fromString(text, uri));
    shared.workspace.LangiumDocuments.addDocument(doc);
    await cpuAsync('index', () => shared.workspace.IndexManager.updateContent(doc));
    doc.localSymbols = await cpuAsync('scopes', () => Cap.references.ScopeComputation.collectLocalSymbols(doc));
    doc.state = DocumentState.ComputedScopes;
    await cpuAsync('link', () => Cap.references.Linker.link(doc));
    doc.state = DocumentState.Linked;
    await cpuAsync('references', () => shared.workspace.IndexManager.updateReferences(doc));
    doc.state = DocumentState.IndexedReferences;
    const lowered = cpu('lower', () => lower([doc]));
    cpu('evaluate', () => evaluate(lowered.model));
    await cpuAsync('validate', () => Cap.validation.DocumentValidator.validateDocument(doc));
    shared.workspace.LangiumDocuments.deleteDocument(uri);
    shared.workspace.IndexManager.remove(uri);
}

const lex = summarize(samples.get('lex')!);
process.stdout.write(
    `${size}: ${text.split('\n').length} lines, CPU ms over ${runs} runs (min / median), and median ÷ lexing median\n`,
);
for (const [phase, list] of samples) {
    const t = summarize(list.slice(Math.min(2, list.length - 1)));
    process.stdout.write(
        `${phase.padEnd(11)} ${t.min.toFixed(2).padStart(9)} ${t.median.toFixed(2).padStart(9)} ${(t.median / lex.median).toFixed(2).padStart(7)}×\n`,
    );
}
