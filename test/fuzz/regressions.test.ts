import { describe, expect, it } from 'vitest';
import { EmptyFileSystem, URI } from 'langium';
import { createCapLspServices } from '@cap/language/lsp';
import { MAX_LISTED_HIRES, forecast } from '@cap/engine';
import { build, withCode } from '../helpers.js';
import { agent, model, monthly, role, service, tier, ym } from '../engine/build.js';
import { Oracle } from './oracle.js';

/**
 * Every crash the fuzzer found, as the smallest input that showed it, named after what broke.
 * Each runs the whole oracle (build, report, editor features, formatter) and then pins the
 * behaviour that was wrong.
 */

const oracle = new Oracle();
const check = (text: string) =>
    oracle.check(
        { files: { '/m/main.cap': text }, entry: '/m/main.cap', target: '/m/main.cap' },
        { editor: true, format: true, hovers: 40, completions: 4 },
    );

const ROLE = 'role CSM { hours 160h / month  cost $9,500 / month }\n';

describe('fuzz regressions', () => {
    it('lowering: a `role` keyword with no name after it (service or agent) does not crash the evaluation', async () => {
        // Found as `TypeError: Cannot read properties of undefined (reading '$refText')` in lowerService.
        for (const text of [
            `${ROLE}service S { role }\n`,
            `${ROLE}agent a { role }\n`,
            `${ROLE}service S { effort 1h every month role`,
        ]) {
            await check(text);
            const m = await build(text);
            expect(
                m.diagnostics.some(d => d.diagnostic.code === 'CAP002'),
                text,
            ).toBe(true);
        }
    });

    it('quantities: a measure the parser left without its number (`mrr $ / 800`) is no NaN revenue', async () => {
        const text = `${ROLE}tier T { accounts 10  mrr $ / 800 }\n`;
        await check(text);
        const m = await build(text);
        expect(m.evaluation.results.tiers.T.revenue).toBe(0);
        // The syntax errors say what is wrong; no unit error about a number that is not there.
        expect(new Set(m.diagnostics.filter(d => d.diagnostic.severity === 1).map(d => d.diagnostic.code))).toEqual(
            new Set(['CAP002']),
        );
    });

    it('checks: contracted hours too large for a plan are out of range, not "Infinity h a month" (CAP038)', async () => {
        const text = `role CSM { hours ${'9'.repeat(400)}h / week  cost $9,500 / month }\n`;
        await check(text);
        const m = await build(text);
        expect(withCode(m, 'CAP026')).toHaveLength(1);
        expect(withCode(m, 'CAP038')).toEqual([]);
    });

    it('quantities: a number too large for a double (400 digits) is out of range and leaves every figure finite', async () => {
        const huge = '9'.repeat(400);
        const text =
            `role CSM { hours 160h / month  overhead ${huge}h / month  cost $9,500 / month }\n` +
            `service S { role CSM  effort 1h every month }\ntier T { accounts 10  arr $${huge}  services S }\nagent a { role CSM }\n`;
        await check(text);
        const m = await build(text);
        expect(withCode(m, 'CAP026').map(d => d.text)).toEqual([huge, huge]);
        // Out of range counts as missing, like any malformed value: no overhead, no revenue.
        expect(m.evaluation.results.roles.CSM.overheadPerFte).toBe(0);
        expect(m.evaluation.results.tiers.T.revenue).toBe(0);
    });

    it('quantities: a frequency beyond 10^15 (`999… times / year`) is out of range, not Infinity hours', async () => {
        const text = `${ROLE}service S { role CSM  effort 1h ${'9'.repeat(400)} times / year }\ntier T { accounts 10  services S }\n`;
        await check(text);
        const m = await build(text);
        expect(withCode(m, 'CAP026')).toHaveLength(1);
        expect(m.evaluation.results.roles.CSM.demandHours).toBe(0);
    });

    it('assertions: a right side beyond 10^15 is reported once (CAP026) and compared as unreadable, not as Infinity', async () => {
        const text = `${ROLE}assert CSM.requiredFte < ${'9'.repeat(400)}\n`;
        await check(text);
        const m = await build(text);
        expect(m.diagnostics.filter(d => d.diagnostic.severity === 1).map(d => d.diagnostic.code)).toEqual(['CAP026']);
        expect(m.evaluation.assertions[0].expected).toBeNull();
    });

    it('forecast: a gap of millions of FTE lists the first hires and counts all of them, without building millions of entries', () => {
        // Found as a worker running out of memory on `new 2147483648 / quarter` in growth-500.
        const f = forecast(
            model({
                start: ym(2027, 1),
                horizonMonths: 3,
                roles: [role('R', { hoursPerMonth: 100, costPerMonth: 5000, rampMonths: 1 })],
                services: [service('Care', 'R', { effortHours: 1, frequency: monthly })],
                tiers: [tier('T', { accounts: 1e9, newPerMonth: 1e9, services: ['Care'] })],
                agents: [agent('a', 'R')],
            }),
        )!;
        const r = f.roles.R;
        // Required 1e9 / 100 = 1e7 FTE in month 0, 2e7 then 3e7; staffed 1: gaps 1e7 − 1, 2e7 − 1, 3e7 − 1.
        expect(r.hires).toBe(3e7 - 1);
        expect(r.hiringPlan).toHaveLength(MAX_LISTED_HIRES);
        // A 1-month ramp: the hires month 1 needs start in month 0, month 2's in month 1.
        expect(f.budgetIncrease).toEqual([(2e7 - 1) * 5000, (3e7 - 1) * 5000, (3e7 - 1) * 5000]);
    });

    it('code actions: removing an unused role at the very end of a file (no final newline) stays inside the file', async () => {
        const text = `service S { role CSM  effort 1h every month }\ntier T { accounts 1  services S }\nrole Spare { hours 160h / month }`;
        await check(text);
        const { shared, Cap } = createCapLspServices(EmptyFileSystem);
        const doc = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file('/m/x.cap'));
        shared.workspace.LangiumDocuments.addDocument(doc);
        await shared.workspace.DocumentBuilder.build([doc], { validation: true });
        const whole = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };
        const actions = await Cap.lsp.CodeActionProvider!.getCodeActions(doc, {
            textDocument: { uri: doc.uri.toString() },
            range: whole,
            context: { diagnostics: doc.diagnostics ?? [] },
        });
        const remove = (actions ?? []).find(a => a.title === 'Remove unused role `Spare`') as {
            edit: { changes: Record<string, { range: unknown }[]> };
        };
        expect(remove.edit.changes[doc.uri.toString()][0].range).toEqual({
            start: { line: 2, character: 0 },
            end: { line: 2, character: 33 },
        });
    });
});

describe('fuzz regressions (second run)', () => {
    it('validation: `hours` with no quantity beside an overhead does not make the availability check throw', async () => {
        // Found as "An error occurred during validation: Cannot read properties of undefined (reading 'value')".
        for (const text of [
            'role R { hours overhead 10% }\n',
            'role R { overhead 10% hours }\n',
            'scenario S { role R { hours overhead 10% } }\nrole R { hours 160h / month }\n',
        ]) {
            await check(text);
        }
    });

    it('scoping: a reference inside a scenario that has no name yet links without an internal error', async () => {
        // Found as "An error occurred while resolving reference to 'CSM': Node at path /elements@10 has no name".
        await check(`${ROLE}scenario { agent a { role CSM } }\n`);
        await check(`${ROLE}scenario "title" { agent a { role CSM } }\n`);
    });

    it('report: an assertion is quoted the same whatever its layout (`$1e308` formats as `$1 e308`)', async () => {
        const quoted = async (value: string) =>
            (await build(`${ROLE}assert CSM.requiredFte < ${value}\n`)).evaluation.assertions[0].text;
        await check(`${ROLE}assert CSM.requiredFte < $1e308\n`);
        expect(await quoted('$1e308')).toBe('CSM.requiredFte < $1 e308');
        expect(await quoted('$ 100 /* a comment */ /month')).toBe('CSM.requiredFte < $100 / month');
        expect(await quoted('85 %')).toBe('CSM.requiredFte < 85%');
    });
});
