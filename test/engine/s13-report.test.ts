/**
 * Spec section 13: the `cap-report/1` JSON. Objects keyed by declaration name (sorted, so reports
 * diff cleanly), keys in a stable order, numbers unrounded, undefined figures `null` (never NaN
 * or Infinity). The key lists below are copied from the spec; the report may add keys, but must
 * carry these, in this relative order.
 */
import { describe, expect, it } from 'vitest';
import type { ReportDiagnostic } from '@cap/engine';
import { evaluate, evaluatePlan, reportToJson, toReport } from '@cap/engine';
import { agent, hoursItem, model, monthly, once, perMonth, role, service, tier, ym } from './build.js';

/** The report is untyped JSON (Record<string, unknown>); tests read it by path. */
type Json = any;

// v1.1 adds `data` (§13a), which docs/language.md places after the forecast.
const SPEC_TOP = [
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
];
const SPEC_MODEL = ['name', 'title', 'currency', 'period'];
const SPEC_ROLE = [
    'hoursPerFte',
    'overheadPerFte',
    'effectivePerFte',
    'costPerFte',
    'hourlyCost',
    'demandHours',
    'requiredFte',
    'staffedFte',
    'utilization',
    'gapFte',
    'hires',
];
const SPEC_SERVICE = ['role', 'kind', 'seats', 'uptake'];
const SPEC_TIER = [
    'touch',
    'accounts',
    'revenuePerAccount',
    'churn',
    'lifetimeMonths',
    'clv',
    'clvNet',
    'costToServe',
    'addonRevenue',
    'designedEffort',
    'accountsPerFte',
    'demandHours',
    'requiredFte',
];
const SPEC_AGENT = ['role', 'fte', 'count', 'rampFactor', 'capacityHours', 'assignedHours', 'load'];
const SPEC_TOTALS = ['accounts', 'revenue', 'teamCost', 'crc', 'costToRevenue', 'requiredFte', 'staffedFte'];

/** The spec keys, in the order the object lists them (so extra keys may sit in between). */
const specKeysInOrder = (obj: object, spec: string[]) => Object.keys(obj).filter(k => spec.includes(k));

/** Paths of every null, and of every number that is not finite, in a JSON-like value. */
function scan(value: unknown, path = ''): { nulls: string[]; nonFinite: string[] } {
    const out = { nulls: [] as string[], nonFinite: [] as string[] };
    const walk = (v: unknown, p: string) => {
        if (v === null) out.nulls.push(p);
        else if (typeof v === 'number') {
            if (!Number.isFinite(v)) out.nonFinite.push(p);
        } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${p}[${i}]`));
        else if (typeof v === 'object') for (const [k, x] of Object.entries(v as object)) walk(x, p ? `${p}.${k}` : k);
    };
    walk(value, path);
    return out;
}

/** A model where every figure is defined: staffed roles, churn on every tier, accounts and revenue. */
const fullModel = () =>
    model({
        name: 'Acme',
        title: 'Acme CS plan',
        currency: 'EUR',
        period: 'month',
        start: ym(2027, 1),
        roles: [
            role('CSM', {
                hoursPerMonth: 160,
                overhead: [hoursItem('meetings', 40)],
                costPerMonth: 9500,
                rampMonths: 3,
            }),
            role('Scale', { hoursPerMonth: 160, costPerMonth: 6000 }),
        ],
        services: [
            service('QBR', 'CSM', { effortHours: 4, frequency: perMonth(1 / 3) }),
            service('Webinar', 'Scale', { effortHours: 3, frequency: monthly, seats: 200 }),
            service('Kickoff', 'CSM', { effortHours: 12, frequency: once, price: { amount: 2500, frequency: once } }),
        ],
        tiers: [
            tier('SMB', {
                touch: 'tech',
                accounts: 450,
                revenuePerMonth: 500,
                retention: { kind: 'churn', rate: 0.064, months: 1 },
                services: ['Webinar'],
            }),
            tier('Enterprise', {
                touch: 'high',
                accounts: 40,
                revenuePerMonth: 10000,
                margin: 0.8,
                newPerMonth: 1,
                retention: { kind: 'churn', rate: 0.08, months: 12 },
                services: ['QBR', 'Kickoff', 'Webinar'],
            }),
        ],
        agents: [agent('zoe', 'Scale'), agent('alice', 'CSM', { tiers: ['Enterprise'] }), agent('Bob', 'CSM')],
    });

describe('§13 report shape', () => {
    const rep: Json = toReport(evaluate(fullModel()));

    it('has the spec top-level keys, in the spec order', () => {
        expect(Object.keys(rep)).toEqual(SPEC_TOP);
    });

    it('is schema cap-report/1', () => {
        expect(rep.schema).toBe('cap-report/1');
    });

    it('model carries name, title, currency and period, in that order', () => {
        expect(specKeysInOrder(rep.model, SPEC_MODEL)).toEqual(SPEC_MODEL);
        expect(rep.model).toMatchObject({ name: 'Acme', title: 'Acme CS plan', currency: 'EUR', period: 'month' });
        expect(rep.model.start).toBe('2027-01'); // the start month as the language writes it
    });

    it('every role carries the spec keys, in the spec order', () => {
        for (const r of Object.values(rep.roles)) expect(specKeysInOrder(r as object, SPEC_ROLE)).toEqual(SPEC_ROLE);
    });

    it('every service carries the spec keys, in the spec order, with kind recurring or once', () => {
        for (const s of Object.values(rep.services))
            expect(specKeysInOrder(s as object, SPEC_SERVICE)).toEqual(SPEC_SERVICE);
        expect(rep.services.QBR.kind).toBe('recurring');
        expect(rep.services.Kickoff.kind).toBe('once');
        expect(rep.services.Webinar.seats).toBe(200);
        expect(rep.services.QBR.role).toBe('CSM');
    });

    it('every tier carries the spec keys, in the spec order, with role-keyed maps', () => {
        for (const t of Object.values(rep.tiers)) expect(specKeysInOrder(t as object, SPEC_TIER)).toEqual(SPEC_TIER);
        for (const key of ['designedEffort', 'accountsPerFte', 'demandHours', 'requiredFte']) {
            expect(Object.keys(rep.tiers.Enterprise[key])).toEqual(['CSM', 'Scale']);
        }
        expect(rep.tiers.Enterprise.touch).toBe('high');
    });

    it('every agent carries the spec keys, in the spec order', () => {
        for (const a of Object.values(rep.agents)) expect(specKeysInOrder(a as object, SPEC_AGENT)).toEqual(SPEC_AGENT);
        expect(rep.agents.alice.role).toBe('CSM');
    });

    it('totals carry the spec keys, in the spec order', () => {
        expect(specKeysInOrder(rep.totals, SPEC_TOTALS)).toEqual(SPEC_TOTALS);
    });

    it('without a horizon there is no forecast; scenarios and assertions are empty', () => {
        expect(rep.forecast).toBeNull();
        expect(rep.scenarios).toEqual({});
        expect(rep.assertions).toEqual([]);
        expect(rep.diagnostics).toEqual([]);
    });

    it('with a start and a horizon, forecast is an object (§9/§13: months, accounts, teamCost, revenue, roles)', () => {
        const withForecast: Json = toReport(evaluatePlan({ ...fullModel(), horizonMonths: 2 }));
        expect(specKeysInOrder(withForecast.forecast, ['months', 'accounts', 'teamCost', 'revenue', 'roles'])).toEqual([
            'months',
            'accounts',
            'teamCost',
            'revenue',
            'roles',
        ]);
        expect(withForecast.forecast.months).toEqual(['2027-01', '2027-02']);
        expect(Object.keys(withForecast.forecast.roles)).toEqual(['CSM', 'Scale']);
        for (const r of Object.values(withForecast.forecast.roles)) {
            expect(
                specKeysInOrder(r as object, ['requiredFte', 'staffedFte', 'gapFte', 'firstGapMonth', 'hireBy']),
            ).toEqual(['requiredFte', 'staffedFte', 'gapFte', 'firstGapMonth', 'hireBy']);
        }
        // Enterprise: 40 accounts, churn 8% a year, 1 new a month; SMB: 450 at 6.4% a month, none new.
        const cm = 1 - 0.92 ** (1 / 12);
        expect(withForecast.forecast.accounts[1]).toBeCloseTo(40 * (1 - cm) + 1 + 450 * (1 - 0.064), 9);
    });
});

describe('§13 name-keyed sections are sorted by name', () => {
    const rep: Json = toReport(evaluate(fullModel()));

    it('roles, services, tiers and agents, in code-point order (upper case first)', () => {
        expect(Object.keys(rep.roles)).toEqual(['CSM', 'Scale']);
        expect(Object.keys(rep.services)).toEqual(['Kickoff', 'QBR', 'Webinar']); // declared QBR, Webinar, Kickoff
        expect(Object.keys(rep.tiers)).toEqual(['Enterprise', 'SMB']); // declared SMB, Enterprise
        expect(Object.keys(rep.agents)).toEqual(['Bob', 'alice', 'zoe']); // declared zoe, alice, Bob; 'B' < 'a'
    });

    it('the order does not depend on declaration order', () => {
        const m = fullModel();
        const shuffled = {
            ...m,
            roles: [...m.roles].reverse(),
            services: [...m.services].reverse(),
            tiers: [...m.tiers].reverse(),
            agents: [...m.agents].reverse(),
        };
        expect(reportToJson(toReport(evaluate(shuffled)))).toBe(reportToJson(rep));
    });

    it('role-keyed maps inside a tier are sorted too', () => {
        const r: Json = toReport(
            evaluate(
                model({
                    roles: [role('Zed'), role('Amy')],
                    services: [service('z', 'Zed'), service('a', 'Amy')],
                    tiers: [tier('T', { accounts: 1, services: ['z', 'a'] })], // Zed's service listed first
                }),
            ),
        );
        for (const key of ['designedEffort', 'accountsPerFte', 'demandHours', 'requiredFte']) {
            expect(Object.keys(r.tiers.T[key])).toEqual(['Amy', 'Zed']);
        }
    });
});

describe('§13 numbers: unrounded, and null (never NaN or Infinity) when undefined', () => {
    it('numbers are not rounded', () => {
        const rep: Json = toReport(evaluate(fullModel()));
        expect(rep.roles.CSM.hourlyCost).toBeCloseTo(79.166666666667, 12); // $9,500 ÷ 120 h, not 79.17
        expect(rep.tiers.Enterprise.churn).toBeCloseTo(0.006924382628, 12); // 1 − 0.92^(1/12), not 0.0069
    });

    it('a fully defined model has nulls only where the spec allows them', () => {
        const rep = toReport(evaluate(fullModel()));
        const { nulls, nonFinite } = scan(rep);
        expect(nonFinite).toEqual([]);
        // No horizon: no forecast; QBR and Kickoff are one-to-one: no seats.
        // No data block: no agent has a book (§14).
        const books = nulls.filter(path => /^agents\.\w+\.book(Accounts|Revenue)$/.test(path));
        expect(books.length).toBe(2 * Object.keys(rep.agents).length);
        expect(nulls.filter(path => !books.includes(path)).sort()).toEqual([
            'forecast',
            'model.horizonMonths',
            'services.Kickoff.seats',
            'services.QBR.seats',
            'tiers.Enterprise.expansion',
            'tiers.SMB.expansion',
        ]);
    });

    it('undefined figures are null: utilization with no staff, CLV with no churn, load with no capacity', () => {
        // CSM has demand and no agent; Onb's only agent starts after the snapshot; Free has no churn.
        const rep = toReport(
            evaluate(
                model({
                    title: 'Undefined figures',
                    start: ym(2027, 1),
                    roles: [role('CSM', { costPerMonth: 9000 }), role('Onb', { costPerMonth: 7000 })],
                    services: [service('Care', 'CSM', { effortHours: 1, frequency: monthly })],
                    tiers: [tier('Free', { touch: 'low', accounts: 10, revenuePerMonth: 10, services: ['Care'] })],
                    agents: [agent('later', 'Onb', { start: ym(2027, 6) })],
                }),
            ),
        );
        const { nulls, nonFinite } = scan(rep);
        expect(nonFinite).toEqual([]);
        expect(nulls.sort()).toEqual([
            'agents.later.bookAccounts', // no owner column names Onb (§14)
            'agents.later.bookRevenue',
            'agents.later.load', // 0 h ÷ 0 h of capacity
            'forecast',
            'model.horizonMonths',
            'roles.CSM.utilization', // 10 h ÷ (0 staffed × 160 h)
            'roles.Onb.utilization', // 0 h ÷ (0 staffed × 160 h)
            'services.Care.seats',
            'tiers.Free.churn',
            'tiers.Free.clv', // no churn and no lifetime
            'tiers.Free.clvNet',
            'tiers.Free.expansion', // no expansion declared
            'tiers.Free.lifetimeMonths',
        ]);
        const json = reportToJson(rep);
        expect(json).not.toMatch(/NaN|Infinity/);
    });

    it('CRC and cost to revenue are null with no accounts and no revenue', () => {
        const rep: Json = toReport(
            evaluate(model({ roles: [role('CSM', { costPerMonth: 9000 })], agents: [agent('a', 'CSM')] })),
        );
        expect(rep.totals.crc).toBeNull(); // $9,000 ÷ 0 accounts
        expect(rep.totals.costToRevenue).toBeNull(); // $9,000 ÷ $0
        expect(reportToJson(rep)).not.toMatch(/NaN|Infinity/);
    });
});

describe('§13 JSON text', () => {
    const rep = toReport(evaluate(fullModel()));
    const json = reportToJson(rep);

    it('ends with exactly one newline', () => {
        expect(json.endsWith('}\n')).toBe(true);
        expect(json.endsWith('\n\n')).toBe(false);
    });

    it('is two-space indented JSON that parses back to the report', () => {
        expect(json.startsWith('{\n  "schema": "cap-report/1",\n')).toBe(true);
        expect(JSON.parse(json)).toEqual(rep);
    });

    it('is the same text for the same model (pure and stable)', () => {
        expect(reportToJson(toReport(evaluate(fullModel())))).toBe(json);
    });
});

describe('§13 diagnostics are sorted', () => {
    const d = (file: string, line: number, column: number, code: string, message = 'm'): ReportDiagnostic => ({
        severity: 'warning',
        code,
        message,
        file,
        line,
        column,
    });

    it('by file, then line, then column, then code, then message', () => {
        const input = [
            d('b.cap', 1, 1, 'x'),
            d('a.cap', 10, 1, 'x'),
            d('a.cap', 2, 5, 'x'),
            d('a.cap', 2, 3, 'y'),
            d('a.cap', 2, 3, 'x', 'zeta'),
            d('a.cap', 2, 3, 'x', 'alpha'),
        ];
        const rep: Json = toReport(evaluate(model()), input);
        expect(rep.diagnostics).toEqual([
            d('a.cap', 2, 3, 'x', 'alpha'),
            d('a.cap', 2, 3, 'x', 'zeta'), // same place and code: by message
            d('a.cap', 2, 3, 'y'), // same place: by code
            d('a.cap', 2, 5, 'x'), // same line: by column
            d('a.cap', 10, 1, 'x'), // lines compare as numbers: 2 before 10
            d('b.cap', 1, 1, 'x'), // the file compares first: b.cap after every a.cap
        ]);
    });

    it('each diagnostic carries severity, code, message, file, line and column', () => {
        const rep: Json = toReport(evaluate(model()), [d('a.cap', 1, 2, 'c')]);
        expect(Object.keys(rep.diagnostics[0]).sort()).toEqual([
            'code',
            'column',
            'file',
            'line',
            'message',
            'severity',
        ]);
    });

    it('the caller list is not reordered in place', () => {
        const input = [d('b.cap', 1, 1, 'x'), d('a.cap', 1, 1, 'x')];
        toReport(evaluate(model()), input);
        expect(input.map(x => x.file)).toEqual(['b.cap', 'a.cap']);
    });
});
