/**
 * A plan that reads its book of business from a CRM export (spec section 14): the accounts each
 * tier reads from it, and each agent's book (the accounts it owns, their revenue, the load they
 * give it). Left out of a plan without data.
 */
import { escapeHtml, table } from '../html.js';
import { isNum } from '../num.js';
import { entries } from '../report.js';
import type { Chart, DrawContext } from './chart.js';
import { color, compact, element, short, textWidth } from './chart.js';

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
        const out = element('div', 'cap-chart-column');
        for (const [title, bars, key] of [
            ['Accounts per tier', data.tiers, 'accounts'],
            ["Agents' books (accounts)", data.agents, 'capacity'],
        ] as const) {
            if (bars.length === 0) continue;
            const box = element('div', 'cap-chart-cell');
            box.append(element('h3', 'cap-chart-subheading', title), bookBars(bars, key, ctx));
            out.append(box);
        }
        return out;
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

function bookBars(bars: BookBar[], key: 'accounts' | 'capacity', { Plot, plot, width }: DrawContext): Element {
    const names = bars.map(b => b.name);
    const marginLeft = Math.min(160, Math.max(...names.map(n => textWidth(short(n, 20))), 40) + 10);
    const marginRight = Math.max(...bars.map(b => textWidth(b.label)), 20) + 12;
    return plot({
        width,
        height: names.length * 28 + 44,
        marginLeft,
        marginRight,
        marginTop: 4,
        marginBottom: 36,
        x: {
            label: 'accounts',
            labelAnchor: 'right',
            grid: true,
            nice: true,
            tickFormat: compact,
            ticks: Math.max(2, Math.floor((width - marginLeft - marginRight) / 70)),
        },
        y: { label: null, domain: names, tickFormat: (n: string) => short(n, 20), padding: 0.25 },
        marks: [
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
    });
}
