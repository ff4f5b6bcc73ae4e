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
    const problems = m.diagnostics
        .filter(d => (d.diagnostic.severity ?? 1) <= 2)
        .map(d => `${d.uri.path}: ${d.diagnostic.message}`);
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

describe('examples/growth-500/growth.cap: 500 new customers this quarter, and a hiring plan that survives recruiting', () => {
    const load = () =>
        loadModel(
            createCapServices(),
            fileUri(resolve(__dirname, '../examples/growth-500/growth.cap')),
            nodeFileReader(fs),
        );

    it('projects the book month by month: N(m+1) = N(m) × 0.98 + a(m), the intake 150, 150, 200', async () => {
        const m = await load();
        expect(m.diagnostics.filter(d => (d.diagnostic.severity ?? 1) <= 2)).toEqual([]);
        const f = m.evaluation.forecast!;
        expect(f.months).toEqual(['2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06']);
        expect(f.tiers.Customers.newAccounts).toEqual([150, 150, 200, 0, 0, 0]);
        // 1,200; 1,176 + 150; 1,299.48 + 150; 1,420.4904 + 200; then × 0.98 twice
        [1200, 1326, 1449.48, 1620.4904, 1588.080592, 1556.31898016].forEach((n, i) =>
            expect(f.accounts[i]).toBeCloseTo(n, 6),
        );
        // CSM: 2 h per customer ÷ 120 h = N / 60
        [20, 22.1, 24.158, 27.008173, 26.46801, 25.93865].forEach((x, i) =>
            expect(f.roles.CSM.requiredFte[i]).toBeCloseTo(x, 5),
        );
        // revenue N × $800 × 1.12^(m/12): 1,326 × 800 × 1.0094888 in 2027-02
        expect(f.revenue[1]).toBeCloseTo(1326 * 800 * 1.12 ** (1 / 12), 6);
        expect(f.revenue[3]).toBeCloseTo(1_333_647.1929949, 5);
        // Onboarding: a(m) × 6 h ÷ 125 h; 10 on the team
        expect(f.roles.Onboarding.requiredFte).toEqual([7.2, 7.2, 9.6, 0, 0, 0]);
        expect(f.roles.Onboarding.hires).toBe(0);
    });

    it('staffed FTE falls 15% a year; the gap and the hires follow, one of them a backfill', async () => {
        const f = (await load()).evaluation.forecast!;
        const survive = [0, 1, 2, 3, 4, 5].map(m => 0.85 ** (m / 12)); // (1 − am)^m, am = 1 − 0.85^(1/12)
        survive.forEach((x, i) => expect(f.roles.CSM.staffedFte[i]).toBeCloseTo(24.5 * x, 9));
        survive.forEach((x, i) => expect(f.roles.CSM.leaversFte[i]).toBeCloseTo(24.5 * (1 - x), 9));
        expect(f.roles.CSM.leaversFte[5]).toBeCloseTo(1.6041219, 6); // 24.5 × (1 − 0.85^(5/12))
        // team cost 24.5 × 8,000 × 0.85^(m/12) + 10 × 6,000
        survive.forEach((x, i) => expect(f.teamCost[i]).toBeCloseTo(196_000 * x + 60_000, 6));
        expect(f.roles.CSM.hiresNeeded).toEqual([0, 0, 1, 4, 4, 4]); // ceil of 0.313, 3.484, 3.260, 3.043
    });

    it("pins the hiring plan: each hire's open-by, start-by and needed-from month, and the budget", async () => {
        const f = (await load()).evaluation.forecast!;
        const csm = f.roles.CSM;
        expect(csm.hiringPlan).toEqual([
            { neededFrom: '2027-03', startBy: '2027-01', openBy: '2026-11' }, // − 2 months ramp, − 2 months to fill
            { neededFrom: '2027-04', startBy: '2027-02', openBy: '2026-12' },
            { neededFrom: '2027-04', startBy: '2027-02', openBy: '2026-12' },
            { neededFrom: '2027-04', startBy: '2027-02', openBy: '2026-12' },
        ]);
        expect([csm.firstGapMonth, csm.hireBy, csm.openBy]).toEqual(['2027-03', '2027-01', '2026-11']);
        // hire 1 paid from 2027-01, hires 2–4 from 2027-02: 8,000 + 5 × 32,000
        expect(f.budgetIncrease).toEqual([8000, 32_000, 32_000, 32_000, 32_000, 32_000]);
        expect(f.budgetIncreaseTotal).toBe(168_000);
    });
});

describe('examples/scenarios/plan.cap: two scenarios and guardrails', () => {
    it('base, Growth and Lean, with their deltas, and every assertion holds', async () => {
        const m = await loadModel(
            createCapServices(),
            fileUri(resolve(__dirname, '../examples/scenarios/plan.cap')),
            nodeFileReader(fs),
        );
        expect(m.diagnostics.filter(d => (d.diagnostic.severity ?? 1) <= 2)).toEqual([]);
        const { results: base, scenarios, assertions } = m.evaluation;
        expect(base.roles.CSM.utilization).toBeCloseTo(600 / 720, 12); // 150 × 4 h ÷ (6 × 120 h)
        expect(base.totals.teamCost).toBe(60_000); // 6 × 9,000 + 6,000, per month
        expect(base.tiers.SMB.accountsPerFte.Scale).toBeCloseTo(6000, 9); // 120 ÷ (40 h ÷ 2,000)
        const growth = scenarios.get('Growth')!;
        expect(growth.results.roles.CSM.utilization).toBeCloseTo(720 / 840, 12); // 180 × 4 h ÷ (7 × 120 h)
        expect(growth.delta.totals.teamCost).toBe(9000);
        expect(growth.results.totals.crc).toBeCloseTo(69_000 / 2180, 12);
        const lean = scenarios.get('Lean')!;
        expect(lean.results.roles.CSM.demandHours).toBe(450); // 150 × (2 + 1) h
        expect(lean.results.roles.CSM.utilization).toBe(0.75); // 450 ÷ (5 × 120)
        expect(lean.delta.roles.CSM.requiredFte).toBe(-1.25); // 3.75 − 5
        expect(assertions.map(a => a.text)).toEqual([
            'CSM.utilization <= 85%',
            'Enterprise.clv >= $100k',
            'totals.costToRevenue <= 12%',
            'SMB.accountsPerFte.Scale >= 5,000',
            'Growth.CSM.utilization <= 90%',
            'Growth.totals.crc < $100',
            'Lean.CSM.utilization >= 70%',
            'Lean.totals.teamCost <= $160k',
        ]);
        expect(assertions.every(a => a.ok)).toBe(true);
        const actual = assertions.map(a => a.actual!);
        const expected = [
            600 / 720, // 83.3%
            5000 * 0.8 * 144.41720709, // $577,668.83: $60k ÷ 12 × 80% × 1 ÷ (1 − 0.92^(1/12))
            60_000 / 1_150_000, // 5.22%: $60,000 ÷ (150 × $5,000 + 2,000 × $200)
            6000, // 120 h ÷ 0.02 h
            720 / 840, // 85.7%
            (69_000 * 3) / 2180, // $94.95 per account per quarter
            0.75,
            153_000, // (5 × 9,000 + 6,000) × 3, per quarter
        ];
        actual.forEach((x, i) => expect(x, assertions[i].text).toBeCloseTo(expected[i], 2));
    });
});

describe('examples/README.md: what the guardrails catch', () => {
    it('40 more Enterprise accounts instead of 30 break Growth.CSM.utilization <= 90%', async () => {
        const text = (await fs.readFile(resolve(__dirname, '../examples/scenarios/plan.cap'), 'utf-8')).replace(
            'accounts 180 }',
            'accounts 190 }',
        );
        const m = await loadModel(createCapServices(), fileUri('/m/plan.cap'), async uri =>
            uri.path === '/m/plan.cap' ? text : undefined,
        );
        const failed = m.diagnostics.filter(d => d.diagnostic.code === 'CAP072').map(d => d.diagnostic.message);
        expect(failed).toEqual(['Growth.CSM.utilization is 90.5%, must be <= 90%']); // 190 × 4 h ÷ (7 × 120 h)
        expect(m.evaluation.assertions.find(a => a.text === 'Growth.totals.crc < $100')!.actual).toBeCloseTo(
            (69_000 * 3) / 2190,
            9,
        ); // $94.52
    });
});

describe('examples/crm-book/plan.cap: the plan read from a CRM export (spec section 14)', () => {
    it('accounts, revenue and books from 400 messy rows', async () => {
        const { results: r, problems } = await example('examples/crm-book/plan.cap');
        // Raj's book is the heaviest, still under his hours: the plan raises nothing but what its
        // time log shows by design (spec section 15): two services that drift, two people who are no agent.
        expect(problems.map(p => p.replace(/^.*plan\.cap: /, '').split(':')[0])).toEqual([
            'QBR',
            'Touchpoint',
            '"Chris Doyle" names no agent',
            '"Alex Contractor" names no agent',
        ]);
        expect(r.data.crm.rows).toBe(400); // two empty rows skipped
        expect(r.data.crm.tiers).toEqual({ Enterprise: 36, MidMarket: 124, SMB: 240 });
        expect(r.data.crm.unmatched).toEqual({ tier: {}, owner: {} });
        expect(r.tiers.Enterprise.revenuePerAccount).toBeCloseTo(14_398.148148, 5); // $6,220,000 ÷ 12 ÷ 36
        expect(r.tiers.MidMarket.revenuePerAccount).toBeCloseTo(2_497.311828, 5); // $3,716,000 ÷ 12 ÷ 124
        expect(r.tiers.SMB.revenuePerAccount).toBeCloseTo(498.854167, 5); // $1,436,700 ÷ 12 ÷ 240
        expect(r.totals.revenue).toBeCloseTo(947_725, 6); // $11,372,700 ÷ 12
        expect(r.tiers.Enterprise.designedEffort.CSM).toBeCloseTo(7.5, 12); // 8/3 + 4 + 10/12
        expect(r.roles.CSM.demandHours).toBeCloseTo(621.333333, 5); // 36 × 7.5 + 124 × 17/6
        expect(r.roles.CSM.utilization).toBeCloseTo(0.862963, 6); // 621.33 ÷ (6 × 120)
        expect(r.agents.maya.bookAccounts).toBe(13);
        expect(r.agents.maya.assignedHours).toBeCloseTo(97.5, 9); // 270 h × 13 / 36
        expect(r.agents.maya.bookRevenue).toBeCloseTo(211_833.333333, 5); // $2,542,000 ÷ 12
        expect(r.agents.raj.bookAccounts).toBe(41);
        expect(r.agents.raj.load).toBeCloseTo(0.968056, 6); // 351.33 h × 41 / 124 = 116.17 h of 120 h
        expect(r.agents.raj.bookRevenue).toBeCloseTo(104_375, 6); // $1,252,500 ÷ 12
        expect(r.agents.lena.bookAccounts).toBe(15); // 11 Enterprise and 4 Mid-Market accounts
        expect(r.agents.lena.assignedHours).toBeCloseTo(93.833333, 6); // 270 h × 11 / 36 + 351.33 h × 4 / 124
        expect(r.agents.jon.load).toBeCloseTo(0.820833, 6); // (270 h × 12 / 36 + 351.33 h × 3 / 124) ÷ 120 h
        expect(r.agents.sam.bookAccounts).toBeNull(); // Scale has no owner column
        expect(r.roles.Scale.demandHours).toBeCloseTo(112, 9); // 1 × 2 h + 3 × 2 h + 6 × 4 h × 52/12
    });
});
