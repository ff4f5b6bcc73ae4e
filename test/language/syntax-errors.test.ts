import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, diagnostics, errors } from '../helpers.js';

/**
 * A newcomer's syntax mistakes: each gets one message, on one line, where the mistake is, in Cap's
 * words, with a suggestion where a known word is close; and the rest of the file is checked as
 * written, so the figures are those of the corrected model.
 */

const threeTier = readFileSync(resolve(__dirname, '../../examples/three-tier/three-tier.cap'), 'utf-8');

/** The example with one text replaced, which must occur exactly once. */
function threeTierWith(from: string, to: string): string {
    expect(threeTier.split(from)).toHaveLength(2);
    return threeTier.replace(from, to);
}

const base = `role CSM { hours 160h / month  overhead 40h / month  cost $9,600 / month }
service QBR { role CSM  effort 4h every quarter }
`;

describe('a mistyped keyword', () => {
    it('`teir SMB {`: one error at the word, and the tier is read as a tier', async () => {
        const m = await build(threeTierWith('tier SMB "Small business" {', 'teir SMB "Small business" {'));
        expect(errors(m)).toMatchObject([
            {
                code: 'CAP002',
                line: 149,
                column: 1,
                text: 'teir',
                message: '`teir` does not start a declaration: did you mean `tier`?',
            },
        ]);
        // SMB exists, so the agents that list it link, and its 4,000 accounts count.
        expect(m.evaluation.results.tiers.SMB.accounts).toBe(4000);
    });

    it('a capitalised keyword: `Role`', async () => {
        const m = await build(
            `Role CSM { hours 160h / month  cost $9,600 / month }\nservice QBR { role CSM  effort 4h every quarter }`,
        );
        expect(errors(m)).toMatchObject([
            { code: 'CAP002', text: 'Role', message: '`Role` does not start a declaration: did you mean `role`?' },
        ]);
    });

    it('`touch hihg`: one line, the three words it can be, and the one meant', async () => {
        const m = await build(threeTierWith('touch high', 'touch hihg'));
        const found = errors(m);
        expect(found).toMatchObject([
            {
                code: 'CAP002',
                line: 129,
                text: 'hihg',
                message: '`touch` is high, low or tech, not `hihg`: did you mean `high`?',
            },
        ]);
        expect(found[0].message).not.toContain('\n');
    });

    it('a word no keyword is close to: what the place takes instead', async () => {
        const m = await build(`${base}tier T { touch medium  accounts 3 }`);
        expect(errors(m)).toMatchObject([
            { code: 'CAP002', text: 'medium', message: '`touch` is high, low or tech, not `medium`' },
        ]);
        const top = await build(`${base}widget W { }`);
        expect(errors(top)[0]).toMatchObject({
            code: 'CAP002',
            text: 'widget',
            message:
                '`widget` does not start a declaration; a file holds import, model, role, service, tier, agent, ' +
                'scenario, assert, data and actuals',
        });
    });
});

describe('a mistyped property', () => {
    it('`service X, Y` inside a tier: one error, and the services are listed', async () => {
        const m = await build(
            threeTierWith('  services Orientation, Webinar, Queue', '  service Orientation, Webinar, Queue'),
        );
        expect(errors(m)).toMatchObject([
            {
                code: 'CAP002',
                line: 156,
                text: 'service',
                message: '`service` is not a property of a tier: did you mean `services`?',
            },
        ]);
        const original = await build(threeTier);
        expect(m.evaluation.results.tiers.SMB.demandHours).toEqual(original.evaluation.results.tiers.SMB.demandHours);
    });

    it('a name where a property belongs: `servces`', async () => {
        const m = await build(`${base}tier T { accounts 3  servces QBR }`);
        expect(errors(m)).toMatchObject([
            {
                code: 'CAP002',
                text: 'servces',
                message: '`servces` is not a property of a tier: did you mean `services`?',
            },
        ]);
        expect(m.evaluation.results.tiers.T.demandHours).toEqual({ CSM: 4 }); // 3 accounts × 4 h a quarter ÷ 3
    });

    it('a property of another kind of block, and a word close to none', async () => {
        const m = await build(`${base}agent a { role CSM  tier T }\ntier T { accounts 1  colour blue }`);
        expect(errors(m).map(e => [e.code, e.text, e.message])).toEqual([
            ['CAP002', 'tier', '`tier` is not a property of an agent: did you mean `tiers`?'],
            [
                'CAP002',
                'colour',
                '`colour` is not a property of a tier; a tier takes touch, accounts, arr, mrr, revenue, churn, lifetime, margin, expansion, new, services',
            ],
        ]);
    });
});

describe('a `}` missing', () => {
    it('in the middle of a file: one error at the unclosed `{`, then normal checking', async () => {
        const unclosed = threeTierWith(
            '  ramp 3 months                 // a new CSM carries 1/3, 2/3, then a full book\n}',
            '  ramp 3 months                 // a new CSM carries 1/3, 2/3, then a full book\n',
        );
        const m = await build(unclosed);
        expect(diagnostics(m)).toMatchObject([
            {
                code: 'CAP002',
                line: 24,
                text: '{',
                message: 'This `{` of role CSM is never closed: add `}` before `role Onboarding` on line 35',
            },
        ]);
        // Read as if it were closed: the same figures as the example.
        const original = await build(threeTier);
        expect(m.evaluation.results.totals).toEqual(original.evaluation.results.totals);
    });

    it('at the end of the file, inside a scenario before an assertion, and an extra one', async () => {
        expect(errors(await build(`${base}tier T { accounts 3  services QBR`))).toMatchObject([
            {
                code: 'CAP002',
                line: 3,
                text: '{',
                message: 'This `{` of tier T is never closed: add `}` at the end of the file',
            },
        ]);
        const scenario = await build(
            `${base}tier T { accounts 3  services QBR }\nscenario S {\n  tier T { accounts 6 }\nassert T.accounts <= 10`,
        );
        expect(errors(scenario)).toMatchObject([
            {
                code: 'CAP002',
                line: 4,
                text: '{',
                message: 'This `{` of scenario S is never closed: add `}` before `assert` on line 6',
            },
        ]);
        expect(scenario.evaluation.assertions.map(a => a.ok)).toEqual([true]);
        expect(errors(await build(`${base}}`))).toMatchObject([
            { code: 'CAP002', text: '}', message: 'An extra `}`: no block is open here' },
        ]);
    });

    it('inside a scenario, a member block left open is closed before the next member', async () => {
        const m = await build(
            `${base}tier T { accounts 3  services QBR }\nscenario S {\n  tier T { accounts 6\n  role CSM { hours 150h / month }\n}`,
        );
        expect(errors(m)).toMatchObject([
            {
                code: 'CAP002',
                line: 5,
                text: '{',
                message: 'This `{` of tier T is never closed: add `}` before `role CSM` on line 6',
            },
        ]);
        expect(m.evaluation.scenarios.get('S')!.model.roles[0].hoursPerMonth).toBe(150);
    });
});

describe('unexpected characters', () => {
    it('an invisible one is written as its code point; a NUL byte is reported also inside a comment', async () => {
        const m = await build(`${base}// a note\u0000\ntier T { accounts 3 \u200B }`);
        expect(errors(m).map(e => [e.code, e.line, e.column, e.message])).toEqual([
            ['CAP001', 3, 10, 'Unexpected character U+0000 (a NUL byte)'],
            ['CAP001', 4, 21, 'Unexpected character U+200B'],
        ]);
    });

    it('every syntax message is one line', async () => {
        const texts = [
            `${base}tier T { touch hihg }`,
            `${base}assert T.accounts`,
            `${base}tier T { accounts 1 churn 8% / yeer services QBR, }`,
            'role R { effort 2h every }',
            'scenario S { model M { } }',
            'import',
        ];
        for (const text of texts) {
            for (const d of diagnostics(await build(text))) expect(d.message, text).not.toContain('\n');
        }
    });
});
