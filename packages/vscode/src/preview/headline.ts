/**
 * The headline figures at the top of the preview: what a CFO asks first. Plain HTML (numbers read
 * best as text), each figure with its label and, where one figure is weighed against another, a
 * line that says how they compare in words.
 */
import type { Figures } from './format.js';
import { escapeHtml } from './html.js';
import { isNum } from './num.js';
import type { CapReport } from './report.js';

interface Headline {
    label: string;
    value: string;
    /** The period of a per-time figure (`/mo`), set smaller after it. */
    unit?: string;
    /** A second line: what the figure means. */
    detail?: string;
    /** Shown as a warning, in words as well as in colour. */
    warn?: boolean;
}

export function headlineFigures(report: CapReport, f: Figures): Headline[] {
    const t = report.totals ?? {};
    const gap = isNum(t.requiredFte) && isNum(t.staffedFte) ? t.requiredFte - t.staffedFte : null;
    const staffing =
        gap === null
            ? undefined
            : gap > 1e-9
              ? `${f.fte(gap)} FTE short ⚠`
              : gap < -1e-9
                ? `${f.fte(-gap)} FTE spare`
                : 'fully staffed';
    const perPeriod = (x: number | null | undefined) => {
        const v = f.perPeriod(x);
        return v === null ? { value: f.money(null) } : { value: f.money(v), unit: f.suffix };
    };
    return [
        { label: 'Team cost', ...perPeriod(t.teamCost), detail: `${f.number(t.accounts, 0)} accounts` },
        { label: 'CRC (cost per account)', ...perPeriod(t.crc) },
        {
            label: 'Required / staffed FTE',
            value: `${f.fte(t.requiredFte)} / ${f.fte(t.staffedFte)}`,
            detail: staffing,
            warn: gap !== null && gap > 1e-9,
        },
        { label: 'Revenue', ...perPeriod(t.revenue) },
        {
            label: 'Cost to revenue',
            value: f.percent(t.costToRevenue),
            detail: isNum(t.costToRevenue) ? `team cost is ${f.percent(t.costToRevenue)} of revenue` : undefined,
        },
    ];
}

export function headlineHtml(report: CapReport, f: Figures): string {
    return `<dl class="headline">${headlineFigures(report, f)
        .map(
            h =>
                `<div class="headline-figure${h.warn ? ' warn' : ''}"><dt>${escapeHtml(h.label)}</dt>` +
                `<dd><span class="headline-value">${escapeHtml(h.value)}` +
                `${h.unit ? `<span class="headline-unit">${escapeHtml(h.unit)}</span>` : ''}</span>` +
                `${h.detail ? `<span class="headline-detail">${escapeHtml(h.detail)}</span>` : ''}</dd></div>`,
        )
        .join('')}</dl>`;
}
