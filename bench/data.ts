import {
    closeSync,
    mkdtempSync,
    openSync,
    readFileSync,
    readSync,
    realpathSync,
    rmSync,
    statSync,
    writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { parse } from 'csv-parse/sync';
import { NodeFileSystem } from 'langium/node';
import { createCapServices, fileUri, loadModel, nodeDataReader, nodeFileReader, nodeRealPath } from '@cap/language';
import type { LoadedModel, ModelFs } from '@cap/language';
import { reportToJson, toReport } from '@cap/engine';
import { crmBlock, generateCrmExport, generateCrmModel, typedCrmBlock } from './generate-crm.ts';
import { EDIT_SCALE, generateModel } from './generate.ts';
import { measureKeystrokes } from './editor.ts';
import type { KeystrokeResult } from './editor.ts';
import type { Measured } from './stats.ts';
import { Samples, collect } from './stats.ts';

/** The CRM exports the data benchmark reads: 10,000 and 100,000 accounts (a quick run: 1,000 and 2,000). */
export const CRM_ROWS = [10_000, 100_000];
export const CRM_ROWS_QUICK = [1_000, 2_000];

export interface DataSizeResult {
    rows: number;
    fileBytes: number;
    /** csv-parse reading the file's bytes and every record, keeping none: the floor. */
    bareParse: Measured;
    /** What `cap build` does after Node starts: the plan and the export read, built, evaluated, the report written as JSON. */
    capBuild: Measured;
    /**
     * Memory a load takes for the data: the V8 heap committed at its end (the collector has not
     * run: the garbage it made counts) plus the ArrayBuffers (the file's bytes), less the same for
     * the plan with an export of no rows.
     */
    loadingBytes: number;
    /** The same after a full collection, the loaded model still held: what stays for the data. */
    heldBytes: number;
    errors: number;
}

/** The same ModelFs as `cap`'s: synchronous node:fs calls (packages/cli/src/model-run.ts). */
const syncFs: ModelFs = {
    stat: async path => statSync(path),
    open: async (path, flags) => {
        const fd = openSync(path, flags);
        return {
            read: async (buffer, offset, length, position) => ({
                bytesRead: readSync(fd, buffer, offset, length, position),
            }),
            close: async () => closeSync(fd),
        };
    },
    realpath: async path => realpathSync.native(path),
};

async function capBuild(plan: string): Promise<{ model: LoadedModel; json: string }> {
    const model = await loadModel(
        createCapServices(NodeFileSystem),
        fileUri(plan),
        nodeFileReader(syncFs),
        nodeRealPath(syncFs),
        nodeDataReader(syncFs),
    );
    return { model, json: reportToJson(toReport(model.evaluation, [])) };
}

function bareParse(csv: string): number {
    let records = 0;
    parse(readFileSync(csv), {
        bom: true,
        relax_column_count: true,
        on_record: () => {
            records++;
            return null;
        },
    });
    return records;
}

/** Memory now: the V8 heap's committed size and the ArrayBuffers outside it. */
function memory(held: boolean): number {
    const usage = process.memoryUsage();
    return (held ? usage.heapUsed : getHeapStatistics().total_heap_size) + usage.arrayBuffers;
}

/**
 * A full collection, twice with a turn of the event loop between: the memory of a Buffer that
 * died (the bare parse's file) is given back after its collection, not during it.
 */
async function settle(): Promise<void> {
    collect();
    await new Promise(resolve => setTimeout(resolve, 10));
    collect();
}

/** One load of a plan, its memory: while loading (garbage included) and held after a collection. */
async function loadMemory(plan: string): Promise<{ loading: number; held: number }> {
    await settle();
    const before = memory(false);
    const beforeHeld = memory(true);
    const { model } = await capBuild(plan);
    const loading = memory(false) - before;
    await settle();
    const held = memory(true) - beforeHeld;
    if (model.evaluation.data === undefined) throw new Error('the plan read no data');
    return { loading, held };
}

/**
 * `cap build` on a small plan whose three tiers read a generated export, against csv-parse's bare
 * parse of the same file, in turns (so that other work on a shared machine falls on both alike),
 * after warm-up; then the memory one load takes, less what the same plan takes with an export of
 * no rows (the plan's own documents and the services): the memory the data costs.
 */
export async function measureData(rows: number, warmup: number, iterations: number): Promise<DataSizeResult> {
    const dir = mkdtempSync(join(tmpdir(), 'cap-bench-crm-'));
    try {
        const csv = join(dir, 'accounts.csv');
        const plan = join(dir, 'plan.cap');
        const export_ = generateCrmExport(rows);
        writeFileSync(csv, export_);
        writeFileSync(plan, generateCrmModel(rows));
        writeFileSync(join(dir, 'empty.csv'), `${export_.slice(0, export_.indexOf('\n') + 1)}`);
        writeFileSync(join(dir, 'empty.cap'), generateCrmModel(rows, 'empty.csv'));
        const fileBytes = readFileSync(csv).length;
        const parsing = new Samples();
        const building = new Samples();
        let errors = 0;
        for (let i = 0; i < warmup + iterations; i++) {
            collect();
            let stop = parsing.start();
            if (bareParse(csv) !== rows + 1) throw new Error('the bare parse did not read every row');
            stop(i >= warmup);
            collect();
            stop = building.start();
            const { model } = await capBuild(plan);
            stop(i >= warmup);
            errors = model.diagnostics.filter(d => d.diagnostic.severity === 1).length;
        }
        const base = await loadMemory(join(dir, 'empty.cap'));
        const loaded = await loadMemory(plan);
        return {
            rows,
            fileBytes,
            bareParse: parsing.summary(),
            capBuild: building.summary(),
            loadingBytes: loaded.loading - base.loading,
            heldBytes: loaded.held - base.held,
            errors,
        };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

export interface DataResult {
    sizes: DataSizeResult[];
    /** Keystroke → inlay hints on a 2,000-line plan bound to the largest export, through the real server. */
    keystroke: KeystrokeResult & { rows: number };
    /** The same plan with its accounts and ARR typed in instead of read: what the data adds to a keystroke. */
    keystrokeWithoutData: KeystrokeResult;
}

/** The data benchmark: `cap build` on each export against the bare parse, and a keystroke on a plan bound to the largest. */
export async function runDataBench(
    rowsList: number[],
    quick: boolean,
    log: (line: string) => void = () => undefined,
): Promise<DataResult> {
    const sizes: DataSizeResult[] = [];
    for (const rows of rowsList) {
        log(`CRM export of ${rows.toLocaleString('en-US')} rows: cap build against csv-parse's bare parse ...`);
        sizes.push(await measureData(rows, quick ? 1 : 3, quick ? 2 : 10));
    }
    const rows = Math.max(...rowsList);
    log(
        `keystroke → inlay hints over stdio (2,000-line plan bound to the ${rows.toLocaleString('en-US')}-row export) ...`,
    );
    // The export's tiers and owners come after the generated plan's, so the edited tier (the first
    // one past the middle of the file) is one of the plan's own: the export is read once, not per keystroke.
    const plain = generateModel(EDIT_SCALE);
    const files = { 'accounts.csv': generateCrmExport(rows) };
    const [warmup, iterations] = quick ? [2, 3] : [30, 60];
    const keystroke = await measureKeystrokes(plain + crmBlock('R0', 'R1', rows), warmup, iterations, files);
    const keystrokeWithoutData = await measureKeystrokes(plain + typedCrmBlock('R0', 'R1', rows), warmup, iterations);
    return { sizes, keystroke: { ...keystroke, rows }, keystrokeWithoutData };
}
