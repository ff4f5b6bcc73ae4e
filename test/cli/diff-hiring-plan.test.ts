import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { capInProcess, root, scratchDir, writeIn } from './cli-helpers.js';

/**
 * `cap diff` on a change of attrition or of the dated intake (spec §16): a reviewer sees what it
 * does to the hiring plan: its hires, the months they are needed, must start and be opened, the
 * leavers and the hiring budget. The figures are the growth example's (examples/README.md §4).
 */

type Json = any;

let dir: string;
const growth = readFileSync(join(root, 'examples/growth-500/growth.cap'), 'utf-8');
beforeAll(() => {
    dir = scratchDir('cap-diff-hiring-');
    writeIn(dir, 'old.cap', growth);
});

const rows = async (file: string) => {
    const r = await capInProcess(['diff', 'old.cap', file, '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const byPath: Record<string, Json> = {};
    for (const row of JSON.parse(r.stdout).outputs) byPath[row.path] = row;
    return byPath;
};

describe('cap diff: the hiring plan', () => {
    it('no attrition: one hire fewer, needed a month later, and no leavers', async () => {
        writeIn(dir, 'stay.cap', growth.replace('attrition 15% / year', 'attrition 0% / year'));
        const r = await rows('stay.cap');
        // Without leavers the April gap is 27.008 − 24.5 = 2.508: 3 hires; March needs nobody.
        expect(r['forecast.roles.CSM.hires']).toMatchObject({ status: 'changed', old: 4, new: 3, delta: -1 });
        expect(r['forecast.roles.CSM.firstGapMonth']).toMatchObject({ old: '2027-03', new: '2027-04' });
        expect(r['forecast.roles.CSM.hireBy']).toMatchObject({ old: '2027-01', new: '2027-02' });
        expect(r['forecast.roles.CSM.openBy']).toMatchObject({ old: '2026-11', new: '2026-12' });
        expect(r['forecast.roles.CSM.leaversFte.final'].old).toBeCloseTo(1.6041219, 6);
        expect(r['forecast.roles.CSM.leaversFte.final'].new).toBe(0);
        // 3 hires from 2027-02 (none from January): 0 + 5 × 24,000
        expect(r['forecast.budgetIncreaseTotal']).toMatchObject({ old: 168_000, new: 120_000, delta: -48_000 });
    });

    it('a bigger March close: the hires and the budget grow; the text says what changed', async () => {
        writeIn(dir, 'more.cap', growth.replace('2027-03 200', '2027-03 260'));
        const r = await capInProcess(['diff', 'old.cap', 'more.cap'], dir);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain(
            'tier Customers: new { 2027-01 150 2027-02 150 2027-03 200 } → { 2027-01 150 2027-02 150 2027-03 260 }',
        );
        // N(3) = 1,449.48 × 0.98 + 260 = 1,680.49: required 28.008 − 23.525 staffed = 4.48 → 5 hires
        expect(r.stdout).toMatch(/CSM hires\s*│\s*4\s*│\s*5\s*│\s*▲ \+1/);
        // 260 kickoffs × 6 h ÷ 125 h = 12.48 FTE in March for 10 specialists: 3 hires
        expect(r.stdout).toMatch(/Onboarding hires\s*│\s*0\s*│\s*3\s*│\s*▲ \+3/);
        expect(r.stdout).toMatch(/Onboarding first req opens by\s*│\s*—\s*│\s*2027-02\s*│/);
    });
});
