/**
 * The capacity preview as HTML, from a `cap-report/1` report. Pure (no `vscode` import) so that
 * escaping, the Content-Security-Policy and the content are unit-tested without an editor.
 *
 * The page is a dashboard: the headline figures, then one section per chart of `charts/`. Each
 * section carries its chart's figures in a `data-` attribute, which the webview script
 * (src/webview/preview.ts) draws with Observable Plot at the width the panel has, and a table with
 * the same figures for screen readers (and for anyone who ticks "Show tables"). Every string that
 * comes from a model (names, titles, messages, file names) goes through `escapeHtml`.
 */
import { CHARTS } from './charts/index.js';
import type { Chart, LegendItem } from './charts/chart.js';
import { Figures } from './format.js';
import type { DisplayOptions } from './format.js';
import { headlineHtml } from './headline.js';
import { dataAttribute, escapeHtml } from './html.js';
import type { CapReport } from './report.js';
import { countBySeverity } from './report.js';

export { escapeHtml } from './html.js';
export { loadBand, LOAD_BANDS, MAX_AGENTS_DRAWN } from './charts/agents.js';

/** The webview panel type, also the key VS Code restores panels by after a reload. */
export const PREVIEW_VIEW_TYPE = 'cap.preview';

export function previewCsp(cspSource: string, nonce: string): string {
    return [
        "default-src 'none'",
        `style-src ${cspSource}`,
        `img-src ${cspSource} data:`,
        `font-src ${cspSource}`,
        `script-src 'nonce-${nonce}'`,
        "base-uri 'none'",
        "form-action 'none'",
    ].join('; ');
}

export interface PreviewPage {
    /** The body, from `renderPreviewBody` or `renderStatus`. */
    body: string;
    nonce: string;
    /** The webview's `cspSource`: the only origin styles and the script may come from. */
    cspSource: string;
    scriptUri: string;
    styleUri: string;
    /** The model's URI, kept in the webview's state so that a reload restores the same preview. */
    documentUri: string;
    title: string;
}

/** 32 random base64 characters from the platform's CSPRNG (Node and browsers both have Web Crypto). */
export function previewNonce(): string {
    const bytes = new Uint8Array(24);
    globalThis.crypto.getRandomValues(bytes);
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_');
}

/** The webview's whole document: strict policy, one nonce'd external script, one stylesheet. */
export function renderPreviewHtml(page: PreviewPage): string {
    if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(page.nonce))
        throw new Error('the preview nonce must be at least 16 base64 characters');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(previewCsp(page.cspSource, page.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(page.styleUri)}">
<title>${escapeHtml(page.title)}</title>
</head>
<body data-document-uri="${escapeHtml(page.documentUri)}">
<main id="cap-preview" aria-live="polite">${page.body}</main>
<script nonce="${page.nonce}" src="${escapeHtml(page.scriptUri)}"></script>
</body>
</html>
`;
}

/** The preview's title, on its tab and in its page: the model's file name, from its URI's path. */
export function previewTitle(documentPath: string): string {
    return `Capacity: ${documentPath.split('/').pop() ?? 'model'}`;
}

/** A one-line body for the states without a report (the server is still building, not a model). */
export function renderStatus(message: string): string {
    return `<p class="status">${escapeHtml(message)}</p>`;
}

export function renderPreviewBody(report: CapReport, options: DisplayOptions): string {
    const f = new Figures(report, options);
    return [
        header(report, f),
        '<div class="dashboard">',
        ...CHARTS.map(chart => section(chart, report, f)),
        '</div>',
    ].join('\n');
}

const PARTIAL_FIGURES = 'the figures below are from the parts that could be read.';

function header(report: CapReport, f: Figures): string {
    const name = report.model?.name ?? '';
    const title = report.model?.title || name;
    const { errors, warnings } = countBySeverity(report);
    const problems =
        errors > 0
            ? `<p class="banner error" role="alert">${errors} ` +
              `error${errors === 1 ? '' : 's'} in the model: ${PARTIAL_FIGURES}</p>`
            : warnings > 0
              ? `<p class="banner warning">${warnings} ` +
                `warning${warnings === 1 ? '' : 's'} in the model (see the Problems panel).</p>`
              : '';
    const per = `${escapeHtml(f.suffix)}${f.scale !== 1 ? ' (display period)' : ''}`;
    return `<header>
<label class="tables-toggle"><input type="checkbox" id="show-tables"> Show tables</label>
<h1>${escapeHtml(title)}</h1>
<p class="subtitle"><code>${escapeHtml(name)}</code> · ${escapeHtml(f.currency)} · figures ${per}</p>
${problems}
${headlineHtml(report, f)}
</header>`;
}

function legend(items: LegendItem[]): string {
    const swatches = items.map(
        i => `<li><span class="swatch cap-swatch-${i.color}"></span>${escapeHtml(i.label)}</li>`,
    );
    return `<ul class="legend">${swatches.join('')}</ul>`;
}

/**
 * A chart's section. The chart itself is hidden from screen readers, which read the caption and the
 * table of the same figures instead (a chart of a few hundred marks reads as noise).
 */
function section(chart: Chart<unknown>, report: CapReport, f: Figures): string {
    const s = chart.render(report, f);
    if (s === null) return '';
    const id = chart.id;
    const open =
        `<section id="${id}" class="card${chart.wide ? ' wide' : ''}" aria-labelledby="${id}-heading">` +
        `<h2 id="${id}-heading">${escapeHtml(s.heading)}</h2>`;
    if ('empty' in s) return `${open}\n<p class="empty">${escapeHtml(s.empty)}</p>\n</section>`;
    const figures = dataAttribute(s.data);
    return `${open}
<p class="caption" id="${id}-caption">${escapeHtml(s.caption)}</p>
${s.legend ? legend(s.legend) : ''}
<div class="cap-chart" id="${id}-chart" data-chart="${id}" data-figures="${figures}" aria-hidden="true"></div>
<div class="data-table">${s.table}</div>
${s.notes ?? ''}
</section>`;
}
