import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, diagnostics, errors, withCode } from '../helpers.js';

/**
 * The mistakes a newcomer makes in the first hour that used to pass silently or read like a
 * parser's internals: a name almost like another, a unit in the wrong case, a scenario that adds
 * what it meant to change, an impossible number of hours, a name JavaScript reserves, and hours
 * "a month" in a plan reported per quarter.
 */

const threeTier = readFileSync(resolve(__dirname, '../../examples/three-tier/three-tier.cap'), 'utf-8');

const base = `role CSM { hours 160h / month  overhead 40h / month  cost $9,600 / month }
service QBR { role CSM  effort 4h every quarter }
tier MidMarket { accounts 30  arr $24,000  churn 1% / month  services QBR }
agent a { role CSM }
`;

describe('did you mean, wherever a name is unknown', () => {
    it('a reference: another case, or a letter out of place', async () => {
        const m = await build(`${base}service S { role csm  effort 1h every month }\nagent b { role CMS }`);
        expect(withCode(m, 'CAP003').map(d => [d.text, d.message])).toEqual([
            ['csm', 'Unknown role `csm`: did you mean `CSM`?'],
            ['CMS', 'Unknown role `CMS`: did you mean `CSM`?'],
        ]);
    });

    it('a property a block takes under another spelling', async () => {
        const m = await build(
            `${base}agent c { role CSM  tier MidMarket }\nrole R { hours 160h / month  cost $1 / month  ramps 2 months }`,
        );
        expect(errors(m).map(d => [d.code, d.text, d.message])).toEqual([
            ['CAP002', 'tier', '`tier` is not a property of an agent: did you mean `tiers`?'],
            ['CAP002', 'ramps', '`ramps` is not a property of a role: did you mean `ramp`?'],
        ]);
    });

    it('a unit: `$1.2K`, `3 mnths`, `/ mnth`, `every mnth`, `160 hour`', async () => {
        const m = await build(
            `${base}tier T { accounts 3  arr $1.2K  lifetime 3 mnths  new 2 / mnth  services QBR }\n` +
                'service S { role CSM  effort 2h every mnth }\nrole R { hours 160 hour / month  cost $1 / month }',
        );
        expect(withCode(m, 'CAP022').map(d => [d.text, d.message])).toEqual([
            ['K', 'Thousands are written `k` and millions `M`, not `K`: did you mean `k`?'],
            ['mnths', 'Unknown unit `mnths`: did you mean `months`?'],
            ['mnth', '`/ mnth` is not a time unit: did you mean `month`?'],
            ['mnth', '`mnth` is not a time unit: did you mean `month`?'],
            ['hour', 'Unknown unit `hour`: did you mean `h`?'],
        ]);
    });

    it('hours written out after a number: one error, at the word', async () => {
        const m = await build('role CSM { hours 160 hours / month  cost $9,600 / month }');
        expect(errors(m).map(d => [d.code, d.text, d.message])).toEqual([
            ['CAP002', 'hours', 'After a number, hours are written `h` (`160h`), not `hours`: did you mean `h`?'],
        ]);
    });
});

describe('a scenario that adds what it meant to change', () => {
    const midmarketTypo = `${threeTier}\nscenario Growth {\n  tier Midmarket { accounts 450 }\n}\n`;

    it('the issue: `tier Midmarket` for `MidMarket` is a warning with the name it meant', async () => {
        const m = await build(midmarketTypo);
        expect(diagnostics(m)).toMatchObject([
            {
                code: 'CAP062',
                severity: 2,
                text: 'Midmarket',
                message:
                    'The base model has no tier `Midmarket`, so scenario Growth adds one: did you mean `MidMarket`?',
            },
        ]);
    });

    it('a name a small edit away, of any kind; not a name far from every other', async () => {
        const m = await build(
            `${base}scenario S {\n  role CMS { hours 150h / month }\n  agent b { role CSM }\n  tier Midmarkt { accounts 4 }\n}`,
        );
        expect(withCode(m, 'CAP062').map(d => [d.text, d.message])).toEqual([
            ['CMS', 'The base model has no role `CMS`, so scenario S adds one: did you mean `CSM`?'],
            ['Midmarkt', 'The base model has no tier `Midmarkt`, so scenario S adds one: did you mean `MidMarket`?'],
        ]);
    });

    it('a new tier that needs no work or brings no revenue', async () => {
        const m = await build(
            `${base}scenario S {\n  tier Pilot { accounts 20 }\n  tier Free { accounts 5  services QBR }\n  tier Paid { accounts 5  mrr $100  services QBR }\n}`,
        );
        expect(withCode(m, 'CAP063').map(d => [d.text, d.message])).toEqual([
            [
                'Pilot',
                'Scenario S adds a new tier `Pilot` without `services` or revenue (`arr`, `mrr` or `revenue`): its accounts need no work from any role and bring no revenue',
            ],
            [
                'Free',
                'Scenario S adds a new tier `Free` without revenue (`arr`, `mrr` or `revenue`): its accounts bring no revenue',
            ],
        ]);
    });

    it('a new agent without a role is an error, as anywhere', async () => {
        const m = await build(`${base}scenario S {\n  agent hire { fte 0.5 }\n}`);
        expect(errors(m).map(d => [d.code, d.text, d.message])).toEqual([
            ['CAP011', 'hire', 'Agent hire needs `role`, e.g. `role CSM`'],
        ]);
    });
});

describe('values that cannot be meant', () => {
    it('more contracted hours than a month has', async () => {
        const m = await build(
            'role A { hours 800h / month  cost $1 / month }\nrole B { hours 200h / week  cost $1 / month }\nrole C { hours 744h / month  cost $1 / month }',
        );
        expect(withCode(m, 'CAP038').map(d => [d.severity, d.text, d.message])).toEqual([
            [
                2,
                '800h / month',
                '`hours 800h / month` is more than a month has (31 days × 24 h = 744 h): check the number and its time unit',
            ],
            [
                2,
                '200h / week',
                // 200 × 52 ÷ 12 = 866.67
                '`hours 200h / week` is 866.67 h a month, more than a month has (31 days × 24 h = 744 h): check the number and its time unit',
            ],
        ]);
    });

    it('`__proto__` as a name, of a declaration or of a scenario member', async () => {
        const m = await build(
            `${base}tier __proto__ { accounts 3  services QBR }\nscenario S { agent __proto__ { role CSM } }`,
        );
        expect(withCode(m, 'CAP039').map(d => [d.severity, d.line, d.text, d.message])).toEqual([
            [1, 5, '__proto__', '`__proto__` cannot name a declaration: JavaScript reserves it; choose another name'],
            [1, 6, '__proto__', '`__proto__` cannot name a declaration: JavaScript reserves it; choose another name'],
        ]);
    });
});

describe('messages in the reporting period', () => {
    // A quarter: the Scale team of the three-tier example at 280% (3 agents of 90 h a quarter at 1 month's
    // 30 h: with 130 h of overhead a month, 160 − 130 = 30 h effective, 90 h a quarter each).
    const quarterly = threeTier
        .replace('period month', 'period quarter')
        .replace('overhead 40h / month          // content', 'overhead 130h / month         // content');

    it('an overloaded agent: hours a quarter', async () => {
        const m = await build(quarterly);
        // scale_team: 252 h a month of work on 3 × 30 h = 90 h a month → 756 h of 270 h a quarter.
        expect(withCode(m, 'CAP052').map(d => d.message)).toEqual([
            'scale_team is overloaded: load 280.0% (756 h assigned of 270 h a quarter)',
        ]);
    });

    it('unserved demand and no time left: hours a year', async () => {
        const m = await build(
            'model M { period year }\nrole CSM { hours 160h / month  overhead 170h / month  cost $1 / month }\n' +
                'role S { hours 160h / month  cost $1 / month }\nservice Q { role S  effort 1h every month }\n' +
                'tier T { accounts 10  services Q }',
        );
        expect(withCode(m, 'CAP030').map(d => d.message)).toEqual([
            // 170 × 12 = 2,040 h of overhead; 160 × 12 = 1,920 contracted hours; −10 × 12 = −120 h.
            'CSM has no time left for customers: overhead 2040 h a year takes all 1920 contracted hours (effective availability -120 h)',
        ]);
        // 10 accounts × 1 h a month × 12 months.
        expect(withCode(m, 'CAP050').map(d => d.message)).toEqual([
            '120 h a year of S work in T is unserved: no S agent serves this tier',
        ]);
    });
});
