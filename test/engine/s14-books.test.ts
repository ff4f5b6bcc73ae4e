/**
 * Spec section 14: the engine's side of a data block. The language matches a CRM export's rows
 * to tiers and agents (DataSpec: rows and revenue per tier and per owner); the engine gives a
 * tier N_t and R_t from them and assigns a tier's demand to the agents who own its accounts.
 * Every figure below is worked by hand from the numbers in the model.
 */
import { describe, expect, it } from 'vitest';
import type { DataSpec } from '@cap/engine';
import { evaluate, evaluatePlan, forecast, reportSections, toReport } from '@cap/engine';
import { agent, findings, model, monthly, role, service, tier, ym } from './build.js';

/** A data block `crm` whose revenue column is per year (len(u) = 12 months). */
function crm(over: Partial<DataSpec> = {}): DataSpec {
    return {
        name: 'crm',
        file: 'data/accounts.csv',
        sha256: 'ab'.repeat(32),
        rows: 0,
        revenueMonths: 12,
        tiers: {},
        owners: {},
        unmatched: { tier: {}, owner: {} },
        ...over,
    };
}

// CSM: 100 h a month; Care: 1 h a month per account. Enterprise reads its 10 accounts from crm:
// alice owns 6 (ARR $600k in all), bob 3 ($240k), 1 has no owner ($60k): Σ ARR $900k.
const base = () =>
    model({
        roles: [role('CSM', { hoursPerMonth: 100, costPerMonth: 10_000 })],
        services: [service('Care', 'CSM', { effortHours: 1, frequency: monthly })],
        tiers: [
            tier('Enterprise', {
                accountsFrom: 'crm',
                revenueFrom: 'crm',
                retention: { kind: 'lifetime', months: 24 },
                services: ['Care'],
            }),
        ],
        agents: [agent('alice', 'CSM'), agent('bob', 'CSM'), agent('carol', 'CSM')],
        data: [
            crm({
                rows: 10,
                tiers: { Enterprise: { rows: 10, revenue: 900_000 } },
                owners: {
                    CSM: {
                        alice: { Enterprise: { rows: 6, revenue: 600_000 } },
                        bob: { Enterprise: { rows: 3, revenue: 240_000 } },
                    },
                },
            }),
        ],
    });

describe('§14 tiers: N_t and R_t from the rows', () => {
    const r = evaluate(base());

    it("N_t is the number of the block's rows in the tier", () => {
        expect(r.tiers.Enterprise.accounts).toBe(10);
        expect(r.totals.accounts).toBe(10);
    });

    it('R_t = Σ revenue of the rows / len(u) / N_t', () => {
        expect(r.tiers.Enterprise.revenuePerAccount).toBe(7_500); // $900,000 / 12 / 10
        expect(r.tiers.Enterprise.revenue).toBe(75_000); // 10 × $7,500
        expect(r.tiers.Enterprise.clv).toBe(180_000); // $7,500 × 100% × 24 months
    });

    it('R_t is undefined with no rows: tier revenue 0, CLV null, and no second warning about CLV', () => {
        const m = base();
        m.data[0].tiers = { Enterprise: { rows: 0, revenue: 0 } };
        const empty = evaluate(m);
        expect(empty.tiers.Enterprise.accounts).toBe(0);
        expect(empty.tiers.Enterprise.revenuePerAccount).toBeNull();
        expect(empty.tiers.Enterprise.revenue).toBe(0);
        expect(empty.tiers.Enterprise.clv).toBeNull();
        expect(findings(empty, 'clv-undefined')).toEqual([]);
    });

    it('a revenue column per month divides by 1, per quarter by 3', () => {
        const m = base();
        m.data[0].revenueMonths = 3;
        expect(evaluate(m).tiers.Enterprise.revenuePerAccount).toBe(30_000); // $900,000 / 3 / 10
    });

    it('the forecast starts from N_t and R_t', () => {
        const m = { ...base(), start: ym(2027, 1), horizonMonths: 2 };
        const f = forecast(m)!;
        expect(f.tiers.Enterprise.accounts[0]).toBe(10);
        expect(f.revenue[0]).toBe(75_000); // month 0 is the snapshot
    });
});

describe('§14 books: demand[t][r] · owned[b][t] / N_t', () => {
    const r = evaluate(base());

    it("each owner gets its share of the tier's demand, by rows owned", () => {
        // demand[Enterprise][CSM] = 10 accounts × 1 h = 10 h a month
        expect(r.agents.alice.assignedHours).toBeCloseTo(6, 12); // 10 h × 6 / 10
        expect(r.agents.bob.assignedHours).toBeCloseTo(3, 12); // 10 h × 3 / 10
        expect(r.agents.carol.assignedHours).toBe(0); // owns nothing: a book-assigned tier is not split by §7
    });

    it('load is computed from the assigned hours as in §7', () => {
        expect(r.agents.alice.load).toBeCloseTo(0.06, 12); // 6 h / (1 × 1 × 1 × 100 h)
    });

    it('the share of rows without an owner is unserved, and the warning says how many accounts', () => {
        const unserved = findings(r, 'unserved-demand');
        expect(unserved.map(f => f.message)).toEqual([
            '1 h a month of CSM work in Enterprise is unserved: 1 of 10 accounts have no CSM owner',
        ]);
    });

    it('bookAccounts are the rows owned; bookRevenue their own revenue cells / len(u)', () => {
        expect(r.agents.alice.bookAccounts).toBe(6);
        expect(r.agents.alice.bookRevenue).toBe(50_000); // $600,000 / 12
        expect(r.agents.bob.bookAccounts).toBe(3);
        expect(r.agents.bob.bookRevenue).toBe(20_000); // $240,000 / 12
    });

    it('an agent of an owner role that owns nothing has bookAccounts 0 and bookRevenue null', () => {
        expect(r.agents.carol.bookAccounts).toBe(0);
        expect(r.agents.carol.bookRevenue).toBeNull();
    });

    it('agents of a role no owner column names have no book: both null', () => {
        const m = base();
        m.roles.push(role('Onb', { hoursPerMonth: 100 }));
        m.agents.push(agent('olga', 'Onb'));
        const olga = evaluate(m).agents.olga;
        expect(olga.bookAccounts).toBeNull();
        expect(olga.bookRevenue).toBeNull();
    });

    it("the agents' `tiers` lists play no part for a book-assigned pair", () => {
        const m = base();
        m.agents = [
            agent('alice', 'CSM', { tiers: ['Other'] }),
            agent('bob', 'CSM'),
            agent('carol', 'CSM', { tiers: ['Enterprise'] }),
        ];
        const listed = evaluate(m);
        expect(listed.agents.alice.assignedHours).toBeCloseTo(6, 12); // still her 6 rows
        expect(listed.agents.carol.assignedHours).toBe(0); // listing the tier gives no share of a book
    });

    it('an owner that has not started counts as no owner; a ramping owner keeps its whole share', () => {
        const m = { ...base(), start: ym(2027, 4) };
        m.roles[0].rampMonths = 4;
        m.agents = [
            agent('alice', 'CSM', { start: ym(2027, 4) }),
            agent('bob', 'CSM', { start: ym(2027, 6) }),
            agent('carol', 'CSM'),
        ];
        const ramp = evaluate(m);
        // alice is in her month k = 0: ramp factor min(1, 1/4) = 0.25, capacity 25 h
        expect(ramp.agents.alice.assignedHours).toBeCloseTo(6, 12); // her whole share: 10 h × 6 / 10
        expect(ramp.agents.alice.load).toBeCloseTo(0.24, 12); // 6 h / 25 h
        expect(ramp.agents.bob.assignedHours).toBe(0); // starts 2027-06, after the snapshot
        expect(ramp.agents.bob.bookAccounts).toBe(0);
        expect(ramp.agents.bob.bookRevenue).toBeNull();
        // 4 of 10 accounts have no started owner (bob's 3 and the unowned 1): 10 h × 4 / 10 = 4 h
        expect(findings(ramp, 'unserved-demand').map(f => f.message)).toEqual([
            '4 h a month of CSM work in Enterprise is unserved: 4 of 10 accounts have no CSM owner',
        ]);
    });

    it("an owner whose role is not the column's owns nothing (a scenario may move an agent to another role)", () => {
        const m = base();
        m.roles.push(role('AM', { hoursPerMonth: 100 }));
        m.agents[0] = agent('alice', 'AM');
        const moved = evaluate(m);
        expect(moved.agents.alice.assignedHours).toBe(0);
        expect(moved.agents.alice.bookAccounts).toBeNull(); // AM has no owner column
    });

    it('other (tier, role) pairs follow §7: a role with no owner column, a tier typed by hand', () => {
        // Onboarding work in Enterprise (Kickoff, 2 h a month per account) has no owner column:
        // split by §7 between dana and erin, 20 h / 2 = 10 h each. SMB is typed by hand: 5 accounts
        // × 1 h of Care go to the CSMs by §7, 5 h / 3 = 1.67 h each, on top of their books.
        const m = base();
        m.roles.push(role('Onb', { hoursPerMonth: 100 }));
        m.services.push(service('Kickoff', 'Onb', { effortHours: 2, frequency: monthly }));
        m.tiers[0].services.push('Kickoff');
        m.tiers.push(tier('SMB', { accounts: 5, services: ['Care'] }));
        m.agents.push(agent('dana', 'Onb'), agent('erin', 'Onb'));
        const mixed = evaluate(m);
        expect(mixed.agents.dana.assignedHours).toBeCloseTo(10, 12);
        expect(mixed.agents.erin.assignedHours).toBeCloseTo(10, 12);
        expect(mixed.agents.alice.assignedHours).toBeCloseTo(6 + 5 / 3, 12);
        expect(mixed.agents.carol.assignedHours).toBeCloseTo(5 / 3, 12);
    });

    it('a tier that reads its revenue by hand gives a book R_t a row', () => {
        const m = base();
        m.tiers[0] = { ...m.tiers[0], revenueFrom: null, revenuePerMonth: 1_000 };
        const typed = evaluate(m);
        expect(typed.agents.alice.bookRevenue).toBe(6_000); // 6 rows × $1,000
        expect(typed.agents.bob.bookRevenue).toBe(3_000); // 3 rows × $1,000
    });

    it("with no rows in a tier, its new accounts' work is unserved: no book owns it", () => {
        const m = base();
        m.services.push(service('Kickoff', 'CSM', { effortHours: 4, frequency: { kind: 'once' } }));
        m.tiers[0] = { ...m.tiers[0], newPerMonth: 2, services: ['Kickoff'] };
        m.data[0].tiers = { Enterprise: { rows: 0, revenue: 0 } };
        m.data[0].owners = { CSM: {} };
        const none = evaluate(m);
        // 2 new accounts a month × 4 h once = 8 h a month
        expect(findings(none, 'unserved-demand').map(f => f.message)).toEqual([
            '8 h a month of CSM work in Enterprise is unserved: Enterprise has no accounts in its data, so no CSM owns the work of its new accounts',
        ]);
    });
});

describe("§14 a scenario that types a data-backed tier's accounts", () => {
    // The scenario says Enterprise has 20 accounts: typed by hand there, so §7 assigns its demand
    // (20 h a month split by three CSMs with no `tiers`), and R_t stays the base's $7,500.
    const m = base();
    const up = { ...m, tiers: [{ ...m.tiers[0], accounts: 20, accountsFrom: null }] };
    const plan = evaluatePlan(m, [{ name: 'Up', title: null, model: up }]);
    const s = plan.scenarios.get('Up')!.results;

    it('its demand is assigned by §7 there', () => {
        expect(s.tiers.Enterprise.accounts).toBe(20);
        expect(s.agents.alice.assignedHours).toBeCloseTo(20 / 3, 12);
        expect(s.agents.carol.assignedHours).toBeCloseTo(20 / 3, 12);
    });

    it("its revenue per account stays the base's R_t unless overridden too", () => {
        expect(s.tiers.Enterprise.revenuePerAccount).toBe(7_500); // $900,000 / 12 / 10, the base's rows
        expect(s.tiers.Enterprise.revenue).toBe(150_000); // 20 × $7,500
    });

    it('its rows are in no book there', () => {
        expect(s.agents.alice.bookAccounts).toBe(0);
        expect(s.agents.alice.bookRevenue).toBeNull();
    });

    it("the scenario's report carries no data section; the base report does", () => {
        const report = toReport(plan);
        expect(Object.keys(report.data)).toEqual(['crm']);
        expect(Object.keys(report.scenarios.Up)).not.toContain('data');
    });
});

describe("§13a the report's data section", () => {
    const m = base();
    m.tiers.push(tier('SMB', { accountsFrom: 'crm', services: [] }), tier('Zeta', { accountsFrom: 'crm' }));
    m.data[0] = {
        ...m.data[0],
        rows: 17,
        tiers: {
            Enterprise: { rows: 10, revenue: 900_000 },
            Zeta: { rows: 0, revenue: 0 },
            SMB: { rows: 4, revenue: 0 },
        },
        unmatched: { tier: { 'Strategic Accts': 2, '': 1 }, owner: { 'Dana Whitfield': 3 } },
    };
    const report = toReport(evaluate({ ...m, period: 'quarter' }));

    it("gives file, sha256, rows, accounts per tier (0 included) and unmatched values, keys in the spec's order, names sorted", () => {
        expect(JSON.stringify(report.data)).toBe(
            JSON.stringify({
                crm: {
                    file: 'data/accounts.csv',
                    sha256: 'ab'.repeat(32),
                    rows: 17,
                    tiers: { Enterprise: 10, SMB: 4, Zeta: 0 },
                    unmatched: { tier: { '': 1, 'Strategic Accts': 2 }, owner: { 'Dana Whitfield': 3 } },
                },
            }),
        );
    });

    it('is placed after the forecast, and is {} in a model without data', () => {
        const keys = Object.keys(report);
        expect(keys.indexOf('data')).toBe(keys.indexOf('forecast') + 1);
        expect(toReport(evaluate(model())).data).toEqual({});
    });

    it('bookRevenue is per reporting period in the report; bookAccounts is not', () => {
        expect(report.agents.alice.bookRevenue).toBe(150_000); // $50,000 a month × 3
        expect(report.agents.alice.bookAccounts).toBe(6);
        expect(reportSections(evaluate({ ...m, period: 'year' })).agents.bob.bookRevenue).toBe(240_000); // $20,000 × 12
    });
});
