import Table from 'cli-table3';
import type { CapModel, Forecast, Results } from '@cap/engine';
import {
    formatFte,
    formatMoney,
    formatNumber,
    formatPercent,
    formatRatePer,
    monthlyAttrition,
    monthlyExpansion,
    periodMonths,
    periodSuffix,
} from '@cap/engine';

/**
 * The readable output of `cap forecast`: the plan month by month, the accounts of each tier, each
 * role's FTE (staffed after attrition, leavers, required, gap), and the hiring plan with each
 * hire's requisition, start and need months and the extra budget it needs. Money per reporting
 * period, like the report (each month at its run rate); the budget over the horizon is an amount.
 * `model` gives what the plan was made from (attrition, time to fill, expansion), to say so.
 */
export function renderForecast(
    model: CapModel,
    results: Results,
    forecast: Forecast,
    colour: boolean,
    scenario?: { name: string; title: string | null },
): string {
    const k = periodMonths(results.model.period);
    const per = periodSuffix(results.model.period);
    const currency = results.model.currency;
    const money = (x: number) => formatMoney(x * k, currency);
    // Compact: month rows read as one list, without a rule between each.
    const style = colour ? { compact: true } : { head: [], border: [], compact: true };
    const months = forecast.months;
    const count = (n: number, word: string) => `${formatNumber(n, 0)} ${word}${n === 1 ? '' : 's'}`;
    const span =
        months.length > 0
            ? `${months[0]} to ${months[months.length - 1]}, ${count(months.length, 'month')}`
            : 'no months';
    const name = results.model.title ?? results.model.name;
    const what = scenario ? `, scenario ${scenario.name}${scenario.title ? ` (${scenario.title})` : ''}` : '';
    const lines: string[] = [`${name}${what}: forecast ${span} (${currency}, money per ${results.model.period})`, ''];

    const overview = new Table({
        head: ['Month', 'Accounts', `Revenue${per}`, `Team cost${per}`, `Hiring budget${per}`],
        colAligns: ['left', 'right', 'right', 'right', 'right'],
        style,
    });
    months.forEach((month, m) => {
        overview.push([
            month,
            formatNumber(forecast.accounts[m], 0),
            money(forecast.revenue[m]),
            money(forecast.teamCost[m]),
            money(forecast.budgetIncrease[m]),
        ]);
    });
    lines.push(overview.toString());
    const expanding = model.tiers.filter(t => t.expansion !== null && t.expansion.rate > 0);
    if (expanding.length > 0) {
        const each = expanding.map(
            t => `${t.name} ${formatRatePer(t.expansion!)} (${formatPercent(monthlyExpansion(t))} a month)`,
        );
        lines.push(`Revenue per account grows with expansion, compounded: ${each.join(', ')}.`);
    }
    lines.push('');

    const tierNames = Object.keys(forecast.tiers);
    if (tierNames.length > 0) {
        // A tier's new accounts get a column of their own when it wins any: a dated intake shows its months.
        const winning = tierNames.filter(t => forecast.tiers[t].newAccounts.some(a => a > 0));
        const head = ['Month', ...tierNames.flatMap(t => (winning.includes(t) ? [t, `${t} won`] : [t])), 'Total'];
        const byTier = new Table({ head, colAligns: head.map((_, i) => (i === 0 ? 'left' : 'right')), style });
        months.forEach((month, m) => {
            const cells = tierNames.flatMap(t => {
                const accounts = formatNumber(forecast.tiers[t].accounts[m], 0);
                return winning.includes(t) ? [accounts, formatNumber(forecast.tiers[t].newAccounts[m], 0)] : [accounts];
            });
            byTier.push([month, ...cells, formatNumber(forecast.accounts[m], 0)]);
        });
        lines.push('Accounts by tier (won in a month: on the books from the next)', byTier.toString(), '');
    }

    for (const role of Object.values(forecast.roles)) {
        const spec = model.roles.find(r => r.name === role.name);
        const ramp = spec?.rampMonths ?? 0;
        const facts = [`ramp ${formatNumber(ramp)} month${ramp === 1 ? '' : 's'}`];
        if (spec && spec.hiringMonths > 0) facts.push(`${formatNumber(spec.hiringMonths)} months to fill`);
        const attrition = spec?.attrition ?? null;
        const leaving = attrition !== null && attrition.rate > 0;
        if (leaving)
            facts.push(`attrition ${formatRatePer(attrition)} (${formatPercent(monthlyAttrition(spec!))} a month)`);
        facts.push(`${formatMoney((results.roles[role.name]?.costPerFte ?? 0) * k, currency)}${per} per FTE`);
        lines.push(`${role.name}: ${facts.join(' · ')}`);
        const head = [
            'Month',
            'Required FTE',
            'Staffed FTE',
            ...(leaving ? ['Leavers FTE'] : []),
            'Gap FTE',
            'Hires needed',
        ];
        const table = new Table({ head, colAligns: head.map((_, i) => (i === 0 ? 'left' : 'right')), style });
        months.forEach((month, m) => {
            table.push([
                month,
                formatFte(role.requiredFte[m]),
                formatFte(role.staffedFte[m]),
                ...(leaving ? [formatFte(role.leaversFte[m])] : []),
                formatFte(role.gapFte[m]),
                formatNumber(role.hiresNeeded[m], 0),
            ]);
        });
        lines.push(table.toString());
        const left = role.leaversFte.at(-1) ?? 0;
        if (leaving) {
            lines.push(
                `${formatFte(left)} FTE expected to have left by ${months.at(-1)}; the hiring plan backfills them.`,
            );
        }
        lines.push('');
    }

    const hires = Object.values(forecast.roles).flatMap(r =>
        r.hiringPlan.map((h, i) => ({ role: r.name, index: i + 1, ...h })),
    );
    if (hires.length === 0) {
        lines.push('Hiring plan: no hires needed; every role keeps up over the horizon.');
        return `${lines.join('\n')}\n`;
    }
    const plan = new Table({
        head: ['Role', 'Hire', 'Open req by', 'Start by', 'Needed from', `Cost${per}`],
        colAligns: ['left', 'right', 'left', 'left', 'left', 'right'],
        style,
    });
    // A month before the forecast's first means the requisition or the start is already late.
    const late = (month: string) => (months.length > 0 && month < months[0] ? `${month} (late)` : month);
    for (const h of hires) {
        const cost = formatMoney((results.roles[h.role]?.costPerFte ?? 0) * k, currency);
        plan.push([h.role, String(h.index), late(h.openBy), late(h.startBy), h.neededFrom, cost]);
    }
    const last = forecast.budgetIncrease[forecast.budgetIncrease.length - 1] ?? 0;
    lines.push('Hiring plan', plan.toString(), '');
    for (const r of Object.values(forecast.roles)) {
        if (r.hires > r.hiringPlan.length) {
            const more = formatNumber(r.hires - r.hiringPlan.length, 0);
            lines.push(`${r.name}: ${more} more hires after hire ${r.hiringPlan.length} are not listed`, '');
        }
    }
    const total = formatMoney(forecast.budgetIncreaseTotal, currency);
    const by = months[months.length - 1];
    lines.push(`Budget increase: ${money(last)}${per} by ${by} · ${total} over the ${months.length}-month horizon`);
    return `${lines.join('\n')}\n`;
}
