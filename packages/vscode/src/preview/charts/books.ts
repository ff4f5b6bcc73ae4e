/**
 * A plan that reads its book of business from a CRM export (spec section 14): the accounts each
 * tier reads from it, and each agent's book (the accounts it owns, their revenue, the load they
 * give it). Left out of a plan without data.
 */
import { escapeHtml, table } from '../html.js';
import { isNum } from '../num.js';
import { entries } from '../report.js';
import type { Chart, DrawContext } from './chart.js';
import { barRows, color, column } from './chart.js';

export interface BookBar {
    name: string;
    value: number;
    label: string;
    title: string;
}

export interface BooksData {
    tiers: BookBar[];
    agents: BookBar[];
}

export const booksChart: Chart<BooksData> = {
    id: 'books',
    render(report, f) {
        const sources = entries(report.data);
        const owners = entries(report.agents).filter(([, a]) => isNum(a.bookAccounts));
        if (sources.length === 0 && owners.length === 0) return null;
        const heading = 'Books from the CRM export';
        const tiers: BookBar[] = [];
        for (const [data, d] of sources) {
            for (const [tier, n] of entries(d.tiers)) {
                const rows = isNum(n) ? n : 0;
                tiers.push({
                    name: sources.length > 1 ? `${tier} (${data})` : tier,
                    value: rows,
                    label: f.number(rows, 0),
                    title: `${tier}: ${f.number(rows, 0)} accounts in ${d.file ?? data}`,
                });
            }
        }
        const agents: BookBar[] = owners.map(([name, a]) => {
            const display = a.title ?? name;
            const book = a.bookAccounts as number;
            const revenue = f.moneyPerPeriod(a.bookRevenue);
            return {
                name: display,
                value: book,
                label: `${f.number(book, 0)} · ${revenue} · load ${f.percent(a.load)}`,
                title: `${display}: ${f.number(book, 0)} accounts, ${revenue}, load ${f.percent(a.load)}`,
            };
        });
        const files = sources.map(([name, d]) => `${name} reads ${d.file} (${f.number(d.rows, 0)} rows)`).join('; ');
        return {
            heading,
            caption:
                "Accounts per tier and each agent's book: the accounts the export says it owns, " +
                `their revenue per ${f.period} and its load. ${files}.`,
            data: { tiers, agents },
            table:
                table(
                    'Accounts per tier from the export',
                    ['Tier', 'Accounts'],
                    tiers.map(t => [t.name, t.label]),
                ) +
                table(
                    "Each agent's book",
                    ['Agent', 'Role', 'Accounts', `Revenue (${f.suffix})`, 'Load'],
                    owners.map(([name, a]) => [
                        a.title ?? name,
                        a.role ?? '',
                        f.number(a.bookAccounts, 0),
                        f.money(f.perPeriod(a.bookRevenue)),
                        f.percent(a.load),
                    ]),
                ),
            notes: unmatchedNote(sources),
        };
    },
    draw(data, ctx) {
        return column([
            ['Accounts per tier', data.tiers.length, () => bookBars(data.tiers, 'accounts', ctx)],
            ["Agents' books (accounts)", data.agents.length, () => bookBars(data.agents, 'capacity', ctx)],
        ]);
    },
};

/** Values of the export that matched nothing: said under the chart, so a reviewer sees what was left out. */
function unmatchedNote(sources: [string, { unmatched?: { tier?: object; owner?: object } }][]): string | undefined {
    const parts: string[] = [];
    for (const [name, d] of sources) {
        const tiers = Object.keys(d.unmatched?.tier ?? {});
        const owners = Object.keys(d.unmatched?.owner ?? {});
        if (tiers.length > 0)
            parts.push(`${name}: tier values that match no tier: ${tiers.map(v => `"${v}"`).join(', ')}`);
        if (owners.length > 0) parts.push(`${name}: owners that are no agent: ${owners.map(v => `"${v}"`).join(', ')}`);
    }
    return parts.length === 0 ? undefined : `<p class="note">${escapeHtml(parts.join('. '))}.</p>`;
}

function bookBars(bars: BookBar[], key: 'accounts' | 'capacity', ctx: DrawContext): Element {
    const { Plot } = ctx;
    return barRows(
        ctx,
        { names: bars.map(b => b.name), labels: bars.map(b => b.label), axis: 'accounts', rowHeight: 28 },
        [
            Plot.barX(bars, { y: 'name', x: 'value', fill: color(key), title: 'title', className: 'cap-bars' }),
            Plot.text(bars, {
                y: 'name',
                x: 'value',
                text: 'label',
                textAnchor: 'start',
                dx: 6,
                className: 'cap-value',
            }),
            Plot.ruleX([0]),
        ],
    );
}
