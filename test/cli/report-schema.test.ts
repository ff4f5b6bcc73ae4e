import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { reportSchemaJson } from '@cap/engine';
import { capInProcess } from './cli-helpers.js';

/**
 * Every report `cap build` writes validates against the published JSON schema, and contains no
 * NaN or Infinity (JSON cannot carry them; JSON.stringify would write null and hide the bug). The
 * schema is made from the engine's tables of figures and lists exactly the keys a report has.
 */

const root = resolve(__dirname, '../..');
const schema = JSON.parse(readFileSync(join(root, 'packages/engine/schema/cap-report-1.schema.json'), 'utf-8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

describe('cap-report/1 schema', () => {
    it.each([
        'examples/seed/seed.cap',
        'examples/three-tier/three-tier.cap',
        'examples/multi-file/plan.cap',
        'examples/growth-500/growth.cap',
        'examples/scenarios/plan.cap',
        'test/fixtures/seed-checks.cap',
    ])('%s', async file => {
        const r = await capInProcess(['build', file, '--json']);
        expect(r.code).toBe(0);
        const report = JSON.parse(r.stdout);
        validate(report);
        expect(validate.errors ?? []).toEqual([]);
        expect(r.stdout).not.toMatch(/NaN|Infinity/);
        expect(Object.keys(report)).toEqual([
            'schema',
            'model',
            'roles',
            'services',
            'tiers',
            'agents',
            'totals',
            'forecast',
            'data',
            'actuals',
            'scenarios',
            'assertions',
            'diagnostics',
        ]);
    });

    it('checks the forecast, scenarios and assertions, not only their presence', async () => {
        const r = await capInProcess(['build', 'examples/growth-500/growth.cap', '--json']);
        const report = JSON.parse(r.stdout);
        expect(validate(report)).toBe(true);
        const broken = (change: (rep: any) => void) => {
            const copy = JSON.parse(r.stdout);
            change(copy);
            return validate(copy);
        };
        expect(
            broken(rep => {
                rep.forecast.months = [1];
            }),
        ).toBe(false);
        expect(
            broken(rep => {
                rep.forecast.roles.CSM.hireBy = 'March';
            }),
        ).toBe(false);
        expect(
            broken(rep => {
                rep.forecast.roles.CSM.gapFte = ['x'];
            }),
        ).toBe(false);
        expect(
            broken(rep => {
                rep.scenarios.S = { roles: {} };
            }),
        ).toBe(false);
        expect(
            broken(rep => {
                rep.assertions = [{ text: 'a', ok: 'yes', actual: null, expected: 1 }];
            }),
        ).toBe(false);
    });

    it("is the schema the engine's tables of figures make (npm run schema -w packages/engine writes it)", () => {
        expect(readFileSync(join(root, 'packages/engine/schema/cap-report-1.schema.json'), 'utf-8')).toBe(
            reportSchemaJson(),
        );
    });

    it('refuses a report with a figure the tables do not list, or without one they list', async () => {
        const r = await capInProcess(['build', 'examples/three-tier/three-tier.cap', '--json']);
        const extra = JSON.parse(r.stdout);
        extra.tiers.SMB.discount = 0.1;
        expect(validate(extra)).toBe(false);
        const missing = JSON.parse(r.stdout);
        delete missing.roles.CSM.hires;
        expect(validate(missing)).toBe(false);
    });

    it('gives a byte-identical report on every run, whatever ran before it in the same process', async () => {
        const run = async () => (await capInProcess(['build', 'examples/three-tier/three-tier.cap', '--json'])).stdout;
        const first = await run();
        await capInProcess(['build', 'examples/scenarios/plan.cap', '--json']);
        expect(await run()).toBe(first);
    });
});
