import { describe, expect, it } from 'vitest';
import { evaluate } from '@cap/engine';
import { createCapServices, fileUri, loadModel, memoryFileReader } from '@cap/language';
import { build, errors, withCode } from '../helpers.js';

/**
 * Scenarios through real `.cap` text (spec section 10): a block naming an existing declaration
 * overrides only the properties it lists, a new name adds a declaration, and each scenario is
 * lowered and evaluated in full. The results are cached per build for every consumer.
 */

const ERROR = 1;

/**
 * Base, per month: CSM E = 160 − 40 = 120 h, $9,000. SMB: 120 accounts × 2 h = 240 h, $1,000 a
 * month each (arr $12k), churn 2% a month. team: 2 CSMs. Required 2, utilization 100%.
 */
const base = `model Plan { start 2027-01 horizon 3 months }
role CSM { hours 160h / month overhead 40h / month cost $9,000 / month ramp 2 months }
service Care { role CSM effort 2h every month }
tier SMB "Small business" { accounts 120 arr $12k churn 2% / month services Care }
agent team { role CSM count 2 }
`;

describe('§10 overrides list only what they change', () => {
    it('a tier override changes accounts and keeps revenue, churn and services', async () => {
        const m = await build(`${base}scenario Growth { tier SMB { accounts 180 } }`);
        expect(errors(m)).toEqual([]);
        const g = m.evaluation.scenarios.get('Growth')!;
        expect(g.results.tiers.SMB.accounts).toBe(180);
        expect(g.results.tiers.SMB.revenuePerAccount).toBe(1000); // arr $12k ÷ 12, from the base
        expect(g.results.tiers.SMB.churn).toBe(0.02); // from the base
        expect(g.results.roles.CSM.requiredFte).toBe(3); // 180 × 2 h ÷ 120 h: the base's service list
        expect(g.delta.totals.accounts).toBe(60);
    });

    it('overriding one way of giving revenue or retention replaces the other (no CAP031 clash)', async () => {
        const m = await build(`${base}scenario Longer { tier SMB { lifetime 50 months mrr $500 } }`);
        expect(errors(m)).toEqual([]);
        const t = m.evaluation.scenarios.get('Longer')!.results.tiers.SMB;
        expect(t.lifetimeMonths).toBe(50); // lifetime replaces the base's churn
        expect(t.churn).toBe(0.02); // 1 ÷ 50
        expect(t.revenuePerAccount).toBe(500); // mrr replaces the base's arr
        expect(t.clv).toBe(25_000); // 500 × 1 × 50
    });

    it("a role override keeps the role's other properties; its title may change", async () => {
        const m = await build(`${base}scenario Raise { role CSM "Senior CSM" { cost $12,000 / month } }`);
        const g = m.evaluation.scenarios.get('Raise')!;
        expect(g.model.roles[0]).toMatchObject({
            name: 'CSM',
            title: 'Senior CSM',
            costPerMonth: 12_000,
            hoursPerMonth: 160,
            rampMonths: 2,
        });
        expect(g.results.roles.CSM.effectivePerFte).toBe(120); // overhead from the base
        expect(g.delta.totals.teamCost).toBe(6000); // 2 × (12,000 − 9,000)
    });

    it('an agent override, and the base stays as it was', async () => {
        const m = await build(`${base}scenario Bigger { agent team { count 3 } }`);
        expect(m.evaluation.scenarios.get('Bigger')!.results.roles.CSM.staffedFte).toBe(3);
        expect(m.evaluation.results.roles.CSM.staffedFte).toBe(2);
        expect(m.evaluation.model.agents).toEqual([expect.objectContaining({ name: 'team', count: 2 })]);
    });

    it('overrides a declaration of an imported file', async () => {
        const m = await build({
            '/m/team.cap': 'role CSM { hours 160h / month overhead 40h / month cost $9,000 / month }',
            '/m/main.cap':
                'import "./team.cap"\nservice Care { role CSM effort 2h every month }\ntier SMB { accounts 120 lifetime 24 months services Care }\nscenario Raise { role CSM { hours 200h / month } }',
        });
        expect(errors(m)).toEqual([]);
        expect(m.evaluation.scenarios.get('Raise')!.results.roles.CSM.effectivePerFte).toBe(160); // 200 − 40
    });
});

describe('§10 a new name adds a declaration', () => {
    it('new agents, roles and services, used by an override of a base tier', async () => {
        const m = await build(`${base}scenario Scale {
  role Scale { hours 160h / month cost $6,000 / month }
  service Webinar { role Scale effort 2h every month seats 100 }
  tier SMB { services Care, Webinar }
  agent hires { role CSM count 2 start 2027-02 }
  agent scaler { role Scale }
}`);
        expect(errors(m)).toEqual([]);
        const g = m.evaluation.scenarios.get('Scale')!;
        expect(g.results.roles.Scale.demandHours).toBe(4); // ceil(120 ÷ 100) = 2 sessions × 2 h
        expect(g.results.agents.hires.started).toBe(false); // starts after the 2027-01 snapshot
        expect(g.delta.roles.Scale.demandHours).toBeNull(); // no Scale role in the base
        expect(Object.keys(m.evaluation.results.roles)).toEqual(['CSM']);
        // The forecast of the scenario ramps the new hires: 2 × min(1, (k+1)/2) from 2027-02.
        expect(g.forecast!.roles.CSM.staffedFte).toEqual([2, 3, 4]);
    });

    it('a new declaration is checked like a top-level one; an override is not', async () => {
        const m = await build(
            `${base}scenario S { role CSM { cost $1 / month } role Extra { cost $1 / month } agent ghost { tiers SMB } }`,
        );
        expect(withCode(m, 'CAP011').map(d => [d.text, d.message])).toEqual([
            ['Extra', 'Role Extra needs `hours`, e.g. `hours 160h / month`'],
            ['ghost', 'Agent ghost needs `role`, e.g. `role CSM`'],
        ]);
    });

    it('a new role without cost gets CAP035; an override without cost does not', async () => {
        const m = await build(`${base}scenario S { role CSM { ramp 1 month } role Extra { hours 160h / month } }`);
        expect(withCode(m, 'CAP035').map(d => d.text)).toEqual(['Extra']);
    });
});

describe('§10 what an override may not do', () => {
    it('a property the kind of declaration lacks (CAP013)', async () => {
        const m = await build(`${base}scenario S { role CSM { seats 3 } tier SMB { fte 1 } }`);
        expect(withCode(m, 'CAP013')).toMatchObject([
            {
                severity: ERROR,
                text: 'seats',
                message:
                    '`seats` is not a property of a role; a role takes hours, overhead, cost, ramp, attrition, hiring',
            },
            { severity: ERROR, text: 'fte', message: expect.stringContaining('`fte` is not a property of a tier') },
        ]);
    });

    it('a property in the wrong unit, as anywhere', async () => {
        const m = await build(`${base}scenario S { tier SMB { accounts 200h } }`);
        expect(withCode(m, 'CAP020')).toMatchObject([{ text: '200h' }]);
    });

    it('two blocks of the same name in one scenario (CAP010): the first counts', async () => {
        const m = await build(`${base}scenario S { tier SMB { accounts 200 } tier SMB { accounts 300 } }`);
        expect(withCode(m, 'CAP010')).toMatchObject([
            { line: 6, column: 45, text: 'SMB', message: 'Duplicate tier `SMB` in this scenario' },
        ]);
        expect(m.evaluation.scenarios.get('S')!.results.tiers.SMB.accounts).toBe(200);
    });

    it('two scenarios of the same name (CAP010): the first is computed', async () => {
        const m = await build(
            `${base}scenario S { tier SMB { accounts 200 } }\nscenario S { tier SMB { accounts 300 } }`,
        );
        expect(withCode(m, 'CAP010').map(d => d.text)).toEqual(['S', 'S']);
        expect([...m.evaluation.scenarios.keys()]).toEqual(['S']);
        expect(m.evaluation.scenarios.get('S')!.results.tiers.SMB.accounts).toBe(200);
    });
});

describe('the evaluation cache: one evaluation per build for every consumer', () => {
    it('exposes forecast, scenarios (node, model, results, forecast, delta) and assertions', async () => {
        const m = await build(
            `${base}scenario Growth "More" { tier SMB { accounts 180 } }\nassert Growth.CSM.utilization <= 200%`,
        );
        const e = m.evaluation;
        expect(e.forecast!.months).toEqual(['2027-01', '2027-02', '2027-03']);
        const g = e.scenarios.get('Growth')!;
        expect(g.node.name).toBe('Growth');
        expect(g.title).toBe('More');
        expect(g.model.tiers[0].accounts).toBe(180);
        expect(g.forecast!.accounts[0]).toBe(180);
        expect(e.assertions).toHaveLength(1);
        expect(e.assertions[0]).toMatchObject({
            ok: true,
            actual: 1.5,
            expected: 2,
            text: 'Growth.CSM.utilization <= 200%',
        });
        expect(e.assertions[0].node.$type).toBe('Assertion');
    });

    it('is computed once per workspace state', async () => {
        const services = createCapServices();
        const m = await loadModel(
            services,
            fileUri('/m/main.cap'),
            memoryFileReader({ '/m/main.cap': `${base}scenario Growth { tier SMB { accounts 180 } }` }),
        );
        const evaluator = services.Cap.evaluation.CapEvaluator;
        // The validator, the loader and a second request all get the same object: nothing recomputes.
        expect(evaluator.evaluate(m.entry)).toBe(m.evaluation);
        expect(evaluator.evaluationsOf(m.entry)[0]).toBe(m.evaluation);
    });
});

describe('§10 overrides are checked against the merged declaration', () => {
    it('an override that leaves no time for customers is CAP030 at its keyword', async () => {
        // base overhead 40 h; the override's 35 h a month leaves 35 − 40 = −5 h
        const m = await build(`${base}scenario Short { role CSM { hours 35h / month } }`);
        expect(withCode(m, 'CAP030')).toMatchObject([
            {
                severity: ERROR,
                line: 6,
                text: 'hours',
                message:
                    'In this scenario, CSM has no time left for customers: overhead 40 h a month takes all 35 contracted hours (effective availability -5 h)',
            },
        ]);
        expect(m.evaluation.scenarios.get('Short')!.results.roles.CSM.requiredFte).toBeNull(); // E ≤ 0: undefined, never Infinity
    });

    it('an override that keeps time for customers is fine', async () => {
        expect(withCode(await build(`${base}scenario Ok { role CSM { overhead 20% } }`), 'CAP030')).toEqual([]);
    });
});

describe('the lowering keeps the first declaration of a name across imports', () => {
    it("in the order the model lists them, and the evaluation is the engine's of that model", async () => {
        const m = await build({
            '/m/main.cap':
                'import "./team.cap"\nrole Onb { hours 100h / month cost $5,000 / month }\nservice Setup { role Onb effort 5h every month }\ntier SMB { accounts 10 lifetime 24 months services Care, Setup }',
            '/m/team.cap':
                'role CSM { hours 160h / month cost $9,000 / month }\nrole Onb { hours 80h / month cost $1 / month }\nservice Care { role CSM effort 2h every month }',
        });
        const model = m.evaluation.model;
        expect(model.roles.map(r => r.name)).toEqual(['Onb', 'CSM']);
        expect(model.roles[0].hoursPerMonth).toBe(100); // the entry file's Onb: the first declaration
        const r = m.evaluation.results;
        expect(r.roles.Onb.requiredFte).toBe(0.5); // 10 × 5 h ÷ 100 h
        expect(r.roles.CSM.demandHours).toBe(20); // 10 × 2 h
        expect(JSON.stringify(evaluate(model))).toBe(JSON.stringify(r));
    });
});
