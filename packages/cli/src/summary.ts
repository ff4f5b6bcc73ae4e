import Table from 'cli-table3';
import type { Results } from '@cap/engine';
import { formatFte, formatHours, formatMoney, formatNumber, formatPercent, periodMonths, periodSuffix } from '@cap/engine';

/**
 * The readable summary of `cap build`: roles, tiers and totals, per the model's reporting
 * period, formatted as a finance reader expects.
 */
export function renderSummary(results: Results, colour: boolean): string {
    const k = periodMonths(results.model.period);
    const per = periodSuffix(results.model.period);
    const money = (x: number | null) => formatMoney(x === null ? null : x, results.model.currency);
    const style = colour ? undefined : { head: [], border: [] };
    const title = `${results.model.title ?? results.model.name} (${results.model.currency}, per ${results.model.period})`;

    const roles = new Table({
        head: ['Role', `Effective h${per}`, `Demand h${per}`, 'Required FTE', 'Staffed FTE', 'Utilization', 'Hires'],
        colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
        style,
    });
    for (const r of Object.values(results.roles)) {
        roles.push([r.name, formatHours(r.effectivePerFte * k), formatHours(r.demandHours * k), formatFte(r.requiredFte), formatFte(r.staffedFte), formatPercent(r.utilization), formatNumber(r.hires, 0)]);
    }

    const tiers = new Table({
        head: ['Tier', 'Accounts', 'Designed effort', 'Accounts per FTE', `Cost to serve${per}`, 'CLV'],
        colAligns: ['left', 'right', 'left', 'left', 'right', 'right'],
        style,
    });
    for (const t of Object.values(results.tiers)) {
        const roleNames = Object.keys(t.designedEffort);
        const effort = roleNames.map(r => `${r} ${formatHours(t.designedEffort[r] === null ? null : t.designedEffort[r]! * k)}`).join('\n') || '—';
        const capacity = roleNames.map(r => `${r} ${formatNumber(t.accountsPerFte[r], 1)}`).join('\n') || '—';
        tiers.push([t.name, formatNumber(t.accounts, 0), effort, capacity, money(t.costToServe === null ? null : t.costToServe * k), money(t.clv)]);
    }

    const totals = results.totals;
    const lines = [
        title,
        '',
        roles.toString(),
        '',
        tiers.toString(),
        '',
        `Accounts ${formatNumber(totals.accounts, 0)} · revenue ${money(totals.revenue * k)}${per} · team cost ${money(totals.teamCost * k)}${per} · CRC ${money(totals.crc === null ? null : totals.crc * k)}${per} · cost to revenue ${formatPercent(totals.costToRevenue)}`,
        `FTE required ${formatFte(totals.requiredFte)} · staffed ${formatFte(totals.staffedFte)}`,
    ];
    return lines.join('\n') + '\n';
}
