import Table from 'cli-table3';
import type { Forecast, Results } from '@cap/engine';
import { formatFte, formatMoney, formatNumber, periodMonths, periodSuffix } from '@cap/engine';

/**
 * The readable output of `cap forecast`: the plan month by month, each role's FTE, and the hiring
 * plan with the extra budget it needs. Money per reporting period, like the report (each month
 * at its run rate); the budget over the horizon is an amount.
 */
export function renderForecast(
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
    const span =
        months.length > 0
            ? `${months[0]} to ${months[months.length - 1]}, ${months.length} month${months.length === 1 ? '' : 's'}`
            : 'no months';
    const name = results.model.title ?? results.model.name;
    const lines: string[] = [
        `${name}${scenario ? `, scenario ${scenario.name}${scenario.title ? ` (${scenario.title})` : ''}` : ''}` +
            `: forecast ${span} (${currency}, money per ${results.model.period})`,
        '',
    ];

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
    lines.push(overview.toString(), '');

    const tierNames = Object.keys(forecast.tiers);
    if (tierNames.length > 0) {
        const byTier = new Table({
            head: ['Month', ...tierNames, 'Total'],
            colAligns: ['left', ...tierNames.map(() => 'right' as const), 'right'],
            style,
        });
        months.forEach((month, m) => {
            byTier.push([
                month,
                ...tierNames.map(t => formatNumber(forecast.tiers[t].accounts[m], 0)),
                formatNumber(forecast.accounts[m], 0),
            ]);
        });
        lines.push('Accounts by tier', byTier.toString(), '');
    }

    for (const role of Object.values(forecast.roles)) {
        const spec = results.roles[role.name];
        lines.push(
            `${role.name}: ramp ${formatNumber(spec?.rampMonths ?? 0)} month${spec?.rampMonths === 1 ? '' : 's'}, ` +
                `${formatMoney((spec?.costPerFte ?? 0) * k, currency)}${per} per FTE`,
        );
        const table = new Table({
            head: ['Month', 'Required FTE', 'Staffed FTE', 'Gap FTE', 'Hires needed'],
            colAligns: ['left', 'right', 'right', 'right', 'right'],
            style,
        });
        months.forEach((month, m) => {
            table.push([
                month,
                formatFte(role.requiredFte[m]),
                formatFte(role.staffedFte[m]),
                formatFte(role.gapFte[m]),
                formatNumber(role.hiresNeeded[m], 0),
            ]);
        });
        lines.push(table.toString(), '');
    }

    const hires = Object.values(forecast.roles).flatMap(r =>
        r.hiringPlan.map((h, i) => ({ role: r.name, index: i + 1, ...h })),
    );
    if (hires.length === 0) {
        lines.push('Hiring plan: no hires needed; every role keeps up over the horizon.');
    } else {
        const plan = new Table({
            head: ['Role', 'Hire', 'Needed from', 'Start by', `Cost${per}`],
            colAligns: ['left', 'right', 'left', 'left', 'right'],
            style,
        });
        for (const h of hires) {
            // A start month before the forecast's first month means the hire is already late.
            const late = months.length > 0 && h.startBy < months[0] ? ' (late)' : '';
            plan.push([
                h.role,
                String(h.index),
                h.neededFrom,
                `${h.startBy}${late}`,
                formatMoney((results.roles[h.role]?.costPerFte ?? 0) * k, currency),
            ]);
        }
        const last = forecast.budgetIncrease[forecast.budgetIncrease.length - 1] ?? 0;
        lines.push('Hiring plan', plan.toString(), '');
        for (const r of Object.values(forecast.roles)) {
            if (r.hires > r.hiringPlan.length)
                lines.push(
                    `${r.name}: ${formatNumber(r.hires - r.hiringPlan.length, 0)} more hires ` +
                        `after hire ${r.hiringPlan.length} are not listed`,
                    '',
                );
        }
        lines.push(
            `Budget increase: ${money(last)}${per} by ${months[months.length - 1]} · ` +
                `${formatMoney(forecast.budgetIncreaseTotal, currency)} over the ${months.length}-month horizon`,
        );
    }
    return `${lines.join('\n')}\n`;
}
