import { describe, expect, it } from 'vitest';
import type { CapFile } from '@cap/language';
import { FailOnError, evaluateFailOn, parseFailOn } from '../../packages/cli/src/diff/fail-on.js';
import { diffInputs, sentence } from '../../packages/cli/src/diff/inputs.js';
import { diffReports, formatRatio, headline } from '../../packages/cli/src/diff/outputs.js';
import type { OutputRow, Report } from '../../packages/cli/src/diff/outputs.js';
import { renderText } from '../../packages/cli/src/diff/render-text.js';
import { build } from '../helpers.js';

/** The pure parts of `cap diff`, called directly: the --fail-on grammar, the two diffs, colour. */

describe('--fail-on grammar', () => {
    it.each([
        ['teamCost>5%', { path: 'teamCost', op: '>', amount: 0.05, mode: 'relative', money: false }],
        ['CSM.requiredFte>1', { path: 'CSM.requiredFte', op: '>', amount: 1, mode: 'absolute', money: false }],
        ['crc>+$20', { path: 'crc', op: '>', amount: 20, mode: 'absolute', money: true }],
        ['crc > 20 EUR', { path: 'crc', op: '>', amount: 20, mode: 'absolute', money: true }],
        ['teamCost>$1.5k', { path: 'teamCost', op: '>', amount: 1500, mode: 'absolute', money: true }],
        ['totals.revenue<-1,000', { path: 'totals.revenue', op: '<', amount: -1000, mode: 'absolute', money: false }],
        ['Enterprise.clv<-10%', { path: 'Enterprise.clv', op: '<', amount: -0.1, mode: 'relative', money: false }],
        ['*.utilization>5pp', { path: '*.utilization', op: '>', amount: 0.05, mode: 'points', money: false }],
        ['teamCost>0', { path: 'teamCost', op: '>', amount: 0, mode: 'absolute', money: false }],
    ])('%s', (text, rule) => {
        expect(parseFailOn(text)).toMatchObject(rule);
    });

    it.each([
        'teamCost',
        'teamCost>=5%',
        'teamCost>5%%',
        'team-cost>5%',
        'C*M.requiredFte>1',
        'teamCost>-5%',
        'clv<10%',
        'crc>$5%',
        '>5%',
        'teamCost>five',
    ])('refuses %s', text => {
        expect(() => parseFailOn(text)).toThrow(FailOnError);
    });

    const row = (path: string, old: number | null, neu: number | null, unit: OutputRow['unit'] = 'fte'): OutputRow => ({
        path,
        section: path.split('.')[0] as OutputRow['section'],
        label: path,
        unit,
        old,
        new: neu,
        delta: old === null || neu === null ? null : neu - old,
        ratio: old === null || neu === null || old === 0 ? null : (neu - old) / Math.abs(old),
        status: 'changed',
    });

    it('looks short paths up under totals, roles, tiers and scenarios; * is any one name', () => {
        const rows = [
            row('totals.teamCost', 100, 110, 'moneyPerPeriod'),
            row('roles.CSM.requiredFte', 2, 4),
            row('roles.AM.requiredFte', 1, 1.5),
            row('scenarios.Growth.totals.teamCost', 100, 200, 'moneyPerPeriod'),
        ];
        const crossed = (text: string) => evaluateFailOn([parseFailOn(text)], rows).map(x => x.row.path);
        expect(crossed('teamCost>5%')).toEqual(['totals.teamCost']);
        expect(crossed('teamCost>10%')).toEqual([]); // exactly 10% is not more than 10%
        expect(crossed('CSM.requiredFte>1')).toEqual(['roles.CSM.requiredFte']);
        expect(crossed('*.requiredFte>0.25')).toEqual(['roles.CSM.requiredFte', 'roles.AM.requiredFte']);
        expect(crossed('Growth.totals.teamCost>+$50')).toEqual(['scenarios.Growth.totals.teamCost']);
        expect(() => crossed('Nobody.requiredFte>1')).toThrow(/no figure named Nobody\.requiredFte/);
    });

    it('a rise from 0 crosses every relative rule; an undefined side crosses none', () => {
        const rows = [
            row('totals.teamCost', 0, 10, 'moneyPerPeriod'),
            row('roles.CSM.utilization', null, 0.9, 'fraction'),
        ];
        expect(evaluateFailOn([parseFailOn('teamCost>1000%')], rows)).toHaveLength(1);
        expect(evaluateFailOn([parseFailOn('CSM.utilization>1pp')], rows)).toHaveLength(0);
    });
});

describe('plan changes from syntax trees', () => {
    const files = async (text: string) => [(await build(text)).entry.parseResult.value as CapFile];

    it('words each kind of change for a CS Ops reader', async () => {
        const before = await files(
            'role CSM { hours 160h / month  overhead 40h / month  cost $9,500 / month }\nservice QBR { role CSM  effort 4h every quarter  price $100 every quarter }\nagent bob { role CSM }\n',
        );
        const after = await files(
            'role CSM { hours 160h / month  overhead 50h / month  cost $9,500 / month  ramp 3 months }\nservice QBR { role CSM  effort 4h every month  price $150 every quarter }\nagent dana { role CSM  fte 0.5 }\n',
        );
        expect(diffInputs(before, after).map(c => sentence(c))).toEqual([
            'role CSM: overhead 40h / month → 50h / month',
            'role CSM: ramp 3 months added',
            'service QBR: effort 4h every quarter → 4h every month', // the frequency changed: nothing to factor out
            'service QBR: price $100 → $150 every quarter',
            'agent bob removed', // within a kind, by name
            'agent dana added',
        ]);
    });

    it('a model block is one declaration whatever its name', async () => {
        const before = await files('model A "Plan" { currency USD  period month }\n');
        const after = await files('model B "Plan" { currency USD  period quarter }\n');
        expect(diffInputs(before, after).map(c => sentence(c))).toEqual([
            'model: name A → B',
            'model: period month → quarter',
        ]);
    });

    it('two assertions on one path are told apart by their place', async () => {
        const before = await files('assert totals.crc >= $100\nassert totals.crc <= $400\n');
        const after = await files(
            'assert totals.crc >= $100\nassert totals.crc <= $450\nassert totals.costToRevenue < 12%\n',
        );
        expect(diffInputs(before, after).map(c => sentence(c, t => `\`${t}\``))).toEqual([
            'assert totals.costToRevenue `< 12%` added', // by path, like names
            'assert totals.crc: `<= $400` → `<= $450`',
        ]);
    });
});

describe('figures from two reports', () => {
    it('reads missing or malformed sections as empty rather than failing', () => {
        // Sections of the wrong shape, as a hand-edited report file may have: not a Report, on purpose.
        const malformed = { schema: 'cap-report/1', totals: { teamCost: 15 }, roles: 'nonsense', forecast: [] };
        const diff = diffReports({ schema: 'cap-report/1', totals: { teamCost: 5 } }, malformed as unknown as Report);
        expect(diff.rows.filter(r => r.status !== 'unchanged').map(r => r.path)).toEqual(['totals.teamCost']);
        expect(headline(diff)).toBe('+$10.00/mo team cost');
        // A figure missing on one side is a change with no delta: shown, never in the headline.
        const missing = diffReports({ schema: 'cap-report/1' }, { schema: 'cap-report/1', totals: { teamCost: 10 } });
        expect(missing.rows.find(r => r.path === 'totals.teamCost')).toMatchObject({
            status: 'changed',
            old: null,
            new: 10,
            delta: null,
        });
        expect(headline(missing)).toBe('1 figure changed.');
    });

    it('colours only when asked to: green for a cost that fell, red for one that rose', () => {
        const base: Report = {
            schema: 'cap-report/1',
            model: { currency: 'USD', period: 'month' },
            totals: { teamCost: 100, crc: 10 },
        };
        const diff = diffReports(base, { ...base, totals: { teamCost: 120, crc: 8 } });
        const result = {
            old: { label: 'a', kind: 'report' as const },
            new: { label: 'b', kind: 'report' as const },
            inputs: null,
            outputs: diff,
            rules: [],
            crossings: [],
            all: false,
            notes: [],
            data: [],
        };
        expect(renderText(result, false)).not.toMatch(/\x1b\[/);
        const coloured = renderText(result, true);
        expect(coloured).toContain('\x1b[31m▲ +$20.00\x1b[39m'); // team cost up: red
        expect(coloured).toContain('\x1b[32m▼ -$2.00\x1b[39m'); // CRC down: green
    });
});

describe('the percentage column', () => {
    const row = (old: number, now: number): OutputRow => ({
        path: 'roles.CSM.gapFte',
        section: 'roles',
        label: 'CSM gap FTE',
        unit: 'fte',
        old,
        new: now,
        delta: now - old,
        ratio: old === 0 ? null : (now - old) / Math.abs(old),
        status: 'changed',
    });

    it('is the change over a positive old figure: 2 → 3 is +50%, 2 → 0 is -100%', () => {
        expect(formatRatio(row(2, 3))).toBe('+50%');
        expect(formatRatio(row(2, 0))).toBe('-100%');
    });

    it('is left out from 0, from a negative figure and across a change of sign', () => {
        // -1.2 → -0.7 would read "+42%" (0.5 ÷ 1.2), though the gap shrank; 0 → 1 has no size.
        expect(formatRatio(row(-1.2, -0.7))).toBe('—');
        expect(formatRatio(row(0, 1))).toBe('—');
        expect(formatRatio(row(1, -0.5))).toBe('—');
        expect(formatRatio(row(2, 2))).toBe('');
    });
});
