import Table from 'cli-table3';
import { renderActuals } from './actuals-table.js';
import type { AssertionResult, PlanResults, Results, ScenarioResults } from '@cap/engine';
import {
    formatDelta,
    formatFte,
    formatHours,
    formatMoney,
    formatNumber,
    formatPercent,
    periodMonths,
    periodSuffix,
} from '@cap/engine';

/**
 * The readable summary of `cap build`: roles, tiers and totals, per the model's reporting
 * period, formatted as a finance reader expects.
 */
export function renderSummary(results: Results, colour: boolean): string {
    const k = periodMonths(results.model.period);
    const per = periodSuffix(results.model.period);
    const money = (x: number | null) => formatMoney(x === null ? null : x, results.model.currency);
    const style = colour ? undefined : { head: [], border: [] };
    const name = results.model.title ?? results.model.name;
    const title = `${name} (${results.model.currency}, per ${results.model.period})`;

    const roles = new Table({
        head: ['Role', `Effective h${per}`, `Demand h${per}`, 'Required FTE', 'Staffed FTE', 'Utilization', 'Hires'],
        colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
        style,
    });
    for (const r of Object.values(results.roles)) {
        roles.push([
            r.name,
            formatHours(r.effectivePerFte * k),
            formatHours(r.demandHours * k),
            formatFte(r.requiredFte),
            formatFte(r.staffedFte),
            formatPercent(r.utilization),
            formatNumber(r.hires, 0),
        ]);
    }

    const tiers = new Table({
        head: ['Tier', 'Accounts', 'Designed effort', 'Accounts per FTE', `Cost to serve${per}`, 'CLV'],
        colAligns: ['left', 'right', 'left', 'left', 'right', 'right'],
        style,
    });
    for (const t of Object.values(results.tiers)) {
        const roleNames = Object.keys(t.designedEffort);
        const effort =
            roleNames
                .map(r => `${r} ${formatHours(t.designedEffort[r] === null ? null : t.designedEffort[r]! * k)}`)
                .join('\n') || '—';
        const capacity = roleNames.map(r => `${r} ${formatNumber(t.accountsPerFte[r], 1)}`).join('\n') || '—';
        tiers.push([
            t.name,
            formatNumber(t.accounts, 0),
            effort,
            capacity,
            money(t.costToServe === null ? null : t.costToServe * k),
            money(t.clv),
        ]);
    }

    const totals = results.totals;
    const lines = [title, '', roles.toString(), '', tiers.toString(), ''];
    const agentList = Object.values(results.agents);
    if (agentList.length > 0) {
        // Books (spec section 14): the accounts each agent owns in the CRM export, when one is read.
        const books = agentList.some(a => a.bookAccounts !== null);
        const agents = new Table({
            head: [
                'Agent',
                'Role',
                'FTE',
                `Capacity h${per}`,
                `Assigned h${per}`,
                'Load',
                ...(books ? ['Book', `Book revenue${per}`] : []),
            ],
            colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
            style,
        });
        // Grouped by role, as a team lead reads the list; a load over 100% is marked.
        for (const a of [...agentList].sort((x, y) => (x.role < y.role ? -1 : x.role > y.role ? 1 : 0))) {
            const fte = a.count === 1 ? formatFte(a.fte) : `${formatFte(a.fte)} × ${a.count}`;
            const load = !a.started
                ? 'not started'
                : `${formatPercent(a.load)}${a.load !== null && a.load > 1 ? ' ⚠' : ''}`;
            agents.push([
                a.name,
                a.role,
                fte,
                formatHours(a.capacityHours * k),
                formatHours(a.assignedHours * k),
                load,
                ...(books
                    ? [
                          a.bookAccounts === null ? '—' : formatNumber(a.bookAccounts, 0),
                          money(a.bookRevenue === null ? null : a.bookRevenue * k),
                      ]
                    : []),
            ]);
        }
        lines.push(agents.toString(), '');
    }
    const sources = Object.entries(results.data);
    if (sources.length > 0) lines.push(renderDataSources(sources, style), '');
    if (Object.keys(results.actuals).length > 0) lines.push(renderActuals(results, style));
    lines.push(
        `Accounts ${formatNumber(totals.accounts, 0)} · revenue ${money(totals.revenue * k)}${per} · ` +
            `team cost ${money(totals.teamCost * k)}${per} · ` +
            `CRC ${money(totals.crc === null ? null : totals.crc * k)}${per} · ` +
            `cost to revenue ${formatPercent(totals.costToRevenue)}`,
        `FTE required ${formatFte(totals.requiredFte)} · staffed ${formatFte(totals.staffedFte)}`,
    );
    return `${lines.join('\n')}\n`;
}

/**
 * The data blocks a model reads (spec section 14): each file, its rows, its accounts per tier,
 * what matched nothing.
 */
function renderDataSources(sources: [string, Results['data'][string]][], style: object | undefined): string {
    const table = new Table({
        head: ['Data', 'File', 'Rows', 'Accounts per tier', 'Matched nothing'],
        colAligns: ['left', 'left', 'right', 'left', 'left'],
        style,
    });
    const rows = (values: Record<string, number>) =>
        Object.entries(values).map(([value, n]) => `"${value}" ${formatNumber(n, 0)}`);
    for (const [name, d] of sources) {
        const tiers = Object.entries(d.tiers).map(([tier, n]) => `${tier} ${formatNumber(n, 0)}`);
        const unmatched = [
            ...rows(d.unmatched.tier).map(v => `tier ${v}`),
            ...rows(d.unmatched.owner).map(v => `owner ${v}`),
        ];
        table.push([name, d.file, formatNumber(d.rows, 0), tiers.join('\n') || '—', unmatched.join('\n') || '—']);
    }
    return table.toString();
}

/**
 * What follows the base tables of `cap build --summary`: the scenarios side by side with the base
 * (each figure with its difference), and every assertion with its outcome.
 */
export function renderPlanExtras(plan: PlanResults, colour: boolean): string {
    const parts: string[] = [];
    if (plan.scenarios.size > 0) parts.push(renderComparison(plan.results, [...plan.scenarios.values()], colour));
    if (plan.assertions.length > 0) parts.push(renderAssertions(plan.assertions));
    return parts.map(p => `\n${p}`).join('');
}

/** The base and the scenarios side by side: key figures, each scenario's with its difference. */
export function renderComparison(base: Results, scenarios: ScenarioResults[], colour: boolean): string {
    const k = periodMonths(base.model.period);
    const per = periodSuffix(base.model.period);
    const currency = base.model.currency;
    const money = (x: number | null) => formatMoney(x === null ? null : x * k, currency);
    const style = colour ? { compact: true } : { head: [], border: [], compact: true };
    const table = new Table({
        head: ['', 'Base', ...scenarios.map(s => s.name)],
        colAligns: ['left', 'right', ...scenarios.map(() => 'right' as const)],
        style,
    });
    type Row = [string, (r: Results) => number | null, (x: number | null) => string, (d: number | null) => string];
    const rows: Row[] = [
        ['Accounts', r => r.totals.accounts, x => formatNumber(x, 0), d => formatDelta(d, v => formatNumber(v, 0))],
        [
            `Revenue${per}`,
            r => r.totals.revenue,
            money,
            d => formatDelta(d === null ? null : d * k, v => formatMoney(v, currency)),
        ],
        [
            `Team cost${per}`,
            r => r.totals.teamCost,
            money,
            d => formatDelta(d === null ? null : d * k, v => formatMoney(v, currency)),
        ],
        [
            `CRC${per}`,
            r => r.totals.crc,
            money,
            d => formatDelta(d === null ? null : d * k, v => formatMoney(v, currency)),
        ],
        [
            'Cost to revenue',
            r => r.totals.costToRevenue,
            formatPercent,
            d => formatDelta(d, v => `${formatNumber(v * 100, 1)} pts`),
        ],
        ['Required FTE', r => r.totals.requiredFte, formatFte, d => formatDelta(d, formatFte)],
        ['Staffed FTE', r => r.totals.staffedFte, formatFte, d => formatDelta(d, formatFte)],
    ];
    const roleNames = new Set([...Object.keys(base.roles), ...scenarios.flatMap(s => Object.keys(s.results.roles))]);
    for (const role of roleNames) {
        rows.push([
            `${role} utilization`,
            r => r.roles[role]?.utilization ?? null,
            formatPercent,
            d => formatDelta(d, v => `${formatNumber(v * 100, 1)} pts`),
        ]);
        rows.push([
            `${role} hires`,
            r => r.roles[role]?.hires ?? null,
            x => formatNumber(x, 0),
            d => formatDelta(d, v => formatNumber(v, 0)),
        ]);
    }
    for (const [label, read, show, showDelta] of rows) {
        const b = read(base);
        table.push([
            label,
            show(b),
            ...scenarios.map(s => {
                const x = read(s.results);
                const d = x === null || b === null ? null : x - b;
                return `${show(x)} (${showDelta(d)})`;
            }),
        ]);
    }
    const titled = scenarios.filter(s => s.title).map(s => `${s.name}: ${s.title}`);
    return `${['Scenarios (difference from the base in brackets)', ...titled, '', table.toString()].join('\n')}\n`;
}

/** `✓ CSM.utilization <= 85% — CSM.utilization is 72%, as required (<= 85%)` */
export function renderAssertions(assertions: AssertionResult[]): string {
    const failed = assertions.filter(a => !a.ok).length;
    const lines = assertions.map(a => `${a.ok ? '✓' : '✗'} ${a.text}${a.ok ? ` (${a.actualText})` : `: ${a.message}`}`);
    return `${[`Assertions: ${assertions.length - failed} of ${assertions.length} hold`, ...lines].join('\n')}\n`;
}
