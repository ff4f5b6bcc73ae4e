import { describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { createCapServices, fileUri, loadModel, nodeFileReader } from '@cap/language';
import type { Results } from '@cap/engine';

/**
 * The shipped examples build cleanly and give the figures worked by hand in examples/README.md.
 * If an example changes, its README table and these numbers change with it.
 */

async function example(path: string): Promise<{ results: Results; problems: string[] }> {
    const m = await loadModel(createCapServices(), fileUri(resolve(__dirname, '..', path)), nodeFileReader(fs));
    const problems = m.diagnostics.filter(d => (d.diagnostic.severity ?? 1) <= 2).map(d => `${d.document.uri.path}: ${d.diagnostic.message}`);
    return { results: m.evaluation.results, problems };
}

describe('examples/seed/seed.cap: the seed method', () => {
    it('160 h − 40 h = 120 h effective, 5 h designed effort, 24 accounts per CSM, CLV $3,600', async () => {
        const { results: r, problems } = await example('examples/seed/seed.cap');
        expect(problems).toEqual([]);
        expect(r.roles.CSM.effectivePerFte).toBe(120);
        expect(r.roles.CSM.hourlyCost).toBe(60); // 7,200 ÷ 120
        expect(r.tiers.Customers.designedEffort.CSM).toBeCloseTo(5, 12); // 2 + 2 + 0.5 + 0.5
        expect(r.tiers.Customers.accountsPerFte.CSM).toBeCloseTo(24, 12); // 120 ÷ 5
        expect(r.tiers.Customers.clv).toBe(3600); // 150 × 1 × 24
        expect(r.tiers.Customers.costToServe).toBeCloseTo(300, 9); // 5 h × $60
        expect(r.roles.CSM.requiredFte).toBeCloseTo(20, 12); // 480 × 5 ÷ 120
        expect(r.roles.CSM.utilization).toBeCloseTo(0.8, 12); // 2,400 ÷ (25 × 120)
        expect(r.totals.teamCost).toBe(180_000); // 25 × 7,200
        expect(r.totals.crc).toBe(375); // 180,000 ÷ 480
    });
});

describe('examples/three-tier/three-tier.cap: high, low and tech touch', () => {
    it('roles, tiers and totals', async () => {
        const { results: r, problems } = await example('examples/three-tier/three-tier.cap');
        expect(problems).toEqual([]);
        expect(r.roles.Onboarding.effectivePerFte).toBeCloseTo(130, 10); // 520/3 − 25% = 130
        expect(r.roles.CSM.demandHours).toBeCloseTo(864, 9); // 324 + 540
        expect(r.roles.CSM.requiredFte).toBeCloseTo(7.2, 12);
        expect(r.roles.CSM.utilization).toBeCloseTo(0.9, 12); // 864 ÷ 960
        expect(r.roles.Onboarding.staffedFte).toBeCloseTo(1.5, 12); // priya 1 + leo ramping 0.5
        expect(r.roles.Scale.demandHours).toBeCloseTo(252, 9); // 4 + 40 + 200 + 8
        expect(r.tiers.Enterprise.accountsPerFte.CSM).toBeCloseTo(20, 10); // 120 ÷ 6
        expect(r.tiers.Enterprise.accountsPerFte.Onboarding).toBeNull(); // once-only work: D = 0
        expect(r.tiers.Enterprise.lifetimeMonths).toBeCloseTo(144.41720709, 6); // 1 ÷ (1 − 0.92^(1/12))
        expect(r.tiers.Enterprise.addonRevenue).toBeCloseTo(12_750, 9); // 6,750 + 6,000
        expect(r.tiers.SMB.accountsPerFte.Scale).toBeCloseTo(2000, 9); // 120 ÷ 0.06
        expect(r.tiers.SMB.clv).toBeCloseTo(6375, 9); // 150 × 0.85 × 50
        expect(r.agents.dmitri.rampFactor).toBe(0); // starts in April, after the January snapshot
        expect(r.agents.leo.load).toBeCloseTo(0.8, 12); // 52 ÷ 65
        expect(r.totals.revenue).toBeCloseTo(1_692_750, 6);
        expect(r.totals.teamCost).toBe(114_400);
        expect(r.totals.crc).toBeCloseTo(114_400 / 4_324, 12);
    });
});

describe('examples/multi-file/plan.cap: imports, euros, quarterly reporting', () => {
    it('links across three files and computes per month (the report scales to quarters)', async () => {
        const { results: r, problems } = await example('examples/multi-file/plan.cap');
        expect(problems).toEqual([]);
        expect(r.model).toMatchObject({ currency: 'EUR', period: 'quarter' });
        expect(r.roles.CSM.effectivePerFte).toBeCloseTo(130, 10); // 162.5 − 32.5
        expect(r.roles.CSM.hourlyCost).toBeCloseTo(60, 10); // 7,800 ÷ 130
        expect(r.tiers.Premium.accountsPerFte.CSM).toBeCloseTo(52, 10); // 130 ÷ 2.5
        expect(r.tiers.Standard.accountsPerFte.Support).toBeCloseTo(1000, 8); // 130 ÷ 0.13
        expect(r.tiers.Premium.clv).toBeCloseTo(108_000, 8); // 4,000 × 0.75 × 36
        expect(r.roles.CSM.requiredFte).toBeCloseTo(6, 10); // (220 + 560) ÷ 130
    });
});
