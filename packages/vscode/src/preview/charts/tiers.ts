/**
 * Cost to serve (per display period) and customer lifetime value per account of each tier: two bar
 * charts side by side on a wide panel, one above the other on a narrow one, with their values.
 */
import { table } from '../html.js';
import { isNum } from '../num.js';
import { entries } from '../report.js';
import type { Chart, DrawContext, PaletteKey } from './chart.js';
import { barRows, color, element } from './chart.js';

export interface TierBar {
    tier: string;
    /** null: undefined in the report (CLV without churn or lifetime); no bar, the label says why. */
    value: number | null;
    label: string;
    title: string;
}

export interface TierPanel {
    title: string;
    axis: string;
    color: PaletteKey;
    bars: TierBar[];
}

export interface TiersData {
    panels: TierPanel[];
}

export const tiersChart: Chart<TiersData> = {
    id: 'tiers',
    render(report, f) {
        const tiers = entries(report.tiers);
        const heading = 'Cost to serve and customer lifetime value per tier';
        if (tiers.length === 0) return { heading, empty: 'No tiers yet.' };
        const cost: TierBar[] = tiers.map(([name, t]) => {
            const v = f.perPeriod(t.costToServe);
            return {
                tier: name,
                value: v,
                label: v === null ? '—' : f.money(v),
                title: `${name}: ${v === null ? 'undefined' : `${f.money(v)}${f.suffix}`} to serve an account`,
            };
        });
        const clv: TierBar[] = tiers.map(([name, t]) => {
            const v = isNum(t.clv) ? t.clv : null;
            return {
                tier: name,
                value: v,
                label: v === null ? '— (no churn or lifetime)' : f.money(v),
                title: `${name}: ${v === null ? 'undefined' : f.money(v)} CLV`,
            };
        });
        return {
            heading,
            caption:
                `What an account of each tier costs to serve, per ${f.period}, ` +
                `and what it is worth over its lifetime (CLV), in ${f.currency}.`,
            data: {
                panels: [
                    {
                        title: `Cost to serve per account, per ${f.period}`,
                        axis: `${f.currency} per ${f.period}`,
                        color: 'cost',
                        bars: cost,
                    },
                    { title: 'CLV per account', axis: f.currency, color: 'clv', bars: clv },
                ],
            },
            table: table(
                'Cost to serve and customer lifetime value per tier',
                [
                    'Tier',
                    'Accounts',
                    `Revenue per account (${f.suffix})`,
                    `Cost to serve (${f.suffix})`,
                    'Lifetime (months)',
                    'CLV',
                    'Net CLV',
                ],
                tiers.map(([n, t]) => [
                    n,
                    f.number(t.accounts),
                    f.money(f.perPeriod(t.revenuePerAccount)),
                    f.money(f.perPeriod(t.costToServe)),
                    f.number(t.lifetimeMonths, 1),
                    f.money(t.clv),
                    f.money(t.clvNet),
                ]),
            ),
        };
    },
    draw(data, ctx) {
        // Side by side when each chart still has room for names, bars and values.
        const across = ctx.width >= 720;
        const gap = 24;
        const each = across ? Math.floor((ctx.width - gap * (data.panels.length - 1)) / data.panels.length) : ctx.width;
        const out = element('div', across ? 'cap-chart-row' : 'cap-chart-column');
        for (const panel of data.panels) {
            const box = element('div', 'cap-chart-cell');
            box.append(element('h3', 'cap-chart-subheading', panel.title), barChart(panel, ctx, each));
            out.append(box);
        }
        return out;
    },
};

function barChart(panel: TierPanel, ctx: DrawContext, width: number): Element {
    const { Plot } = ctx;
    const rows = { names: panel.bars.map(b => b.tier), labels: panel.bars.map(b => b.label), axis: panel.axis };
    return barRows({ ...ctx, width }, { ...rows, rowHeight: 34 }, [
        Plot.barX(
            panel.bars.filter(b => b.value !== null),
            { y: 'tier', x: 'value', fill: color(panel.color), title: 'title', className: 'cap-bars' },
        ),
        // Each value at the end of its bar (at zero for a negative or undefined figure).
        Plot.text(panel.bars, {
            y: 'tier',
            x: (b: TierBar) => Math.max(0, b.value ?? 0),
            text: 'label',
            textAnchor: 'start',
            dx: 6,
            className: 'cap-value',
        }),
        Plot.ruleX([0]),
    ]);
}
