import { Figures, isNum } from './format.js';
import type { DisplayOptions } from './format.js';
import type { CapReport } from './report.js';
import { countBySeverity, entries } from './report.js';

/**
 * Markdown table cells: a `|` would end the cell and a newline the row; markup characters are
 * escaped so that a title reads as written in a pull request or a chat message.
 */
export function escapeMarkdown(value: unknown): string {
    return String(value ?? '')
        .replace(/[\r\n]+/g, ' ')
        .replace(/([\\`*_{}[\]<>()#+!|~])/g, '\\$1');
}

function row(cells: string[]): string {
    return `| ${cells.join(' | ')} |`;
}

function tableOf(head: string[], rows: string[][]): string[] {
    return [row(head), row(head.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(row)];
}

/** The plan's summary for a pull request or a status update, with the preview's display options. */
export function summaryMarkdown(report: CapReport, options: DisplayOptions): string {
    const f = new Figures(report, options);
    const t = report.totals ?? {};
    const name = report.model?.name ?? '';
    const title = report.model?.title || name;
    const out: string[] = [`## ${escapeMarkdown(title)}`, ''];
    out.push(
        `Required **${f.fte(t.requiredFte)} FTE**, staffed **${f.fte(t.staffedFte)} FTE**; ` +
            `${f.number(t.accounts)} accounts; team cost ${escapeMarkdown(f.moneyPerPeriod(t.teamCost))}, ` +
            `revenue ${escapeMarkdown(f.moneyPerPeriod(t.revenue))}, CRC ${escapeMarkdown(f.moneyPerPeriod(t.crc))}, ` +
            `cost to revenue ${f.percent(t.costToRevenue)}.`,
    );
    const { errors, warnings } = countBySeverity(report);
    if (errors + warnings > 0)
        out.push(
            '',
            `> ${errors} error${errors === 1 ? '' : 's'}, ` +
                `${warnings} warning${warnings === 1 ? '' : 's'} in the model.`,
        );

    const roles = entries(report.roles);
    if (roles.length > 0) {
        out.push(
            '',
            '### Roles',
            '',
            ...tableOf(
                ['Role', 'Required FTE', 'Staffed FTE', 'Utilization', 'Hires'],
                roles.map(([n, r]) => [
                    escapeMarkdown(n),
                    f.fte(r.requiredFte),
                    f.fte(r.staffedFte),
                    `${f.percent(r.utilization)}${isNum(r.utilization) && r.utilization > 1 ? ' ⚠' : ''}`,
                    f.number(r.hires, 0),
                ]),
            ),
        );
    }
    const tiers = entries(report.tiers);
    if (tiers.length > 0) {
        out.push(
            '',
            '### Tiers',
            '',
            ...tableOf(
                ['Tier', 'Accounts', `Cost to serve${f.suffix}`, 'CLV', 'Net CLV'],
                tiers.map(([n, x]) => [
                    escapeMarkdown(n),
                    f.number(x.accounts),
                    escapeMarkdown(f.money(f.perPeriod(x.costToServe))),
                    escapeMarkdown(f.money(x.clv)),
                    escapeMarkdown(f.money(x.clvNet)),
                ]),
            ),
        );
    }
    const over = entries(report.agents).filter(([, a]) => isNum(a.load) && a.load > 1);
    if (over.length > 0)
        out.push(
            '',
            `Over 100% load: ${over.map(([n, a]) => `${escapeMarkdown(n)} (${f.percent(a.load)})`).join(', ')}.`,
        );
    const forecast = report.forecast;
    if (forecast && Array.isArray(forecast.months) && forecast.months.length > 0) {
        const short = entries(forecast.roles).filter(([, r]) => r.firstGapMonth);
        const shortfalls = short.map(
            ([n, r]) =>
                `${escapeMarkdown(n)} short from ${escapeMarkdown(r.firstGapMonth)}` +
                `${r.hireBy ? `, hire by ${escapeMarkdown(r.hireBy)}` : ''}`,
        );
        out.push(
            '',
            `Forecast ${escapeMarkdown(forecast.months[0])} to ${escapeMarkdown(forecast.months.at(-1))}: ${
                short.length === 0 ? 'no role runs short.' : `${shortfalls.join('; ')}.`
            }`,
        );
    }
    return `${out.join('\n')}\n`;
}
