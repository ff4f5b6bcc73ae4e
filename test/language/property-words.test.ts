import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { expectCompletion, expectHover } from 'langium/test';
import { createCapLspServices } from '@cap/language/lsp';
import { PROPERTY_RULES } from '../../packages/language/src/validation/property-rules.js';
import { build, diagnostics, errors } from '../helpers.js';

/**
 * A property written as a measure (`accounts 40`, `churn 8% / year`) is a word of
 * validation/property-rules.ts, not a keyword of cap.langium: the lexer reads it as a PROPERTY_WORD,
 * and where the grammar expects a name it is a name. These pin what that means for a model.
 */

const base = `role CSM { hours 160h / month  cost $9,600 / month }
service QBR { role CSM  effort 4h every quarter }
`;

describe("a property's word", () => {
    it('ends the quantity before it, on one line or on the next: it is never read as a unit', async () => {
        const m = await build(
            `${base}tier T { accounts 40 churn 8% / year services QBR }\n` +
                'tier U {\n  accounts 12\n  margin 80%\n  lifetime 24 months\n  expansion 10% / year\n}\n' +
                'agent a { role CSM  fte 0.5 count 2 }',
        );
        expect(diagnostics(m).filter(d => d.severity === 1)).toEqual([]);
        const tiers = m.evaluation.model.tiers;
        expect(tiers[0]).toMatchObject({ accounts: 40, retention: { kind: 'churn', rate: 0.08, months: 12 } });
        expect(tiers[1]).toMatchObject({ accounts: 12, margin: 0.8, retention: { kind: 'lifetime', months: 24 } });
        expect(m.evaluation.model.agents[0]).toMatchObject({ fte: 0.5, count: 2 });
    });

    it('is a name wherever the grammar expects one: a declaration, a reference, an overhead item, a path', async () => {
        const m = await build(
            'role count { hours 160h / month  overhead { cost 10h / month  hiring 10% }  cost $9,000 / month }\n' +
                'service seats { role count  effort 1h every month }\n' +
                'tier churn { accounts 30  services seats }\n' +
                'agent fte { role count  tiers churn }\n' +
                'assert churn.accounts == 30\n' +
                'assert count.requiredFte < 1',
        );
        expect(diagnostics(m).filter(d => d.severity === 1)).toEqual([]);
        const r = m.evaluation.results;
        // E = 160 − 10 − 16 (10% of 160) = 134 h; 30 accounts × 1 h a month = 30 h → 30 ÷ 134 FTE.
        expect(r.roles.count.effectivePerFte).toBeCloseTo(134, 9);
        expect(r.tiers.churn.accounts).toBe(30);
        expect(r.roles.count.requiredFte).toBeCloseTo(30 / 134, 12);
        expect(r.agents.fte.role).toBe('count');
        expect(m.evaluation.assertions.map(a => a.ok)).toEqual([true, true]);
    });

    it('mistyped, is one syntax error at the word, and the block is read with the word it is close to', async () => {
        const m = await build(`${base}role Onboarding { hours 160h / month  ramps 2 months  cost $8,000 / month }`);
        expect(errors(m)).toMatchObject([
            {
                code: 'CAP002',
                line: 3,
                column: 39,
                text: 'ramps',
                message: '`ramps` is not a property of a role: did you mean `ramp`?',
            },
        ]);
        expect(m.evaluation.model.roles[1]).toMatchObject({ rampMonths: 2, costPerMonth: 8000 });
    });

    it('in a block that does not take it, is CAP013 at the word', async () => {
        const m = await build(`${base}tier T { accounts 3  fte 0.5 }`);
        expect(errors(m)).toMatchObject([
            {
                code: 'CAP013',
                line: 3,
                column: 22,
                text: 'fte',
                message:
                    '`fte` is not a property of a tier; a tier takes touch, accounts, arr, mrr, revenue, churn, ' +
                    'lifetime, margin, expansion, new, services',
            },
        ]);
    });
});

describe('a property added to property-rules.ts alone', () => {
    // A made-up tier property, as a newcomer would add it: its rule, and nothing in the grammar.
    beforeAll(() => {
        PROPERTY_RULES.tier.onboardingWeeks = {
            measure: { dimension: 'duration', rate: false, example: '6 weeks', min: 0 },
            doc: 'Weeks from signature to go-live.',
        };
    });
    afterAll(() => {
        delete PROPERTY_RULES.tier.onboardingWeeks;
    });

    it('parses, and is checked by its rule: its unit, its range, the blocks that take it', async () => {
        const fine = await build(`${base}tier T { accounts 3  onboardingWeeks 6 weeks }`);
        expect(diagnostics(fine).filter(d => d.severity === 1)).toEqual([]);
        const m = await build(
            `${base}tier T { accounts 3  onboardingWeeks -1 weeks }\ntier U { onboardingWeeks 6h }\n` +
                'agent a { role CSM  onboardingWeeks 6 weeks }',
        );
        expect(errors(m).map(e => [e.code, e.text, e.message])).toEqual([
            ['CAP026', '-1', '`onboardingWeeks` must be at least 0, not -1'],
            ['CAP020', '6h', '`onboardingWeeks` takes a duration such as `6 weeks`, not hours'],
            ['CAP011', 'U', 'Tier U needs `accounts`, e.g. `accounts 40`'],
            [
                'CAP013',
                'onboardingWeeks',
                '`onboardingWeeks` is not a property of an agent; an agent takes role, tiers, fte, count, start',
            ],
        ]);
    });

    it('is completed and explained inside a tier, with its rule', async () => {
        const services = createCapLspServices(EmptyFileSystem).Cap;
        await expectCompletion(services)({
            text: 'tier T {\n  accounts 3\n  <|>\n}',
            index: 0,
            assert: list => {
                const item = list.items.find(i => i.label === 'onboardingWeeks');
                expect(item?.documentation).toEqual({ kind: 'markdown', value: 'Weeks from signature to go-live.' });
                expect(list.items.map(i => i.label)).not.toContain('fte');
            },
            disposeAfterCheck: true,
        });
        await expectHover(services)({
            text: 'tier T { accounts 3  <|>onboardingWeeks 6 weeks }',
            index: 0,
            hover: '**onboardingWeeks**\n\nWeeks from signature to go-live.',
            disposeAfterCheck: true,
        });
    });
});
