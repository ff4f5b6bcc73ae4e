import { describe, expect, it } from 'vitest';
import { escapeHtml, loadClass, MAX_AGENTS_DRAWN, previewCsp, renderPreviewBody, renderPreviewHtml, renderStatus } from '../../packages/vscode/src/preview/render.js';
import { DEFAULT_DISPLAY, Figures } from '../../packages/vscode/src/preview/format.js';
import type { CapReport } from '../../packages/vscode/src/preview/report.js';
import { summaryMarkdown } from '../../packages/vscode/src/preview/summary-markdown.js';
import { build } from '../helpers.js';
import { toReport } from '@cap/engine';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The capacity preview's HTML, rendered by the pure module the extension uses, from reports the
 * engine writes: what a user sees, and that no model text can run as code or change the page.
 */

const NONCE = 'abcdefghijklmnopqrstuvwx';
const page = (body: string) => renderPreviewHtml({
    body, nonce: NONCE, cspSource: 'https://webview.test', scriptUri: 'https://webview.test/media/preview.js',
    styleUri: 'https://webview.test/media/preview.css', documentUri: 'file:///plans/seed.cap', title: 'Capacity: seed.cap',
});

async function reportOf(text: string): Promise<CapReport> {
    const model = await build(text);
    return toReport(model.evaluation.results) as CapReport;
}

const seedText = readFileSync(resolve(__dirname, '../../examples/seed/seed.cap'), 'utf-8');

const HOSTILE = [
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    '\u202Egnp.exe',
    '</title></svg><script>x</script>',
    '&lt;already escaped&gt;',
    '`${x}`',
];

/** A model whose every title is hostile text; the report carries titles, names stay identifiers. */
function hostileReport(title: string): CapReport {
    return {
        schema: 'cap-report/1',
        model: { name: 'M', title, currency: 'USD', period: 'month' },
        roles: { [title]: { effectivePerFte: 120, demandHours: 240, staffedFte: 1, requiredFte: 2, utilization: 2, gapFte: 1, hires: 1 } },
        tiers: { [title]: { accounts: 10, costToServe: 100, clv: 5000, clvNet: 4000, revenuePerAccount: 150, lifetimeMonths: 24 } },
        agents: { [title]: { role: title, fte: 1, count: 1, rampFactor: 1, capacityHours: 120, assignedHours: 240, load: 2 } },
        totals: { accounts: 10, requiredFte: 2, staffedFte: 1, teamCost: 1000, revenue: 1500, crc: 100, costToRevenue: 0.66 },
        forecast: { months: ['2027-01', '2027-02'], accounts: [10, 11], teamCost: [1, 1], revenue: [1, 1], roles: { [title]: { requiredFte: [2, 3], staffedFte: [1, 1], gapFte: [1, 2], firstGapMonth: title, hireBy: title } } },
        diagnostics: [{ severity: 'warning', code: 'CAP001', message: title, file: title, line: 1, column: 1 }],
    };
}

describe('escaping model text', () => {
    it('escapes markup, quotes and backticks, and shows bidirectional overrides as code points', () => {
        expect(escapeHtml('<script>alert("x")</script>')).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
        expect(escapeHtml("it's `x`")).toBe('it&#39;s &#96;x&#96;');
        expect(escapeHtml('a & b')).toBe('a &amp; b');
        expect(escapeHtml('\u202Egnp.exe')).toBe('[U+202E]gnp.exe');
        expect(escapeHtml('x\u2066y\u2069')).toBe('x[U+2066]y[U+2069]');
        expect(escapeHtml('nul\u0000bell\u0007')).toBe('nul\uFFFDbell\uFFFD');
        expect(escapeHtml(null)).toBe('');
    });

    it.each(HOSTILE)('no hostile title reaches the page as markup: %s', async title => {
        const html = page(renderPreviewBody(hostileReport(title), DEFAULT_DISPLAY));
        // The only script element is the nonce'd external one; no event handler attribute exists.
        expect(html.match(/<script/g)).toHaveLength(1);
        expect(html).toMatch(new RegExp(`<script nonce="${NONCE}" src="https://webview.test/media/preview.js"></script>`));
        expect(html).not.toMatch(/<img/i);
        for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
        expect(html).not.toContain('\u202E');
        expect(html).not.toMatch(/\sstyle\s*=/i);
        // The title is shown, as text.
        expect(html).toContain(escapeHtml(title));
        // Every attribute value is closed where it was opened: the hostile quote did not break out.
        for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) expect((tag.match(/"/g) ?? []).length % 2, tag).toBe(0);
    });

    it('escapes the document URI and the title of the page too', () => {
        const html = renderPreviewHtml({ body: '', nonce: NONCE, cspSource: 'https://w', scriptUri: 'https://w/p.js', styleUri: 'https://w/p.css', documentUri: 'file:///a"b<c>.cap', title: '</title><script>' });
        expect(html).toContain('data-document-uri="file:///a&quot;b&lt;c&gt;.cap"');
        expect(html).toContain('<title>&lt;/title&gt;&lt;script&gt;</title>');
    });

    it('renderStatus escapes its message', () => {
        expect(renderStatus('<b>x</b>')).toBe('<p class="status">&lt;b&gt;x&lt;/b&gt;</p>');
    });
});

describe('the Content-Security-Policy', () => {
    it('allows nothing by default, styles and images from the webview only, scripts only with the nonce', () => {
        expect(previewCsp('https://webview.test', NONCE)).toBe(
            "default-src 'none'; style-src https://webview.test; img-src https://webview.test data:; font-src https://webview.test; "
            + `script-src 'nonce-${NONCE}'; base-uri 'none'; form-action 'none'`);
        const html = page('');
        expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src https://webview.test;`);
        expect(html).not.toContain('unsafe-inline');
        expect(html).not.toContain('unsafe-eval');
        expect(html).not.toMatch(/https?:\/\/(?!webview\.test)/);
    });

    it('refuses a short or odd nonce', () => {
        expect(() => renderPreviewHtml({ body: '', nonce: 'short', cspSource: 'x', scriptUri: 'x', styleUri: 'x', documentUri: 'x', title: 'x' })).toThrow(/nonce/);
        expect(() => renderPreviewHtml({ body: '', nonce: 'abcdefghijklmnop"><script>', cspSource: 'x', scriptUri: 'x', styleUri: 'x', documentUri: 'x', title: 'x' })).toThrow(/nonce/);
    });
});

describe('what the preview shows for the seed model', () => {
    it('per role demand against capacity and utilization, per tier cost to serve and CLV, agent loads', async () => {
        const body = renderPreviewBody(await reportOf(seedText), DEFAULT_DISPLAY);
        expect(body).toContain('The seed method: one CSM team, one segment');
        // 480 accounts × 5 h = 2,400 h of demand; 25 CSMs × 120 h = 3,000 h of capacity: 80%.
        expect(body).toContain('CSM: demand 2,400 h/mo, capacity 3,000 h/mo, 80% utilized');
        expect(body).toContain('<td class="num">2,400</td><td class="num">3,000</td><td class="num">20</td><td class="num">25</td><td class="num">80%</td>');
        // Cost to serve 5 h × $60 = $300 a month; CLV $150 × 24 months = $3,600.
        expect(body).toContain('Customers: $300/mo');
        expect(body).toContain('Customers: $3,600');
        // 15 + 10 CSMs share the demand in proportion: both pods at 80% load.
        expect(body).toContain('pod_a (CSM): load 80%, capacity 1,800 h/mo');
        expect(body).toContain('pod_b (CSM): load 80%, capacity 1,200 h/mo');
        expect(body.match(/<g class="cell load-ok"><title>/g)).toHaveLength(2);
        expect(body).toContain('<dt>Team cost</dt><dd>$180,000/mo</dd>');
        // No forecast without start and horizon.
        expect(body).not.toContain('id="forecast"');
    });

    it('every chart is an image labelled by its caption, with a table of the same figures behind it', async () => {
        const body = renderPreviewBody(await reportOf(seedText), DEFAULT_DISPLAY);
        const charts = body.match(/<svg [^>]*>/g) ?? [];
        expect(charts.length).toBe(4);
        for (const svg of charts) expect(svg).toMatch(/role="img" aria-labelledby="[a-z-]+-caption" aria-describedby="[a-z-]+-desc"/);
        expect(body.match(/<table>/g)).toHaveLength(3);
        expect(body.match(/<th scope="col"/g)!.length).toBeGreaterThan(10);
    });

    it('flags an over-capacity role and an overloaded agent in words, not only in colour', async () => {
        const text = seedText.replace('count 15', 'count 5').replace('count 10', 'count 5');
        const body = renderPreviewBody(await reportOf(text), DEFAULT_DISPLAY);
        // 2,400 h of demand on 10 CSMs × 120 h: 200%.
        expect(body).toContain('200% utilized ⚠');
        expect(body).toContain('<g class="row over">');
        expect(body.match(/<g class="cell load-over"><title>/g)).toHaveLength(2);
        expect(body).toContain('over 100% ⚠');
    });

    it('shows a banner when the model has errors, and the figures it could read', () => {
        const report = hostileReport('T');
        report.diagnostics = [{ severity: 'error', code: 'CAP012', message: 'x' }, { severity: 'error', code: 'CAP013', message: 'y' }];
        const body = renderPreviewBody(report, DEFAULT_DISPLAY);
        expect(body).toContain('role="alert">2 errors in the model');
    });

    it('says so when a section is empty, and survives a report with missing sections', () => {
        const body = renderPreviewBody({ schema: 'cap-report/1' }, DEFAULT_DISPLAY);
        expect(body).toContain('No roles yet.');
        expect(body).toContain('No tiers yet.');
        expect(body).toContain('No agents yet');
        expect(body).toContain('<dt>Team cost</dt><dd>—</dd>');
    });

    it('names like __proto__ and constructor are shown as any other name', () => {
        const roles = JSON.parse('{"__proto__": {"demandHours": 10, "staffedFte": 1, "effectivePerFte": 120, "utilization": 0.08}}');
        const body = renderPreviewBody({ roles }, DEFAULT_DISPLAY);
        expect(body).toContain('__proto__: demand 10 h/mo');
    });

    it('draws at most MAX_AGENTS_DRAWN agents and says how many more there are', () => {
        const agents: CapReport['agents'] = {};
        for (let i = 0; i < MAX_AGENTS_DRAWN + 5; i++) agents[`a${String(i).padStart(4, '0')}`] = { role: 'CSM', load: 0.5, capacityHours: 100 };
        const body = renderPreviewBody({ agents }, DEFAULT_DISPLAY);
        expect(body.match(/<g class="cell load-low">/g)!.length).toBe(MAX_AGENTS_DRAWN + 1); // +1: the legend
        expect(body).toContain(`the first ${MAX_AGENTS_DRAWN} of ${MAX_AGENTS_DRAWN + 5} agents`);
    });

    it('load classes: under 70%, 70 to 90%, 90 to 100%, over 100%, none', () => {
        expect([0.5, 0.7, 0.95, 1.0, 1.01, null].map(loadClass)).toEqual(['load-low', 'load-ok', 'load-high', 'load-high', 'load-over', 'load-none']);
    });
});

describe('the forecast, once the report carries one', () => {
    const withForecast = (): CapReport => ({
        model: { name: 'M', currency: 'USD', period: 'month' },
        roles: { CSM: { demandHours: 240, staffedFte: 2, effectivePerFte: 120, utilization: 1 } },
        forecast: {
            months: ['2027-01', '2027-02', '2027-03', '2027-04'],
            accounts: [48, 52, 56, 60], teamCost: [1, 1, 1, 1], revenue: [1, 1, 1, 1],
            roles: { CSM: { requiredFte: [2, 2.17, 2.33, 2.5], staffedFte: [2, 2, 2, 2], gapFte: [0, 0.17, 0.33, 0.5], firstGapMonth: '2027-02', hireBy: '2026-11' } },
        },
    });

    it('draws the required and staffed headcount per role over the horizon, with the table and the hiring dates', () => {
        const body = renderPreviewBody(withForecast(), DEFAULT_DISPLAY);
        expect(body).toContain('<h2 id="forecast-heading">Forecast: headcount 2027-01 to 2027-04</h2>');
        expect(body.match(/<polyline class="line required" points="[0-9., ]+">/g)).toHaveLength(1);
        expect(body.match(/<polyline class="line staffed" points="[0-9., ]+">/g)).toHaveLength(1);
        expect(body).toContain('<th scope="row">2027-03</th><td class="num">2.33</td><td class="num">2</td><td class="num">0.33</td>');
        expect(body).toContain('<strong>CSM</strong>: first short in 2027-02; hire by 2026-11 to be ramped in time');
    });

    it('is left out when the report has none (null)', () => {
        const report = withForecast();
        report.forecast = null;
        expect(renderPreviewBody(report, DEFAULT_DISPLAY)).not.toContain('forecast');
    });
});

describe('display options', () => {
    it('rescales per-time figures to another period and writes money in the chosen format', async () => {
        const report = await reportOf(seedText);
        const quarterly = renderPreviewBody(report, { period: 'quarter', currencyFormat: 'symbol' });
        expect(quarterly).toContain('CSM: demand 7,200 h/qtr, capacity 9,000 h/qtr, 80% utilized');
        expect(quarterly).toContain('<dt>Team cost</dt><dd>$540,000/qtr</dd>');
        // CLV does not depend on the period.
        expect(quarterly).toContain('Customers: $3,600');
        const code = new Figures(report, { period: 'model', currencyFormat: 'code' });
        expect(code.money(9500)).toBe('9,500 USD');
        expect(code.money(79.166)).toBe('79.17 USD');
        const compact = new Figures(report, { period: 'model', currencyFormat: 'compact' });
        expect([compact.money(9500), compact.money(1_200_000), compact.money(-300), compact.money(null)]).toEqual(['$9.5k', '$1.2M', '-$300', '—']);
    });

    it('a yearly model shown per month divides by twelve', () => {
        const f = new Figures({ model: { period: 'year', currency: 'EUR' } }, { period: 'month', currencyFormat: 'symbol' });
        expect(f.moneyPerPeriod(120_000)).toBe('€10,000/mo');
    });
});

describe('the Markdown summary', () => {
    it('seed: totals, a role table and a tier table', async () => {
        const md = summaryMarkdown(await reportOf(seedText), DEFAULT_DISPLAY);
        expect(md).toBe([
            '## The seed method: one CSM team, one segment',
            '',
            'Required **20 FTE**, staffed **25 FTE**; 480 accounts; team cost $180,000/mo, revenue $72,000/mo, CRC $375/mo, cost to revenue 250%.',
            '',
            '### Roles',
            '',
            '| Role | Required FTE | Staffed FTE | Utilization | Hires |',
            '| --- | ---: | ---: | ---: | ---: |',
            '| CSM | 20 | 25 | 80% | 0 |',
            '',
            '### Tiers',
            '',
            '| Tier | Accounts | Cost to serve/mo | CLV | Net CLV |',
            '| --- | ---: | ---: | ---: | ---: |',
            '| Customers | 480 | $300 | $3,600 | -$3,600 |',
            '',
        ].join('\n'));
    });

    it('escapes table-breaking and markup characters in model text', () => {
        const md = summaryMarkdown(hostileReport('a | b <script>*x*\nnext'), DEFAULT_DISPLAY);
        expect(md).toContain('## a \\| b \\<script\\>\\*x\\* next');
        expect(md.split('\n').filter(l => l.startsWith('|')).every(l => !/[^\\]\|[^ ]/.test(l.slice(1, -1)) || l.includes('\\|'))).toBe(true);
    });
});
