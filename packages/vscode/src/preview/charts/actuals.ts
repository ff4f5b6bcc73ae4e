/**
 * Designed against logged time (spec section 15): per service and per role, the hours the plan
 * designs (a tick) and the hours the team logged (a bar), the roles' unplanned part drawn inside
 * their bar. Left out of a plan that reads no time log.
 */
import { table } from '../html.js';
import { isNum } from '../num.js';
import { entries } from '../report.js';
import type { Chart, DrawContext } from './chart.js';
import { barRows, color, column } from './chart.js';

export interface ActualsBar {
    name: string;
    designed: number;
    logged: number;
    unplanned: number;
    label: string;
    title: string;
}

export interface ActualsData {
    services: ActualsBar[];
    roles: ActualsBar[];
}

export const actualsChart: Chart<ActualsData> = {
    id: 'actuals',
    render(report, f) {
        const blocks = entries(report.actuals);
        if (blocks.length === 0) return null;
        const services: ActualsBar[] = [];
        const roles: ActualsBar[] = [];
        const signed = (x: unknown) => (isNum(x) ? `${x > 0 ? '+' : ''}${f.percent(x)}` : '—');
        for (const [block, a] of blocks) {
            const prefix = blocks.length > 1 ? `${block}: ` : '';
            for (const [name, s] of entries(a.services)) {
                const designed = f.perPeriod(s.designedHours) ?? 0;
                const logged = f.perPeriod(s.actualHours) ?? 0;
                services.push({
                    name: prefix + name,
                    designed,
                    logged,
                    unplanned: 0,
                    label: `${f.hoursPerPeriod(s.actualHours)} · ${signed(s.variance)}`,
                    title:
                        `${name}: designed ${f.hoursPerPeriod(s.designedHours)}, ` +
                        `logged ${f.hoursPerPeriod(s.actualHours)} ` +
                        `(${signed(s.variance)}); ${f.number(s.actualEffort, 1)} h per occurrence`,
                });
            }
            for (const [name, r] of entries(a.roles)) {
                const logged = f.perPeriod(r.actualHours) ?? 0;
                const unplanned = f.perPeriod(r.unplannedHours) ?? 0;
                roles.push({
                    name: prefix + name,
                    designed: f.perPeriod(r.designedHours) ?? 0,
                    logged,
                    unplanned,
                    label:
                        `${f.hoursPerPeriod(r.actualHours)} · ` +
                        `${f.percent(logged > 0 ? unplanned / logged : 0)} unplanned`,
                    title:
                        `${name}: designed ${f.hoursPerPeriod(r.designedHours)}, ` +
                        `logged ${f.hoursPerPeriod(r.actualHours)}, ` +
                        `${f.hoursPerPeriod(r.unplannedHours)} of it unplanned`,
                });
            }
        }
        const windows = blocks
            .map(
                ([name, a]) =>
                    `${name}: ${a.window?.from ?? '—'} to ${a.window?.to ?? '—'}, ${f.number(a.entries, 0)} entries`,
            )
            .join('; ');
        return {
            heading: 'Designed vs actual',
            caption:
                `Hours ${f.suffix} the plan designs (tick) and the team logged (bar); a role's unplanned work ` +
                `is the darker part of its bar. ${windows}.`,
            legend: [
                { color: 'demand', label: 'logged' },
                { color: 'gap', label: 'unplanned' },
                { color: 'required', label: 'designed' },
            ],
            data: { services, roles },
            table:
                table(
                    'Designed against logged hours per service',
                    ['Service', `Designed (${f.suffix})`, `Logged (${f.suffix})`, 'Variance'],
                    blocks.flatMap(([, a]) =>
                        entries(a.services).map(([name, s]) => [
                            name,
                            f.hoursPerPeriod(s.designedHours),
                            f.hoursPerPeriod(s.actualHours),
                            signed(s.variance),
                        ]),
                    ),
                ) +
                table(
                    'Designed against logged hours per role',
                    ['Role', `Designed (${f.suffix})`, `Logged (${f.suffix})`, `Unplanned (${f.suffix})`],
                    blocks.flatMap(([, a]) =>
                        entries(a.roles).map(([name, r]) => [
                            name,
                            f.hoursPerPeriod(r.designedHours),
                            f.hoursPerPeriod(r.actualHours),
                            f.hoursPerPeriod(r.unplannedHours),
                        ]),
                    ),
                ),
        };
    },
    draw(data, ctx) {
        return column([
            ['Per service', data.services.length, () => actualsBars(data.services, ctx)],
            ['Per role', data.roles.length, () => actualsBars(data.roles, ctx)],
        ]);
    },
};

function actualsBars(bars: ActualsBar[], ctx: DrawContext): Element {
    const { Plot } = ctx;
    const end = bars.map(b => ({ ...b, end: Math.max(b.logged, b.designed) }));
    return barRows(
        ctx,
        { names: bars.map(b => b.name), labels: bars.map(b => b.label), axis: 'hours', rowHeight: 28 },
        [
            Plot.barX(bars, { y: 'name', x: 'logged', fill: color('demand'), title: 'title', className: 'cap-bars' }),
            Plot.barX(bars, { y: 'name', x: 'unplanned', fill: color('gap'), title: 'title', className: 'cap-bars' }),
            Plot.tickX(bars, { y: 'name', x: 'designed', stroke: color('required'), strokeWidth: 3 }),
            Plot.text(end, { y: 'name', x: 'end', text: 'label', textAnchor: 'start', dx: 6, className: 'cap-value' }),
            Plot.ruleX([0]),
        ],
    );
}
