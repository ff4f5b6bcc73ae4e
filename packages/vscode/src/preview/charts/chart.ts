/**
 * What a chart of the capacity preview is: one module with two halves.
 *
 * - `render` runs in the extension, from the report: the figures the chart draws (plain JSON, with
 *   every label already formatted in the user's display period and currency), the table of the same
 *   figures for screen readers, and the words around the chart. Every model string it writes into
 *   HTML goes through `escapeHtml`; the chart's figures travel in a `data-` attribute.
 * - `draw` runs in the webview, with Observable Plot, at the width the chart has on screen. It is
 *   drawn at that width and drawn again when the panel is resized, never scaled, so its text keeps
 *   the stylesheet's pixel sizes. Plot sets text with `textContent`, so model text stays text.
 *
 * A new chart is a new module that exports a `Chart`, listed in `charts/index.ts`.
 */
import type * as PlotLib from '@observablehq/plot';
import type { Figures } from '../format.js';
import type { CapReport } from '../report.js';

export type Plot = typeof PlotLib;

export interface DrawContext {
    /** Observable Plot, for its marks. Make the chart itself with `plot`, not `Plot.plot`. */
    Plot: Plot;
    /** The width of the chart on screen, in CSS pixels. */
    width: number;
    /** `Plot.plot` for this page: the chart's class, and none of what the page's policy refuses. */
    plot(options: PlotLib.PlotOptions): SVGSVGElement | HTMLElement;
}

/** One entry of a legend: the swatch's colour (a palette key, see `color`) and its words. */
export interface LegendItem {
    color: PaletteKey;
    label: string;
}

export interface ChartSection<D> {
    /** The section's heading. */
    heading: string;
    /** One sentence under the heading: what the chart shows, in which unit. */
    caption: string;
    legend?: LegendItem[];
    /** The figures `draw` gets. */
    data: D;
    /** HTML: the table (or tables) with the same figures as the chart. */
    table: string;
    /** HTML after the chart (and its table), e.g. a note that a list was cut. */
    notes?: string;
}

export interface Chart<D> {
    /** The section's id; the webview finds the module by it. */
    id: string;
    /** Takes the dashboard's whole width; otherwise it may sit beside another chart on a wide panel. */
    wide?: boolean;
    /**
     * In the extension: the section, `{ empty }` for a section with nothing to draw yet (its heading
     * and the message are shown), or null to leave the section out.
     */
    render(report: CapReport, f: Figures): ChartSection<D> | { heading: string; empty: string } | null;
    /** In the webview: the chart. */
    draw(data: D, ctx: DrawContext): Element;
}

/**
 * The colours of the charts, by meaning. Each is a CSS variable that media/preview.css sets per
 * theme (light, dark, high contrast): one colour-blind-safe palette (Okabe and Ito's), in shades that
 * keep 3:1 against each theme's background. Plot writes the variable into the SVG's `fill` or
 * `stroke`, and the stylesheet resolves it.
 */
export type PaletteKey =
    | 'demand'
    | 'capacity'
    | 'cost'
    | 'clv'
    | 'accounts'
    | 'required'
    | 'staffed'
    | 'gap'
    | 'hire'
    | 'band-low'
    | 'band-ok'
    | 'band-high'
    | 'band-over'
    | 'band-none';

export function color(key: PaletteKey): string {
    return `var(--cap-${key})`;
}

/** The chart's text size in px (media/preview.css sets the same on `.cap-plot`). */
export const FONT_PX = 12;

/**
 * The width of a text at the charts' size, in px: an estimate from the character count (Plot does
 * not measure text either), generous enough for the digits and capitals of labels.
 */
export function textWidth(text: string): number {
    let widest = 0;
    for (const line of text.split('\n')) widest = Math.max(widest, [...line].length);
    return Math.ceil(widest * FONT_PX * 0.62);
}

/** Text cut to `max` characters with an ellipsis; the full text stays in the tooltip and the table. */
export function short(text: string, max: number): string {
    const chars = [...text];
    return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** Axis ticks for money and counts: 950, 9.5k, 1.2M. */
export function compact(x: number): string {
    const abs = Math.abs(x);
    const [div, unit] = abs >= 1e9 ? [1e9, 'B'] : abs >= 1e6 ? [1e6, 'M'] : abs >= 1e3 ? [1e3, 'k'] : [1, ''];
    const v = x / div;
    return `${Number.isInteger(v) ? v : Number(v.toFixed(1))}${unit}`;
}

/** Elements the webview script builds around charts (a sub-heading, a row of charts), with text as text. */
export function element(tag: string, className: string, text?: string): HTMLElement {
    const e = document.createElement(tag);
    e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
}

/** One row of horizontal bars per name: what a chart of bars says about its rows and axis. */
export interface BarRows {
    names: string[];
    /** The text at the end of each bar: the right margin makes room for the longest. */
    labels: string[];
    /** The x axis' label. */
    axis: string;
    /** Pixels per row. */
    rowHeight: number;
}

/**
 * A chart of horizontal bars: names (shortened to 20 characters) on the left, each bar's label on
 * its right, a gridded x axis with as many ticks as fit. The chart's own marks draw the bars.
 */
export function barRows(
    { plot, width }: Pick<DrawContext, 'plot' | 'width'>,
    rows: BarRows,
    marks: PlotLib.Markish[],
): SVGSVGElement | HTMLElement {
    const marginLeft = Math.min(160, Math.max(...rows.names.map(n => textWidth(short(n, 20))), 40) + 10);
    const marginRight = Math.max(...rows.labels.map(textWidth), 20) + 12;
    return plot({
        width,
        height: rows.names.length * rows.rowHeight + 44,
        marginLeft,
        marginRight,
        marginTop: 4,
        marginBottom: 36,
        x: {
            label: rows.axis,
            labelAnchor: 'right',
            grid: true,
            nice: true,
            tickFormat: compact,
            ticks: Math.max(2, Math.floor((width - marginLeft - marginRight) / 70)),
        },
        y: { label: null, domain: rows.names, tickFormat: (n: string) => short(n, 20), padding: 0.25 },
        marks,
    });
}

/** Charts one under the other, each under its subheading; empty ones left out. */
export function column(panels: [string, number, () => Element][]): HTMLElement {
    const out = element('div', 'cap-chart-column');
    for (const [title, count, draw] of panels) {
        if (count === 0) continue;
        const box = element('div', 'cap-chart-cell');
        box.append(element('h3', 'cap-chart-subheading', title), draw());
        out.append(box);
    }
    return out;
}
