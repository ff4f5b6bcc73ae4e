/**
 * The forecast, when the model has one (`start` and `horizon`): the accounts month by month, and for
 * each role the required against the staffed FTE (falling as people leave), the gap between them
 * shaded, each hire marked at the month it is needed (▲ +N), the month it must start by (a dotted
 * line) and the month its requisition must open by (`req`, at the first month when already late).
 */
import { table } from '../html.js';
import { isNum } from '../num.js';
import { entries } from '../report.js';
import type { Chart, DrawContext } from './chart.js';
import { color, compact, element, textWidth } from './chart.js';

export interface FteMonth {
    month: string;
    required: number | null;
    staffed: number | null;
}

/** Hires needed from one month (▲), or to start by one month (the dotted line). */
export interface HireMark {
    month: string;
    /** Required FTE that month, where the ▲ sits. */
    fte: number | null;
    label: string;
    title: string;
}

export interface ForecastRole {
    role: string;
    summary: string;
    months: FteMonth[];
    needed: HireMark[];
    starts: HireMark[];
    /** Requisitions to open by a month; those before the forecast, late, at its first month. */
    opens: HireMark[];
    /** The last month's required and staffed FTE, written at the lines' ends. */
    end: { required: string; staffed: string };
}

export interface ForecastData {
    months: string[];
    accounts: { month: string; value: number; label: string }[];
    roles: ForecastRole[];
}

export const forecastChart: Chart<ForecastData> = {
    id: 'forecast',
    wide: true,
    render(report, f) {
        const forecast = report.forecast;
        const months = Array.isArray(forecast?.months) ? forecast.months.map(String) : [];
        const roles = entries(forecast?.roles);
        if (!forecast || months.length === 0) return null;
        const at = <T>(xs: T[] | undefined, i: number): T | null => (Array.isArray(xs) && i < xs.length ? xs[i] : null);
        const accounts = months.flatMap((month, i) => {
            const v = at(forecast.accounts, i);
            return isNum(v) ? [{ month, value: v, label: f.number(v, 0) }] : [];
        });
        const inHorizon = new Set(months);
        const hiresTable: string[][] = [];
        const data: ForecastRole[] = roles.map(([role, r]) => {
            const fte: FteMonth[] = months.map((month, i) => {
                const required = at(r.requiredFte, i);
                const staffed = at(r.staffedFte, i);
                return { month, required: isNum(required) ? required : null, staffed: isNum(staffed) ? staffed : null };
            });
            const plan = Array.isArray(r.hiringPlan) ? r.hiringPlan : [];
            const late = (month: string | undefined) => month !== undefined && month < months[0];
            const dated = (month: string | undefined) =>
                `${month ?? '—'}${late(month) ? ' (before the forecast starts)' : ''}`;
            plan.forEach((h, i) =>
                hiresTable.push([role, String(i + 1), dated(h.openBy), dated(h.startBy), h.neededFrom ?? '—']),
            );
            const byMonth = (key: 'neededFrom' | 'startBy') => {
                const counts = new Map<string, number>();
                for (const h of plan) {
                    const m = h[key];
                    if (m && inHorizon.has(m)) counts.set(m, (counts.get(m) ?? 0) + 1);
                }
                return [...counts];
            };
            const needed = byMonth('neededFrom').map(
                ([month, n]): HireMark => ({
                    month,
                    fte: fte.find(x => x.month === month)?.required ?? null,
                    label: `+${n}`,
                    title: `${role}: ${n} ${n === 1 ? 'hire' : 'hires'} needed from ${month}`,
                }),
            );
            const starts = byMonth('startBy').map(
                ([month, n]): HireMark => ({
                    month,
                    fte: null,
                    label: 'start',
                    title: `${role}: ${n} ${n === 1 ? 'hire' : 'hires'} to start by ${month}`,
                }),
            );
            // Requisitions by the month they must open by; those already late at the first month.
            const opening = new Map<string, { late: number; due: number }>();
            for (const h of plan) {
                const month = late(h.openBy) ? months[0] : h.openBy;
                if (!month || !inHorizon.has(month)) continue;
                const o = opening.get(month) ?? { late: 0, due: 0 };
                if (late(h.openBy)) o.late++;
                else o.due++;
                opening.set(month, o);
            }
            const reqs = (n: number) => `${n} ${n === 1 ? 'requisition' : 'requisitions'}`;
            const opens = [...opening].map(([month, o]): HireMark => {
                const parts = [
                    ...(o.late > 0 ? [`${reqs(o.late)} late (to open before the forecast starts)`] : []),
                    ...(o.due > 0 ? [`${reqs(o.due)} to open by ${month}`] : []),
                ];
                return {
                    month,
                    fte: null,
                    label: o.late > 0 ? 'req late' : 'req',
                    title: `${role}: ${parts.join(', ')}`,
                };
            });
            const last = fte.at(-1);
            const hires = plan.length;
            const first = plan[0];
            // A report from before v1.1 has no requisition months: its summary says nothing of them.
            const opened = first?.openBy
                ? `, its requisition open by ${first.openBy}${late(first.openBy) ? ' (late)' : ''}`
                : '';
            const plans =
                hires === 0
                    ? 'no hires needed'
                    : `${hires} ${hires === 1 ? 'hire' : 'hires'}, the first needed from ${first.neededFrom ?? '—'}, ` +
                      `to start by ${first.startBy ?? '—'}${opened}`;
            const leavers = Array.isArray(r.leaversFte) ? r.leaversFte.at(-1) : undefined;
            const leaving = isNum(leavers) && leavers > 0 ? `; ${f.fte(leavers)} FTE leave by ${months.at(-1)}` : '';
            return {
                role,
                summary: `${role}: ${plans}${leaving}`,
                months: fte,
                needed,
                starts,
                opens,
                end: { required: `${f.fte(last?.required)} required`, staffed: `${f.fte(last?.staffed)} staffed` },
            };
        });
        // Leavers get a column where a role loses people (attrition, spec section 16).
        const leaving = (r: (typeof roles)[number][1]) =>
            Array.isArray(r.leaversFte) && r.leaversFte.some(x => isNum(x) && x > 0);
        const head = [
            'Month',
            'Accounts',
            ...roles.flatMap(([n, r]) => [
                `${n} required FTE`,
                `${n} staffed FTE`,
                ...(leaving(r) ? [`${n} leavers FTE`] : []),
                `${n} gap FTE`,
            ]),
        ];
        const rows = months.map((m, i) => [
            m,
            f.number(at(forecast.accounts, i), 0),
            ...roles.flatMap(([, r]) => [
                f.fte(at(r.requiredFte, i)),
                f.fte(at(r.staffedFte, i)),
                ...(leaving(r) ? [f.fte(at(r.leaversFte, i))] : []),
                f.fte(at(r.gapFte, i)),
            ]),
        ]);
        const hiring =
            hiresTable.length > 0
                ? table('Hiring plan', ['Role', 'Hire', 'Open req by', 'Start by', 'Needed from'], hiresTable)
                : '<p>No role runs short over the horizon.</p>';
        return {
            heading: `Forecast ${months[0]} to ${months.at(-1)}`,
            caption:
                'Accounts month by month, and each role’s required against staffed FTE (less the people who leave): ' +
                'the shaded gap is work without people; ▲ marks the month hires are needed from, a dotted line the ' +
                'month they must start by to be ramped in time, req the month their requisitions must open.',
            legend: [
                { color: 'required', label: 'Required FTE' },
                { color: 'staffed', label: 'Staffed FTE (dashed)' },
                { color: 'gap', label: 'Gap' },
                { color: 'hire', label: 'Hires: ▲ needed from, ┆ start by, req open by' },
            ],
            data: { months, accounts, roles: data },
            table: `${table('Accounts and headcount per month', head, rows)}\n${hiring}`,
        };
    },
    draw(data, ctx) {
        const out = element('div', 'cap-chart-column');
        const step = Math.max(1, Math.ceil((data.months.length * 64) / Math.max(1, ctx.width - 120)));
        const ticks = data.months.filter((_, i) => i % step === 0);
        out.append(element('h3', 'cap-chart-subheading', 'Accounts'), accountsChart(data, ticks, ctx));
        for (const role of data.roles)
            out.append(element('h3', 'cap-chart-subheading', role.summary), roleChart(role, data.months, ticks, ctx));
        return out;
    },
};

function accountsChart(data: ForecastData, ticks: string[], { Plot, plot, width }: DrawContext): Element {
    const ends = data.accounts.filter((_, i) => i === 0 || i === data.accounts.length - 1);
    return plot({
        width,
        height: 170,
        marginLeft: 56,
        marginRight: 24,
        marginTop: 24,
        marginBottom: 30,
        x: { type: 'point', domain: data.months, ticks, label: null, padding: 0.3 },
        y: { label: 'accounts', grid: true, nice: true, tickFormat: compact, ticks: 4 },
        marks: [
            Plot.lineY(data.accounts, { x: 'month', y: 'value', stroke: color('accounts'), strokeWidth: 2.5 }),
            Plot.dot(data.accounts, {
                x: 'month',
                y: 'value',
                fill: color('accounts'),
                r: 3,
                title: (d: { month: string; label: string }) => `${d.month}: ${d.label} accounts`,
            }),
            Plot.text(ends, { x: 'month', y: 'value', text: 'label', dy: -12, className: 'cap-value' }),
        ],
    });
}

function roleChart(role: ForecastRole, months: string[], ticks: string[], { Plot, plot, width }: DrawContext): Element {
    const both = role.months.filter(
        (m): m is { month: string; required: number; staffed: number } => m.required !== null && m.staffed !== null,
    );
    const last = role.months.at(-1);
    const required =
        last?.required != null ? [{ month: last.month, fte: last.required, label: role.end.required }] : [];
    const staffed = last?.staffed != null ? [{ month: last.month, fte: last.staffed, label: role.end.staffed }] : [];
    // The two labels at the lines' ends, one above the other, whichever line ends higher.
    const staffedAbove = (last?.staffed ?? 0) > (last?.required ?? 0);
    const marginRight = Math.max(textWidth(role.end.required), textWidth(role.end.staffed)) + 22;
    return plot({
        width,
        height: 200,
        marginLeft: 56,
        marginRight,
        marginTop: 24,
        marginBottom: 30,
        x: { type: 'point', domain: months, ticks, label: null, padding: 0.3 },
        y: { label: 'FTE', grid: true, nice: true, zero: true, ticks: 4 },
        marks: [
            Plot.areaY(both, {
                x: 'month',
                y1: 'staffed',
                y2: (m: FteMonth) => Math.max(m.staffed ?? 0, m.required ?? 0),
                fill: color('gap'),
                fillOpacity: 0.3,
            }),
            Plot.ruleX(role.starts, {
                x: 'month',
                stroke: color('hire'),
                strokeDasharray: '2 3',
                strokeWidth: 1.5,
                title: 'title',
            }),
            Plot.lineY(role.months, {
                x: 'month',
                y: 'staffed',
                stroke: color('staffed'),
                strokeWidth: 2.5,
                strokeDasharray: '6 4',
            }),
            Plot.lineY(role.months, { x: 'month', y: 'required', stroke: color('required'), strokeWidth: 2.5 }),
            Plot.dot(role.months, {
                x: 'month',
                y: 'required',
                fill: color('required'),
                r: 2.5,
                title: (m: FteMonth) =>
                    `${role.role}, ${m.month}: ${m.required ?? '—'} required, ${m.staffed ?? '—'} staffed FTE`,
            }),
            Plot.dot(role.needed, {
                x: 'month',
                y: 'fte',
                symbol: 'triangle',
                r: 7,
                fill: color('hire'),
                title: 'title',
                className: 'cap-hire',
            }),
            Plot.text(role.needed, {
                x: 'month',
                y: 'fte',
                text: 'label',
                dy: -14,
                className: 'cap-value cap-hire-label',
            }),
            Plot.text(role.opens, {
                x: 'month',
                text: 'label',
                frameAnchor: 'bottom',
                textAnchor: 'start',
                dx: 4,
                dy: -6,
                fill: color('hire'),
                title: 'title',
                className: 'cap-value cap-req-label',
            }),
            Plot.text(required, {
                x: 'month',
                y: 'fte',
                text: 'label',
                textAnchor: 'start',
                dx: 16,
                dy: staffedAbove ? 8 : -8,
                className: 'cap-value',
            }),
            Plot.text(staffed, {
                x: 'month',
                y: 'fte',
                text: 'label',
                textAnchor: 'start',
                dx: 16,
                dy: staffedAbove ? -8 : 8,
                className: 'cap-value',
            }),
        ],
    });
}
