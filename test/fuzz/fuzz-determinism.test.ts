import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createCapServices, fileUri, loadModel, memoryFileReader, toReportDiagnostics } from '@cap/language';
import { reportToJson, toReport } from '@cap/engine';
import { corpus } from './corpus.js';
import { applyCase, fuzzCase } from './mutators.js';

/**
 * Deterministic reports on mutated models (half-typed ones included): two fresh service
 * containers give byte-identical reports, so no state lives outside them. The examples through
 * the CLI are in test/abuse/determinism.test.ts.
 */
describe('deterministic reports of mutated models', () => {
    it('mutated models: the same report from two fresh service containers (no state outside them)', async () => {
        const seeds = corpus();
        const report = async (files: Record<string, string>, entry: string) => {
            const model = await loadModel(createCapServices(), fileUri(entry), memoryFileReader(files));
            return reportToJson(toReport(model.evaluation, toReportDiagnostics(model.diagnostics, model.entry)));
        };
        await fc.assert(
            fc.asyncProperty(fuzzCase(seeds.length), async c => {
                const { seed, files } = applyCase(seeds, c);
                expect(await report(files, seed.entry)).toBe(await report(files, seed.entry));
            }),
            { numRuns: 60, seed: 20270103 },
        );
    });
});
