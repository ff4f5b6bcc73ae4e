import { describe, expect, it } from 'vitest';
import { build, errors, withCode } from '../helpers.js';

/** Spec section 2: the model header, imports and name uniqueness across files. */

const roles = `role CSM { hours 160h / month overhead 40h / month cost $9,600 / month }`;

describe('the model header', () => {
    it('defaults to the entry file name, USD and monthly reporting without a model block', async () => {
        const m = await build(roles, '/plans/acme.cap');
        expect(m.evaluation.results.model).toMatchObject({
            name: 'acme',
            title: null,
            currency: 'USD',
            period: 'month',
            start: null,
        });
    });

    it('reads name, title, currency, period and start', async () => {
        const m = await build(
            `model Acme "Acme CS plan FY27" { currency EUR period quarter start 2027-01 horizon 12 months }`,
        );
        expect(m.evaluation.results.model).toMatchObject({
            name: 'Acme',
            title: 'Acme CS plan FY27',
            currency: 'EUR',
            period: 'quarter',
            start: '2027-01',
            horizonMonths: 12,
        });
    });

    it('accepts declarations in any order (a service before its role)', async () => {
        const m = await build(`service QBR { role CSM effort 4h every quarter }\n${roles}`);
        expect(errors(m)).toEqual([]);
    });
});

describe('imports', () => {
    it('links names from imported files, relative to the importing file, transitively', async () => {
        const m = await build(
            {
                '/m/plan.cap': `import "./menu/services.cap"\ntier T { accounts 24 services QBR }\nagent a { role CSM }`,
                '/m/menu/services.cap': `import "../team/roles.cap"\nservice QBR { role CSM effort 15h every quarter }`,
                '/m/team/roles.cap': roles,
            },
            '/m/plan.cap',
        );
        expect(errors(m)).toEqual([]);
        expect(m.documents.map(d => d.uri.path)).toEqual(['/m/plan.cap', '/m/menu/services.cap', '/m/team/roles.cap']);
        // 24 accounts × 15 h / 3 months = 120 h a month = one CSM at 120 h effective
        expect(m.evaluation.results.roles.CSM.requiredFte).toBe(1);
    });

    it('does not see a file that is not imported', async () => {
        const m = await build({ '/m/main.cap': 'agent a { role CSM }', '/m/roles.cap': roles });
        expect(withCode(m, 'CAP003')).toMatchObject([{ text: 'CSM', line: 1, column: 16 }]);
        expect(withCode(m, 'CAP003')[0].message).toContain('Unknown role `CSM`');
    });

    it('reports a missing import at its path', async () => {
        const m = await build(`import "./nowhere.cap"\n${roles}`);
        expect(withCode(m, 'CAP040')).toMatchObject([{ line: 1, column: 8, text: '"./nowhere.cap"' }]);
    });

    it('reports an import of something that is not a .cap file', async () => {
        const m = await build('import "./notes.txt"');
        expect(withCode(m, 'CAP043')).toMatchObject([{ line: 1, text: '"./notes.txt"' }]);
    });

    it('reports import cycles, including a file importing itself', async () => {
        const m = await build({
            '/m/main.cap': 'import "./a.cap"',
            '/m/a.cap': 'import "./b.cap"',
            '/m/b.cap': 'import "./a.cap"\nimport "./b.cap"',
        });
        const cycles = withCode(m, 'CAP041');
        expect(cycles.map(c => `${c.file}:${c.line}`).sort()).toEqual(['/m/a.cap:1', '/m/b.cap:1', '/m/b.cap:2']);
        expect(cycles.find(c => c.line === 2)!.message).toContain('cannot import itself');
    });

    it('reports a duplicate name across imported files at each declaration in the entry file', async () => {
        const m = await build({ '/m/main.cap': `import "./roles.cap"\n${roles}`, '/m/roles.cap': roles });
        const dups = withCode(m, 'CAP010');
        expect(dups.map(d => `${d.file}:${d.line}:${d.column}:${d.text}`)).toEqual([
            '/m/main.cap:2:6:CSM',
            '/m/roles.cap:1:6:CSM',
        ]);
    });

    it('allows the same name for different kinds (a role and a service named Onboarding)', async () => {
        const m = await build(
            `role Onboarding { hours 160h / month cost $1 / month }\nservice Onboarding { role Onboarding effort 10h once }\ntier T { accounts 1 services Onboarding }`,
        );
        expect(errors(m)).toEqual([]);
    });

    it('allows one model block among the entry file and its imports', async () => {
        const m = await build({ '/m/main.cap': 'import "./b.cap"\nmodel A { }', '/m/b.cap': 'model B { }' });
        expect(withCode(m, 'CAP042')).toMatchObject([{ file: '/m/b.cap', text: 'B' }]);
        expect(m.evaluation.results.model.name).toBe('A');
    });
});
