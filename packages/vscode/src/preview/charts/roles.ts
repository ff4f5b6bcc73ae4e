/**
 * Demand against staffed capacity per role, in hours of the display period: two bars a role with
 * their values, an hours axis, and each role's utilization under its name.
 */
import { table } from '../html.js';
import { isNum } from '../num.js';
import { entries } from '../report.js';
import type { Chart } from './chart.js';
import { color, compact, short, textWidth } from './chart.js';

const DEMAND_AGAINST_CAPACITY =
    'Hours of work the model asks of each role (demand) against the hours its staffed agents have (capacity)';

export interface RoleBar {
    role: string;
    series: 'demand' | 'capacity';
    hours: number;
    label: string;
    title: string;
}

export interface RolesData {
    /** Each role with its utilization, in the report's order. */
    roles: { name: string; utilization: string }[];
    bars: RoleBar[];
    /** The axis's label: hours and the display period. */
    axis: string;
}

export const rolesChart: Chart<RolesData> = {
    id: 'roles',
    render(report, f) {
        const roles = entries(report.roles);
        const heading = 'Demand and capacity per role';
        if (roles.length === 0) return { heading, empty: 'No roles yet.' };
        const rows = roles.map(([name, r]) => {
            // Both in the report's period; the display period applies where a figure is written.
            const demand = isNum(r.demandHours) ? r.demandHours : null;
            const capacity = isNum(r.staffedFte) && isNum(r.effectivePerFte) ? r.staffedFte * r.effectivePerFte : null;
            const over = isNum(r.utilization) && r.utilization > 1;
            const utilization = isNum(r.utilization)
                ? `${f.percent(r.utilization)} utilized${over ? ' ⚠' : ''}`
                : 'no staff';
            return { name, r, demand, capacity, utilization };
        });
        const bars: RoleBar[] = rows.flatMap(x => {
            const title =
                `${x.name}: demand ${f.hoursPerPeriod(x.demand)}, ` +
                `capacity ${f.hoursPerPeriod(x.capacity)}, ${x.utilization}`;
            return (['demand', 'capacity'] as const).map(series => {
                const hours = f.perPeriod(series === 'demand' ? x.demand : x.capacity);
                return {
                    role: x.name,
                    series,
                    hours: hours ?? 0,
                    label: hours === null ? '—' : `${f.number(hours, 0)} h`,
                    title,
                };
            });
        });
        return {
            heading,
            caption: `${DEMAND_AGAINST_CAPACITY}, per ${f.period}.`,
            legend: [
                { color: 'demand', label: 'Demand' },
                { color: 'capacity', label: 'Staffed capacity' },
            ],
            data: {
                roles: rows.map(x => ({ name: x.name, utilization: x.utilization })),
                bars,
                axis: `hours per ${f.period}`,
            },
            table: table(
                'Demand and capacity per role',
                [
                    'Role',
                    `Demand (h${f.suffix})`,
                    `Capacity (h${f.suffix})`,
                    'Required FTE',
                    'Staffed FTE',
                    'Utilization',
                    'Gap FTE',
                    'Hires',
                ],
                rows.map(x => [
                    x.name,
                    f.number(f.perPeriod(x.demand)),
                    f.number(f.perPeriod(x.capacity)),
                    f.fte(x.r.requiredFte),
                    f.fte(x.r.staffedFte),
                    f.percent(x.r.utilization),
                    f.fte(x.r.gapFte),
                    f.number(x.r.hires, 0),
                ]),
            ),
        };
    },
    draw(data, { Plot, plot, width }) {
        const names = new Map(data.roles.map(r => [r.name, `${short(r.name, 24)}\n${r.utilization}`]));
        const marginLeft = Math.min(220, Math.max(...[...names.values()].map(textWidth), 60) + 12);
        const marginRight = Math.max(...data.bars.map(b => textWidth(b.label)), 20) + 12;
        return plot({
            width,
            height: data.roles.length * 64 + 44,
            marginLeft,
            marginRight,
            marginTop: 8,
            marginBottom: 36,
            x: {
                label: data.axis,
                labelAnchor: 'right',
                grid: true,
                nice: true,
                tickFormat: compact,
                ticks: Math.max(2, Math.floor((width - marginLeft - marginRight) / 80)),
            },
            y: { axis: null, domain: ['demand', 'capacity'], paddingInner: 0.15, paddingOuter: 0.1 },
            fy: {
                axis: 'left',
                label: null,
                domain: data.roles.map(r => r.name),
                tickFormat: (name: string) => names.get(name) ?? name,
                padding: 0.2,
            },
            marks: [
                Plot.barX(data.bars, {
                    fy: 'role',
                    y: 'series',
                    x: 'hours',
                    fill: (b: RoleBar) => color(b.series),
                    title: 'title',
                    className: 'cap-bars',
                }),
                Plot.text(data.bars, {
                    fy: 'role',
                    y: 'series',
                    x: 'hours',
                    text: 'label',
                    textAnchor: 'start',
                    dx: 6,
                    className: 'cap-value',
                }),
                Plot.ruleX([0]),
            ],
        });
    },
};
