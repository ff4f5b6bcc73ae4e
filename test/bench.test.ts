import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EDIT_SCALE, SIZES, countsFor, generateModel, generateWorkspace } from '../bench/generate.ts';
import { scalingOf } from '../bench/report.ts';
import type { SizeResult } from '../bench/inprocess.ts';
import { crmOwners, generateCrmExport, generateCrmModel } from '../bench/generate-crm.ts';
import { build, errors } from './helpers.js';

/**
 * The benchmark's models: valid plans of the sizes the issue names (one quick run of every
 * measurement is in test/long/bench-run.test.ts). No timing is asserted: figures depend on the
 * machine; `npm run bench` measures them.
 */
describe('the benchmark models', () => {
    it("are valid plans of about 750 and 2,000 lines with the issue's counts", async () => {
        const s = generateModel(SIZES.S);
        expect(countsFor(SIZES.S)).toEqual({ roles: 20, services: 50, tiers: 5, agents: 100 });
        expect(countsFor(SIZES.L)).toMatchObject({ agents: 10_000 });
        expect(s.split('\n').length).toBeGreaterThan(700);
        expect(s.split('\n').length).toBeLessThan(800);
        expect(generateModel(EDIT_SCALE).split('\n').length).toBeGreaterThan(1_900);
        expect(errors(await build(s))).toEqual([]);
        expect(generateModel(SIZES.S)).toBe(s);
    });

    it('include a workspace of plans that import shared roles and services, without errors', async () => {
        const ws = generateWorkspace(5);
        expect(ws.plans).toHaveLength(5);
        const files = Object.fromEntries(Object.entries(ws.files).map(([path, text]) => [`/ws/${path}`, text]));
        const model = await build(files, `/ws/${ws.plans[0]}`);
        expect(errors(model)).toEqual([]);
        expect(model.documents).toHaveLength(3);
    });
});

describe('the benchmark CRM exports', () => {
    it('are read whole by a plan bound to them: every row in a tier, every owner an agent', async () => {
        const csv = generateCrmExport(2_000);
        expect(csv.split('\r\n')).toHaveLength(2_002); // the header, 2,000 rows, the last line end
        const model = await build({ '/m/plan.cap': generateCrmModel(2_000), '/m/accounts.csv': csv }, '/m/plan.cap');
        expect(errors(model)).toEqual([]);
        const data = model.evaluation.results!.data!.crm;
        expect(data.rows).toBe(2_000);
        expect(data.unmatched).toEqual({ tier: {}, owner: {} });
        expect(crmOwners(100_000)).toBe(200);
        expect(generateCrmExport(2_000)).toBe(csv);
    });
});

describe('growth from M to L', () => {
    const size = (
        lines: number,
        lex: number,
        parse: number,
        build: number | [median: number, mean: number],
        evaluate: number,
        heapBytes: number,
    ) => {
        const t = (median: number, mean = median) => ({
            cpu: { median, mean, min: median, max: mean, n: 2 },
            wall: { median, mean, min: median, max: mean, n: 2 },
        });
        return {
            lines,
            lex: t(lex),
            parse: t(parse),
            build: typeof build === 'number' ? t(build) : t(...build),
            evaluate: t(evaluate),
            heapBytes,
        } as unknown as SizeResult;
    };

    it("divides each L median by the M median, the floor's included, and the heaps", () => {
        const g = scalingOf({
            M: size(7_000, 4, 8, 25, 0.1, 4_000_000),
            L: size(70_000, 100, 200, 250, 1.5, 41_000_000),
        })!;
        expect(g.text).toBe(10);
        expect(g.lex).toBe(25);
        expect(g.parse).toBe(25);
        expect(g.build).toBe(10);
        expect(g.evaluate).toBeCloseTo(15, 12);
        expect(g.heap).toBe(10.25);
    });

    it('is also read from the means, which charge each build its share of the collections', () => {
        // M: builds of median 25 ms, mean 30 (a collection fell in a few); L: median 250, mean 270.
        const sizes = {
            M: size(7_000, 4, 8, [25, 30], 0.1, 4_000_000),
            L: size(70_000, 100, 200, [250, 270], 1.5, 41_000_000),
        };
        expect(scalingOf(sizes)!.build).toBe(10); // 250 ÷ 25
        expect(scalingOf(sizes, 'mean')!.build).toBe(9); // 270 ÷ 30
    });

    it('is not there without both sizes', () => {
        expect(
            scalingOf({ S: size(700, 0.2, 0.5, 1.2, 0.01, 100_000), M: size(7_000, 4, 8, 25, 0.1, 4_000_000) }),
        ).toBeUndefined();
    });
});

describe('the runtime the benchmark measures', () => {
    it('is the one the language server and the CLI run in: the same V8 flag in each', () => {
        const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf-8');
        const flag = '--no-allocation-site-pretenuring';
        expect(read('packages/cli/bin/cap.js')).toContain(`setFlagsFromString('${flag}')`);
        expect(read('packages/vscode/src/server/node.ts')).toContain(`setFlagsFromString('${flag}')`);
        const scripts = JSON.parse(read('package.json')).scripts as Record<string, string>;
        for (const name of ['bench', 'bench:phases', 'bench:profile', 'bench:evaluate'])
            expect(scripts[name], name).toContain(`node ${flag} `);
    });
});
