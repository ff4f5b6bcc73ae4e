/**
 * The capacity preview as HTML, from a `cap-report/1` report. Pure (no `vscode` import) so that
 * escaping, the Content-Security-Policy and the content are unit-tested without an editor.
 *
 * Every string that comes from a model (names, titles, messages, file names) goes through
 * `escapeHtml`, including inside SVG and attribute values. Charts are plain SVG coloured by class,
 * never by inline `style`, so the policy needs no 'unsafe-inline'; the stylesheet maps the classes
 * to VS Code's theme variables, which makes light, dark and high-contrast themes work alike. Each
 * chart has a table with the same figures behind it for screen readers (and for anyone who ticks
 * "Show tables").
 */
import { Figures, isNum } from './format.js';
import type { DisplayOptions } from './format.js';
import type { CapReport, ReportAgent, ReportForecast, ReportRole, ReportTier } from './report.js';
import { countBySeverity, entries } from './report.js';

/** The webview panel type, also the key VS Code restores panels by after a reload. */
export const PREVIEW_VIEW_TYPE = 'cap.preview';

/** Agents drawn in the heat strip; a larger team is summarised, the table lists them all up to this. */
export const MAX_AGENTS_DRAWN = 400;

// Bidirectional controls (embedding, override, isolate) would let a title display reversed text,
// e.g. an "exe.txt" that reads as "txt.exe"; they are shown as their code point instead.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Text for HTML content and double- or single-quoted attribute values, in HTML and in SVG. */
export function escapeHtml(value: unknown): string {
    return String(value ?? '')
        .replace(BIDI_CONTROLS, ch => `[U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`)
        .replace(CONTROL_CHARS, '\uFFFD')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;')
        .replace(/`/g, '&#96;');
}

/** A name in a chart, shortened to fit; the full name stays in the chart's title and table. */
function short(name: string, max = 18): string {
    return name.length <= max ? name : `${name.slice(0, max - 1)}…`;
}

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
    if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(page.nonce)) throw new Error('the preview nonce must be at least 16 base64 characters');
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
        rolesSection(entries(report.roles), f),
        tiersSection(entries(report.tiers), f),
        agentsSection(entries(report.agents), f),
        report.forecast ? forecastSection(report.forecast, f) : '',
    ].join('\n');
}

// ---------------------------------------------------------------------------------------------

function header(report: CapReport, f: Figures): string {
    const name = report.model?.name ?? '';
    const title = report.model?.title || name;
    const t = report.totals ?? {};
    const { errors, warnings } = countBySeverity(report);
    const problems = errors > 0
        ? `<p class="banner error" role="alert">${errors} error${errors === 1 ? '' : 's'} in the model: the figures below are from the parts that could be read.</p>`
        : warnings > 0 ? `<p class="banner warning">${warnings} warning${warnings === 1 ? '' : 's'} in the model (see the Problems panel).</p>` : '';
    const figures: [string, string][] = [
        ['Required', `${f.fte(t.requiredFte)} FTE`],
        ['Staffed', `${f.fte(t.staffedFte)} FTE`],
        ['Accounts', f.number(t.accounts)],
        ['Team cost', f.moneyPerPeriod(t.teamCost)],
        ['Revenue', f.moneyPerPeriod(t.revenue)],
        ['CRC (cost per account)', f.moneyPerPeriod(t.crc)],
        ['Cost to revenue', f.percent(t.costToRevenue)],
    ];
    return `<header>
<h1>${escapeHtml(title)}</h1>
<p class="subtitle"><code>${escapeHtml(name)}</code> · ${escapeHtml(f.currency)} · figures ${escapeHtml(f.suffix)}${f.scale !== 1 ? ' (display period)' : ''}</p>
<label class="tables-toggle"><input type="checkbox" id="show-tables"> Show tables</label>
${problems}
<dl class="totals">${figures.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('')}</dl>
</header>`;
}

function figure(id: string, caption: string, chart: string, table: string): string {
    return `<figure id="${id}">
<figcaption id="${id}-caption">${escapeHtml(caption)}</figcaption>
${chart}
<div class="data-table">${table}</div>
</figure>`;
}

function table(caption: string, head: string[], rows: string[][]): string {
    return `<table><caption>${escapeHtml(caption)}</caption>
<thead><tr>${head.map((h, i) => `<th scope="col"${i > 0 ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.map(r => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td class="num">${escapeHtml(c)}</td>`)).join('')}</tr>`).join('\n')}</tbody>
</table>`;
}

// The charts' own coordinate width; they scale to the panel, so a narrower width keeps their text
// legible in a preview beside the editor.
const W = 520;
const LABEL_W = 120;
const VALUE_W = 110;
const BAR_W = W - LABEL_W - VALUE_W;

function px(x: number): string {
    return (Math.round(x * 10) / 10).toString();
}

function svg(id: string, height: number, content: string, label: string): string {
    return `<svg class="chart" viewBox="0 0 ${W} ${px(height)}" width="100%" preserveAspectRatio="xMinYMin meet" role="img" aria-labelledby="${id}-caption" aria-describedby="${id}-desc" focusable="false">
<desc id="${id}-desc">${escapeHtml(label)}</desc>
${content}
</svg>`;
}

// ---------------------------------------------------------------------------------------------
// Roles: demand against capacity, and utilization.

function rolesSection(roles: [string, ReportRole][], f: Figures): string {
    if (roles.length === 0) return section('roles', 'Roles', '<p class="empty">No roles yet.</p>');
    const rows = roles.map(([name, r]) => {
        // In the report's period; the display period applies where a figure is written.
        const demand = isNum(r.demandHours) ? r.demandHours : null;
        const capacity = isNum(r.staffedFte) && isNum(r.effectivePerFte) ? r.staffedFte * r.effectivePerFte : null;
        return { name, r, demand, capacity };
    });
    const max = Math.max(1e-9, ...rows.flatMap(x => [x.demand ?? 0, x.capacity ?? 0]));
    const rowH = 46;
    const bars = rows.map((x, i) => {
        const y = 8 + i * rowH;
        const over = isNum(x.r.utilization) && x.r.utilization > 1;
        const util = isNum(x.r.utilization) ? `${f.percent(x.r.utilization)} utilized${over ? ' ⚠' : ''}` : 'no staff';
        const dW = ((x.demand ?? 0) / max) * BAR_W;
        const cW = ((x.capacity ?? 0) / max) * BAR_W;
        return `<g class="row${over ? ' over' : ''}">
<title>${escapeHtml(`${x.name}: demand ${f.hoursPerPeriod(x.demand)}, capacity ${f.hoursPerPeriod(x.capacity)}, ${util}`)}</title>
<text class="label" x="0" y="${px(y + 20)}">${escapeHtml(short(x.name))}</text>
<rect class="bar demand" x="${LABEL_W}" y="${px(y + 2)}" width="${px(Math.max(dW, 1))}" height="16"></rect>
<rect class="bar capacity" x="${LABEL_W}" y="${px(y + 20)}" width="${px(Math.max(cW, 1))}" height="16"></rect>
<text class="value${over ? ' warn' : ''}" x="${W - VALUE_W + 8}" y="${px(y + 24)}">${escapeHtml(util)}</text>
</g>`;
    }).join('\n');
    const legend = `<g class="legend" transform="translate(${LABEL_W}, ${px(8 + rows.length * rowH + 4)})">
<rect class="bar demand" x="0" y="0" width="12" height="12"></rect><text x="18" y="11">demand (h${escapeHtml(f.suffix)})</text>
<rect class="bar capacity" x="130" y="0" width="12" height="12"></rect><text x="148" y="11">staffed capacity (h${escapeHtml(f.suffix)})</text>
</g>`;
    const chart = svg('roles-chart', 8 + rows.length * rowH + 24, bars + legend,
        rows.map(x => `${x.name}: ${f.percent(x.r.utilization)} utilized`).join('; '));
    const data = table('Demand and capacity per role', ['Role', `Demand (h${f.suffix})`, `Capacity (h${f.suffix})`, 'Required FTE', 'Staffed FTE', 'Utilization', 'Gap FTE', 'Hires'],
        rows.map(x => [x.name, f.number(f.perPeriod(x.demand)), f.number(f.perPeriod(x.capacity)), f.fte(x.r.requiredFte), f.fte(x.r.staffedFte), f.percent(x.r.utilization), f.fte(x.r.gapFte), f.number(x.r.hires, 0)]));
    return section('roles', 'Roles: demand against capacity', figure('roles-chart', 'Demand and staffed capacity per role, in hours', chart, data));
}

// ---------------------------------------------------------------------------------------------
// Tiers: cost to serve and CLV per account.

function tiersSection(tiers: [string, ReportTier][], f: Figures): string {
    if (tiers.length === 0) return section('tiers', 'Tiers', '<p class="empty">No tiers yet.</p>');
    const cost = barChart('tiers-cost', tiers.map(([n, t]) => [n, f.perPeriod(t.costToServe)]), v => `${f.money(v)}${f.suffix}`, 'cost');
    const clv = barChart('tiers-clv', tiers.map(([n, t]) => [n, isNum(t.clv) ? t.clv : null]), v => f.money(v), 'clv');
    const data = table('Cost to serve and customer lifetime value per tier', ['Tier', 'Accounts', `Revenue per account (${f.suffix})`, `Cost to serve (${f.suffix})`, 'Lifetime (months)', 'CLV', 'Net CLV'],
        tiers.map(([n, t]) => [n, f.number(t.accounts), f.money(f.perPeriod(t.revenuePerAccount)), f.money(f.perPeriod(t.costToServe)), f.number(t.lifetimeMonths, 1), f.money(t.clv), f.money(t.clvNet)]));
    return section('tiers', 'Tiers: cost to serve and customer lifetime value', `<div class="pair">
${figure('tiers-cost', `Cost to serve per account (${f.suffix})`, cost, '')}
${figure('tiers-clv', 'CLV per account', clv, '')}
</div>
<div class="data-table">${data}</div>`);
}

function barChart(id: string, values: [string, number | null][], label: (v: number) => string, cls: string): string {
    const rowH = 26;
    const max = Math.max(1e-9, ...values.map(([, v]) => Math.abs(v ?? 0)));
    const rows = values.map(([name, v], i) => {
        const y = 6 + i * rowH;
        const width = v === null ? 0 : (Math.abs(v) / max) * BAR_W;
        const text = v === null ? 'undefined' : label(v);
        return `<g class="row"><title>${escapeHtml(`${name}: ${text}`)}</title>
<text class="label" x="0" y="${px(y + 15)}">${escapeHtml(short(name))}</text>
<rect class="bar ${cls}${v !== null && v < 0 ? ' negative' : ''}" x="${LABEL_W}" y="${px(y + 2)}" width="${px(Math.max(width, v === null ? 0 : 1))}" height="18"></rect>
<text class="value" x="${px(LABEL_W + Math.max(width, 0) + 6)}" y="${px(y + 15)}">${escapeHtml(text)}</text>
</g>`;
    }).join('\n');
    return svg(id, 12 + values.length * rowH, rows, values.map(([n, v]) => `${n}: ${v === null ? 'undefined' : label(v)}`).join('; '));
}

// ---------------------------------------------------------------------------------------------
// Agents: a heat strip of loads.

export function loadClass(load: number | null | undefined): string {
    if (!isNum(load)) return 'load-none';
    if (load > 1) return 'load-over';
    if (load >= 0.9) return 'load-high';
    if (load >= 0.7) return 'load-ok';
    return 'load-low';
}

function agentsSection(agents: [string, ReportAgent][], f: Figures): string {
    if (agents.length === 0) return section('agents', 'Agents', '<p class="empty">No agents yet: headcount is computed from demand alone.</p>');
    const drawn = agents.slice(0, MAX_AGENTS_DRAWN);
    const cell = 34;
    const perRow = Math.floor(W / cell);
    const cells = drawn.map(([name, a], i) => {
        const x = (i % perRow) * cell;
        const y = Math.floor(i / perRow) * cell;
        const load = isNum(a.load) ? f.percent(a.load) : 'no load';
        return `<g class="cell ${loadClass(a.load)}"><title>${escapeHtml(`${name} (${a.role ?? '?'}): load ${load}, capacity ${f.hoursPerPeriod(a.capacityHours)}`)}</title>
<rect x="${x}" y="${y}" width="${cell - 3}" height="${cell - 3}" rx="3"></rect>
<text x="${px(x + (cell - 3) / 2)}" y="${px(y + cell / 2 + 2)}" text-anchor="middle">${escapeHtml(isNum(a.load) ? Math.round(a.load * 100).toString() : '–')}</text>
</g>`;
    }).join('\n');
    const rowsDrawn = Math.ceil(drawn.length / perRow);
    const legendY = rowsDrawn * cell + 8;
    const legend = `<g class="legend" transform="translate(0, ${legendY})">${[['load-low', 'under 70%'], ['load-ok', '70–90%'], ['load-high', '90–100%'], ['load-over', 'over 100% ⚠']]
        .map(([c, t], i) => `<g class="cell ${c}"><rect x="${i * 120}" y="0" width="12" height="12" rx="2"></rect></g><text x="${i * 120 + 18}" y="11">${escapeHtml(t)}</text>`).join('')}</g>`;
    const over = agents.filter(([, a]) => isNum(a.load) && a.load > 1).length;
    const chart = svg('agents-chart', legendY + 20, cells + legend, `${agents.length} agents, ${over} over 100% load`);
    const more = agents.length > drawn.length ? `<p class="note">The strip and the table show the first ${drawn.length} of ${agents.length} agents by name.</p>` : '';
    const data = table('Load per agent', ['Agent', 'Role', 'FTE × count', 'Ramp', `Capacity (h${f.suffix})`, `Assigned (h${f.suffix})`, 'Load'],
        drawn.map(([n, a]) => [n, a.role ?? '', `${f.number(a.fte)} × ${f.number(a.count, 0)}`, f.percent(a.rampFactor), f.number(f.perPeriod(a.capacityHours)), f.number(f.perPeriod(a.assignedHours)), f.percent(a.load)]));
    return section('agents', 'Agents: load', figure('agents-chart', 'Load of each agent (percent of its capacity)', chart, data) + more);
}

// ---------------------------------------------------------------------------------------------
// Forecast: required and staffed headcount per role over the horizon.

function forecastSection(forecast: ReportForecast, f: Figures): string {
    const months = Array.isArray(forecast.months) ? forecast.months.map(String) : [];
    const roles = entries(forecast.roles);
    if (months.length === 0 || roles.length === 0) return '';
    const H = 220;
    const left = 40;
    const right = 100;
    const top = 10;
    const bottom = 30;
    const plotW = W - left - right;
    const plotH = H - top - bottom;
    const all = roles.flatMap(([, r]) => [...(r.requiredFte ?? []), ...(r.staffedFte ?? [])]).filter(isNum);
    const max = niceMax(Math.max(1, ...all));
    const xAt = (i: number) => left + (months.length === 1 ? plotW / 2 : (i / (months.length - 1)) * plotW);
    const yAt = (v: number) => top + plotH - (v / max) * plotH;
    const ticks = [0, max / 2, max];
    const axes = `<g class="axis">
${ticks.map(t => `<line x1="${left}" x2="${left + plotW}" y1="${px(yAt(t))}" y2="${px(yAt(t))}"></line><text x="${left - 6}" y="${px(yAt(t) + 4)}" text-anchor="end">${escapeHtml(f.number(t, 1))}</text>`).join('\n')}
${months.map((m, i) => (i % Math.max(1, Math.ceil(months.length / 6)) === 0 || i === months.length - 1
        ? `<text x="${px(xAt(i))}" y="${H - 10}" text-anchor="middle">${escapeHtml(m)}</text>` : '')).join('')}
</g>`;
    const line = (values: (number | null)[] | undefined, cls: string, title: string) => {
        const points = (values ?? []).map((v, i) => (isNum(v) ? `${px(xAt(i))},${px(yAt(v))}` : null)).filter(p => p !== null);
        return points.length > 0 ? `<polyline class="${cls}" points="${points.join(' ')}"><title>${escapeHtml(title)}</title></polyline>` : '';
    };
    const series = roles.map(([name, r], i) => {
        const c = `series-${i % 6}`;
        const last = (r.requiredFte ?? []).filter(isNum).at(-1);
        return `<g class="${c}">
${line(r.requiredFte, 'line required', `${name}: required FTE`)}
${line(r.staffedFte, 'line staffed', `${name}: staffed FTE`)}
${isNum(last) ? `<text class="series-label" x="${left + plotW + 6}" y="${px(yAt(last) + 4)}">${escapeHtml(short(name, 14))}</text>` : ''}
</g>`;
    }).join('\n');
    const chart = svg('forecast-chart', H, axes + series,
        roles.map(([n, r]) => `${n}: required ${f.fte(r.requiredFte?.[0])} to ${f.fte(r.requiredFte?.at(-1))} FTE from ${months[0]} to ${months.at(-1)}`).join('; '));
    const head = ['Month', ...roles.flatMap(([n]) => [`${n} required`, `${n} staffed`, `${n} gap`])];
    const rows = months.map((m, i) => [m, ...roles.flatMap(([, r]) => [f.fte(r.requiredFte?.[i]), f.fte(r.staffedFte?.[i]), f.fte(r.gapFte?.[i])])]);
    const data = table('Headcount per month', head, rows);
    const hiring = roles.filter(([, r]) => r.firstGapMonth).map(([n, r]) =>
        `<li><strong>${escapeHtml(n)}</strong>: first short in ${escapeHtml(r.firstGapMonth)}${r.hireBy ? `; hire by ${escapeHtml(r.hireBy)} to be ramped in time` : ''}</li>`);
    const plan = hiring.length > 0 ? `<ul class="hiring">${hiring.join('')}</ul>` : '<p class="note">No role runs short over the horizon.</p>';
    return section('forecast', `Forecast: headcount ${months[0]} to ${months.at(-1)}`,
        figure('forecast-chart', 'Required (solid) and staffed (dashed) FTE per role', chart, data) + plan);
}

function niceMax(x: number): number {
    const p = 10 ** Math.floor(Math.log10(x));
    for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x) return m * p;
    return 10 * p;
}

function section(id: string, heading: string, content: string): string {
    return `<section id="${id}" aria-labelledby="${id}-heading"><h2 id="${id}-heading">${escapeHtml(heading)}</h2>
${content}
</section>`;
}
