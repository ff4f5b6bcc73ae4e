import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Entry, Table } from '@cap/engine';
import {
    AGENT,
    FIGURES,
    FORECAST,
    FORECAST_ROLE,
    FORECAST_TIER,
    HIRE,
    MODEL,
    ROLE,
    SERVICE,
    TIER,
    TOTALS,
    evaluate,
    evaluatePlan,
    isFigure,
    reportSchemaJson,
    toReport,
} from '@cap/engine';
import { URI } from 'langium';
import { createCapServices, lower } from '@cap/language';
import { PROPERTY_RULES, rangeWords } from '../packages/language/src/validation/property-rules.js';
import { propertyWords } from '../packages/language/src/parser/property-words.js';
import { KEYWORD_DOCS, keywordDoc } from '../packages/language/src/lsp/keyword-docs.js';
import { agent, model, role, service, tier, ym } from './engine/build.js';

/**
 * A figure of the report is written once, in a table of packages/engine/src/figures.ts, and a
 * property once, in validation/property-rules.ts. Everything else that lists them follows from
 * those two or is checked against them here: adding a figure or a property and forgetting a list
 * fails one of these tests.
 */

const root = resolve(__dirname, '..');

/** One plan that gives every section something: staff, a ramping hire, add-ons, a forecast, a scenario. */
function fullPlan() {
    const m = model({
        start: ym(2027, 1),
        horizonMonths: 3,
        roles: [role('CSM', { costPerMonth: 9000, rampMonths: 2 })],
        services: [
            service('QBR', 'CSM', {
                effortHours: 4,
                price: { amount: 100, frequency: { kind: 'recurring', perMonth: 1 } },
            }),
            service('Kickoff', 'CSM', { frequency: { kind: 'once' }, seats: 5 }),
        ],
        tiers: [
            tier('SMB', {
                accounts: 40,
                newPerMonth: 4,
                revenuePerMonth: 500,
                retention: { kind: 'churn', rate: 0.02, months: 1 },
                services: ['QBR', 'Kickoff'],
                touch: 'low',
                expansion: { rate: 0.12, months: 12 },
            }),
        ],
        agents: [agent('ana', 'CSM'), agent('bo', 'CSM', { start: ym(2027, 2) })],
    });
    const growth = { ...m, tiers: [{ ...m.tiers[0], accounts: 80 }] };
    return evaluatePlan(m, [{ name: 'Growth', title: null, model: growth }]);
}

const figureKeys = (table: Table) =>
    Object.entries(table)
        .filter(([, e]) => isFigure(e) && !e.series)
        .map(([k]) => k);

describe("figures.ts is the one list of the report's figures", () => {
    const plan = fullPlan();
    const report = toReport(plan);

    it('the report writes exactly the keys of each table, in its order', () => {
        expect(Object.keys(report.model)).toEqual(Object.keys(MODEL));
        expect(Object.keys(report.roles.CSM)).toEqual(Object.keys(ROLE));
        expect(Object.keys(report.services.QBR)).toEqual(Object.keys(SERVICE));
        expect(Object.keys(report.tiers.SMB)).toEqual(Object.keys(TIER));
        expect(Object.keys(report.agents.ana)).toEqual(Object.keys(AGENT));
        expect(Object.keys(report.totals)).toEqual(Object.keys(TOTALS));
        expect(Object.keys(report.forecast!)).toEqual(Object.keys(FORECAST));
        expect(Object.keys(report.forecast!.roles.CSM)).toEqual(Object.keys(FORECAST_ROLE));
        expect(Object.keys(report.forecast!.tiers.SMB)).toEqual(Object.keys(FORECAST_TIER));
        expect(Object.keys(report.forecast!.roles.CSM.hiringPlan[0])).toEqual(Object.keys(HIRE));
        const delta = report.scenarios.Growth.delta;
        expect(Object.keys(delta.roles.CSM)).toEqual(figureKeys(ROLE));
        expect(Object.keys(delta.tiers.SMB)).toEqual(figureKeys(TIER));
        expect(Object.keys(delta.totals)).toEqual(figureKeys(TOTALS));
    });

    it('the engine computes every figure of every table: none is left out of a result', () => {
        const r = plan.results;
        const sections: [Table, object][] = [
            [ROLE, r.roles.CSM],
            [SERVICE, r.services.QBR],
            [TIER, r.tiers.SMB],
            [AGENT, r.agents.ana],
            [TOTALS, r.totals],
            [MODEL, r.model],
            [FORECAST, plan.forecast!],
            [FORECAST_ROLE, plan.forecast!.roles.CSM],
        ];
        for (const [table, result] of sections) {
            for (const key of Object.keys(table)) expect(result, key).toHaveProperty(key);
            for (const [key, value] of Object.entries(result)) expect(value, key).not.toBeUndefined();
        }
        expect(Object.keys(evaluate(model()).totals)).toEqual(Object.keys(TOTALS));
    });

    it('an assertion can name every figure of roles, tiers, agents and totals, and nothing else', () => {
        expect(Object.keys(FIGURES.role)).toEqual(figureKeys(ROLE));
        expect([...Object.keys(FIGURES.tier), ...Object.keys(FIGURES.tierByRole)]).toEqual(figureKeys(TIER));
        expect(Object.keys(FIGURES.tierByRole)).toEqual(
            Object.entries(TIER)
                .filter(([, e]) => 'byRole' in e)
                .map(([k]) => k),
        );
        expect(Object.keys(FIGURES.agent)).toEqual(figureKeys(AGENT));
        expect(Object.keys(FIGURES.totals)).toEqual(figureKeys(TOTALS));
    });

    it('every entry says what it is, for completion and the schema', () => {
        const entries = (table: Table): Entry[] =>
            Object.values(table).flatMap(e =>
                ['table', 'each', 'list'].some(k => k in e)
                    ? [
                          e,
                          ...entries(
                              (e as { table?: Table; each?: Table; list?: Table }).table ??
                                  (e as { each?: Table }).each ??
                                  (e as { list: Table }).list,
                          ),
                      ]
                    : [e],
            );
        for (const table of [MODEL, ROLE, SERVICE, TIER, AGENT, TOTALS, FORECAST]) {
            for (const e of entries(table)) expect(e.doc.length).toBeGreaterThan(5);
        }
    });

    it('the published JSON schema is the one the tables make (npm run schema -w packages/engine)', () => {
        expect(readFileSync(join(root, 'packages/engine/schema/cap-report-1.schema.json'), 'utf-8')).toBe(
            reportSchemaJson(),
        );
    });
});

describe('property-rules.ts is the one list of the properties', () => {
    const rules = Object.entries(PROPERTY_RULES).flatMap(([block, props]) =>
        Object.entries(props).map(([key, rule]) => ({ block, key, rule })),
    );

    it("a property's documentation is its rule's, for hovers and completion; keyword-docs.ts has the other keywords", () => {
        for (const { block, key, rule } of rules)
            expect(keywordDoc(key, block as never), `${block}.${key}`).toBe(rule.doc);
        const properties = new Set(rules.map(r => r.key));
        expect(Object.keys(KEYWORD_DOCS).filter(k => properties.has(k))).toEqual(['role']); // the block, not the property
        expect(keywordDoc('role', 'role')).toBe(KEYWORD_DOCS.role);
        expect(keywordDoc('hours', 'tier')).toBe(PROPERTY_RULES.role.hours.doc); // out of place: what it means elsewhere
    });

    it("every property is a word the grammar reads as a measure's key, or the keyword of a rule of its own", () => {
        const grammar = readFileSync(join(root, 'packages/language/src/cap.langium'), 'utf-8');
        // MeasureKey's keywords (hours, revenue) and effort, price, ...: properties with a rule of their own
        // (a data block's columns are not properties of a block).
        const measureKeys = [.../MeasureKey returns string:([^;]*);/.exec(grammar)![1].matchAll(/'([a-z]+)'/g)].map(
            m => m[1],
        );
        const properties = grammar.slice(grammar.indexOf('\nProperty:'));
        const ownRules = new Set([...properties.matchAll(/key='([a-z]+)'/g)].map(m => m[1]));
        const words = propertyWords(createCapServices().Cap.Grammar);
        for (const { block, key, rule } of rules) {
            const read =
                words.includes(key) || measureKeys.includes(key) ? 'a measure' : ownRules.has(key) ? 'own' : '';
            expect(read, `${block}.${key} is read by no rule of cap.langium`).not.toBe('');
            // A word read as a measure is checked as one: it needs the measure's rule.
            if (read === 'a measure') expect(rule.measure, `${block}.${key}: its measure rule`).toBeDefined();
        }
        expect(measureKeys.every(k => rules.some(r => r.key === k))).toBe(true);
    });

    it('docs/language.md lists every property word', () => {
        const docs = readFileSync(join(root, 'docs/language.md'), 'utf-8');
        const bullet = docs.slice(docs.indexOf('- **Property words**'), docs.indexOf('They are keywords only'));
        const listed = [...bullet.matchAll(/`([^`]+)`/g)].flatMap(m => m[1].split(/\s+/));
        expect(listed.sort()).toEqual(propertyWords(createCapServices().Cap.Grammar).sort());
    });

    it("every property written as a measure reaches the engine's model: lowering/lower.ts reads it", () => {
        const services = createCapServices();
        const lowered = (text: string) => {
            const uri = URI.file(`/lists/${lowered.count++}.cap`);
            const doc = services.shared.workspace.LangiumDocumentFactory.fromString(text, uri);
            expect(doc.parseResult.parserErrors, text).toEqual([]);
            return JSON.stringify(lower([doc]).model);
        };
        lowered.count = 0;
        const block = {
            model: 'model M { start 2027-01 ',
            role: 'role R { ',
            service: 'service S { role R ',
            tier: 'tier T { ',
            agent: 'agent A { role R ',
        };
        for (const { block: kind, key, rule } of rules) {
            if (!rule.measure) continue;
            const without = `${block[kind as keyof typeof block]}}`;
            const withIt = `${block[kind as keyof typeof block]} ${key} ${rule.measure.example} }`;
            expect(lowered(withIt), `${kind}.${key}`).not.toBe(lowered(without));
        }
    });

    it('docs/diagnostics.md gives the range of every property whose value out of range is CAP026', () => {
        const docs = readFileSync(join(root, 'docs/diagnostics.md'), 'utf-8');
        const table = docs.slice(docs.indexOf('| must be | properties |'));
        const rows = [...table.matchAll(/^\| (.+?) \| (.+?) \|$/gm)].map(m => ({ range: m[1], keys: m[2] }));
        for (const { key, rule } of rules) {
            if (!rule.measure || rule.measure.rangeCode) continue;
            const row = rows.find(r => r.keys.includes(`\`${key}\``));
            expect(row?.range, key).toMatch(new RegExp(`^${rangeWords(rule.measure)}`));
        }
    });
});
