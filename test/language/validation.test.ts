import { describe, expect, it } from 'vitest';
import { build, diagnostics, withCode } from '../helpers.js';

/**
 * Every validation Cap performs: its stable code, its severity, and the exact source text its
 * range covers (so a squiggle lands where the user has to type).
 */

const ERROR = 1,
    WARNING = 2,
    HINT = 4;
const base = `role CSM { hours 160h / month overhead 40h / month cost $9,600 / month }
service QBR { role CSM effort 4h every quarter }
`;

async function only(code: string, src: string) {
    return withCode(await build(src), code);
}

describe('syntax', () => {
    it('recovers after a typo: errors in two blocks are both reported and the rest still links', async () => {
        const m = await build(
            `${base}tier A { accounts 10 services QBR ]\ntier B { accounts 5 services QBR }\nagent x { role CSMM }`,
        );
        const found = diagnostics(m);
        expect(found.filter(d => d.code === 'CAP001')).toMatchObject([
            { line: 3, column: 35, text: ']', message: 'Unexpected character `]`' },
        ]);
        // The `]` is skipped, so tier A's `{` is never closed: one error there, and tier B reads as written.
        expect(found.filter(d => d.code === 'CAP002')).toMatchObject([
            { line: 3, text: '{', message: 'This `{` of tier A is never closed: add `}` before `tier B` on line 4' },
        ]);
        expect(found.filter(d => d.code === 'CAP003')).toMatchObject([{ line: 5, text: 'CSMM' }]);
        expect(m.evaluation.results.tiers.B.accounts).toBe(5);
    });
});

describe('references', () => {
    it('an unknown name', async () => {
        expect(await only('CAP003', `${base}tier T { accounts 1 services QBRR }`)).toMatchObject([
            { severity: ERROR, line: 3, text: 'QBRR', message: expect.stringContaining('Unknown service `QBRR`') },
        ]);
    });

    it('a name of the wrong kind', async () => {
        expect(await only('CAP003', `${base}agent a { role QBR }`)).toMatchObject([
            { line: 3, text: 'QBR', message: '`QBR` is a service, not a role' },
        ]);
    });
});

describe('declarations and properties', () => {
    it('a duplicate name in one file', async () => {
        expect(await only('CAP010', `${base}service QBR { role CSM effort 1h once }`)).toMatchObject([
            { line: 2, column: 9, text: 'QBR' },
            { line: 3, column: 9, text: 'QBR' },
        ]);
    });

    it('a missing required property, at the declaration name', async () => {
        const found = await only('CAP011', 'role R { cost $1 / month }\nservice S { role R }\ntier T { }\nagent A { }');
        expect(found.map(f => [f.text, f.message])).toEqual([
            ['R', 'Role R needs `hours`, e.g. `hours 160h / month`'],
            ['S', 'Service S needs `effort`, e.g. `effort 4h every quarter`'],
            ['T', 'Tier T needs `accounts`, e.g. `accounts 40`'],
            ['A', 'Agent A needs `role`, e.g. `role CSM`'],
        ]);
    });

    it('a property given twice, and revenue given two ways', async () => {
        const found = await only('CAP012', `tier T { accounts 1 accounts 2 arr $1 mrr $2 }`);
        expect(found.map(f => f.text)).toEqual(['accounts', 'mrr']);
        expect(found[1].message).toContain('revenue is given twice (`arr` and `mrr`)');
    });

    it('a property the kind of block does not take', async () => {
        expect(await only('CAP013', `${base}tier T { accounts 1 seats 3 }`)).toMatchObject([
            { text: 'seats', message: expect.stringContaining('not a property of a tier') },
        ]);
    });

    it('an effort or price without a frequency', async () => {
        const found = await only(
            'CAP014',
            `role CSM { hours 160h / month cost $1 / month }\nservice S { role CSM effort 4h price $100 }`,
        );
        expect(found.map(f => f.text)).toEqual(['4h', '$100']);
    });
});

describe('quantities', () => {
    it('a quantity without its unit', async () => {
        expect(await only('CAP020', 'role R { hours 160 cost $1 / month }')).toMatchObject([
            { text: '160', message: '`hours` needs a unit: write `hours 160h / month`' },
        ]);
    });

    it('a quantity with the wrong unit', async () => {
        expect(await only('CAP020', 'tier T { accounts 1 churn 5h }')).toMatchObject([
            { text: '5h', message: '`churn` takes a percentage such as `8% / year`, not hours' },
        ]);
    });

    it('a rate without its time unit, and a non-rate with one', async () => {
        const found = await only('CAP021', 'role R { hours 160h cost $1 / month }\ntier T { accounts 4 / month }');
        expect(found.map(f => f.text)).toEqual(['160h', 'month']);
    });

    it('an unknown unit word', async () => {
        expect(await only('CAP022', 'role R { hours 160 hours_ish / month cost $1 / month }')).toMatchObject([
            { text: 'hours_ish' },
        ]);
    });

    it('percentages outside 0 to 100', async () => {
        const found = await only('CAP023', `${base}tier T { accounts 1 margin 120% churn -5% / year services QBR }`);
        expect(found.map(f => f.text)).toEqual(['120', '-5']);
    });

    it('fte outside (0, 1]', async () => {
        const found = await only('CAP024', `${base}agent a { role CSM fte 1.5 }\nagent b { role CSM fte 0 }`);
        expect(found.map(f => [f.line, f.text])).toEqual([
            [3, '1.5'],
            [4, '0'],
        ]);
    });

    it('negative or fractional accounts', async () => {
        const found = await only('CAP025', 'tier A { accounts -3 }\ntier B { accounts 2.5 }');
        expect(found.map(f => f.text)).toEqual(['-3', '2.5']);
    });

    it('other values out of range: zero seats, a fractional count, negative hours', async () => {
        const found = await only(
            'CAP026',
            `role CSM { hours -160h / month cost $1 / month }\nservice W { role CSM effort 1h every month seats 0 }\nagent a { role CSM count 1.5 }`,
        );
        expect(found.map(f => f.text)).toEqual(['-160', '0', '1.5']);
    });

    it('a month that does not exist', async () => {
        expect(await only('CAP027', 'model M { start 2027-13 }')).toMatchObject([{ text: '2027-13' }]);
    });
});

describe('model-level rules', () => {
    it('effective availability of zero or less', async () => {
        const found = await only(
            'CAP030',
            'role R { hours 40h / week overhead { meetings 100h / month admin 80h / month } cost $1 / month }',
        );
        // 40h / week = 173.33 h a month; overhead 180 h leaves -6.67 h
        expect(found).toMatchObject([
            { severity: ERROR, text: 'overhead', message: expect.stringContaining('effective availability -6.67 h') },
        ]);
    });

    it('churn and lifetime together, at the second of the two', async () => {
        expect(await only('CAP031', 'tier T { accounts 1 lifetime 24 months churn 2% / month }')).toMatchObject([
            { text: 'churn' },
        ]);
    });

    it("money in another currency than the model's", async () => {
        const found = await only(
            'CAP032',
            'model M { currency EUR }\nrole R { hours 160h / month cost $9,500 / month }\ntier T { accounts 1 arr 1200 EUR }\ntier U { accounts 1 mrr 10 GBP }',
        );
        expect(found.map(f => f.text)).toEqual(['$9,500 / month', '10 GBP']);
    });

    it('a currency that is not an ISO code, and a horizon without a start', async () => {
        const m = await build('model M { currency dollars horizon 12 months }');
        expect(withCode(m, 'CAP033')).toMatchObject([{ text: 'dollars' }]);
        expect(withCode(m, 'CAP034')).toMatchObject([{ text: 'horizon' }]);
    });

    it('a role without a cost (a warning)', async () => {
        expect(await only('CAP035', 'role R { hours 160h / month }')).toMatchObject([{ severity: WARNING, text: 'R' }]);
    });
});

describe('warnings from the figures', () => {
    const model = `${base}role Onb { hours 160h / month cost $1 / month }
service Kick { role Onb effort 10h once }
tier T { accounts 60 new 2 / month services QBR, Kick }
agent a { role CSM fte 0.5 }`;

    it('unserved demand, at the tier', async () => {
        // Onb work: 2 new a month × 10 h = 20 h; nobody of role Onb exists.
        expect(await only('CAP050', model)).toMatchObject([
            {
                severity: WARNING,
                text: 'T',
                message: '20 h a month of Onb work in T is unserved: no Onb agent serves this tier',
            },
        ]);
    });

    it('role utilization over 100%, at the role', async () => {
        // CSM demand 60 × 4 h / 3 = 80 h; staffed 0.5 × 120 h = 60 h → 133.3%
        expect(await only('CAP051', model)).toMatchObject([
            { severity: WARNING, text: 'CSM', message: expect.stringContaining('utilization 133.3%') },
        ]);
    });

    it('agent load over 100%, at the agent', async () => {
        expect(await only('CAP052', model)).toMatchObject([
            {
                severity: WARNING,
                text: 'a',
                message: expect.stringContaining('load 133.3% (80 h assigned of 60 h a month)'),
            },
        ]);
    });

    it('a tech-touch tier using a service without seats, at the service in its list', async () => {
        const found = await only(
            'CAP053',
            `${base}service Web { role CSM effort 2h every month seats 100 }\ntier S { touch tech accounts 500 services Web, QBR }`,
        );
        expect(found).toMatchObject([{ severity: WARNING, line: 4, text: 'QBR' }]);
    });

    it('undefined CLV: no churn and no lifetime', async () => {
        expect(await only('CAP054', 'tier T { accounts 3 }')).toMatchObject([{ severity: WARNING, text: 'T' }]);
    });
});

describe('hints', () => {
    it('unused roles and services', async () => {
        const m = await build(`${base}role Spare { hours 160h / month cost $1 / month }`);
        expect(withCode(m, 'CAP060')).toMatchObject([{ severity: HINT, text: 'Spare' }]);
        expect(withCode(m, 'CAP061')).toMatchObject([{ severity: HINT, text: 'QBR' }]);
    });
});

describe('shorthand frequencies', () => {
    it('`effort 4h / month` and `price $100 / month` read as `every month`', async () => {
        const m = await build(`role CSM { hours 160h / month overhead 40h / month cost $1 / month }
service S { role CSM effort 4h / month price $100 / month }
service Bad { role CSM effort 4h / fortnight }
tier T { accounts 30 lifetime 12 months services S }`);
        expect(withCode(m, 'CAP014')).toEqual([]);
        expect(withCode(m, 'CAP022')).toMatchObject([{ text: 'fortnight' }]);
        // 30 accounts × 4 h × 1 = 120 h = 1 FTE; add-ons 30 × $100 × 1 = $3,000 a month
        expect(m.evaluation.results.roles.CSM.requiredFte).toBe(1);
        expect(m.evaluation.results.tiers.T.addonRevenue).toBe(3000);
    });
});

describe('numbers too large for a plan', () => {
    it('is an error, so no figure can overflow to Infinity', async () => {
        const digits = '9'.repeat(400);
        const found = await only(
            'CAP026',
            `tier T { accounts ${digits} }\nrole R { hours 2,000,000,000,000,000h / month cost $1 / month }`,
        );
        expect(found.map(f => [f.line, f.message])).toEqual([
            [1, '`accounts` is too large for a plan: at most 1,000,000,000,000,000'],
            [2, '`hours` is too large for a plan: at most 1,000,000,000,000,000'],
        ]);
    });
});
