import { describe, expect, it } from 'vitest';
import {
    escapeHtml,
    LOAD_BANDS,
    loadBand,
    MAX_AGENTS_DRAWN,
    previewCsp,
    renderPreviewBody,
    renderPreviewHtml,
    renderStatus,
} from '../../packages/vscode/src/preview/render.js';
import { DEFAULT_DISPLAY, Figures } from '../../packages/vscode/src/preview/format.js';
import type { CapReport } from '../../packages/vscode/src/preview/report.js';
import { asBuilt } from '../../packages/vscode/src/preview/report.js';
import type { AgentsData } from '../../packages/vscode/src/preview/charts/agents.js';
import type { ForecastData } from '../../packages/vscode/src/preview/charts/forecast.js';
import type { RolesData } from '../../packages/vscode/src/preview/charts/roles.js';
import type { TiersData } from '../../packages/vscode/src/preview/charts/tiers.js';
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
const page = (body: string) =>
    renderPreviewHtml({
        body,
        nonce: NONCE,
        cspSource: 'https://webview.test',
        scriptUri: 'https://webview.test/media/preview.js',
        styleUri: 'https://webview.test/media/preview.css',
        documentUri: 'file:///plans/seed.cap',
        title: 'Capacity: seed.cap',
    });

/** The report as the preview gets it: `cap build`'s, with each agent's display name (see preview-notification.ts). */
async function reportOf(text: string): Promise<CapReport> {
    const model = await build(text);
    const report = toReport(model.evaluation) as CapReport;
    for (const agent of model.evaluation.model.agents) report.agents![agent.name].title = agent.title;
    return report;
}

/** What the page's HTML parser makes of an escaped attribute value. */
function unescapeAttribute(value: string): string {
    return value
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&#96;/g, '`')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
}

/** The figures a section hands the webview to draw, as its script reads them. */
function chartData<T>(body: string, id: string): T {
    const match = new RegExp(`data-chart="${id}" data-figures="([^"]*)"`).exec(body);
    if (!match) throw new Error(`no ${id} chart in the body`);
    return JSON.parse(unescapeAttribute(match[1])) as T;
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
        roles: {
            [title]: {
                effectivePerFte: 120,
                demandHours: 240,
                staffedFte: 1,
                requiredFte: 2,
                utilization: 2,
                gapFte: 1,
                hires: 1,
            },
        },
        tiers: {
            [title]: {
                accounts: 10,
                costToServe: 100,
                clv: 5000,
                clvNet: 4000,
                revenuePerAccount: 150,
                lifetimeMonths: 24,
            },
        },
        agents: {
            [title]: { role: title, fte: 1, count: 1, rampFactor: 1, capacityHours: 120, assignedHours: 240, load: 2 },
        },
        totals: {
            accounts: 10,
            requiredFte: 2,
            staffedFte: 1,
            teamCost: 1000,
            revenue: 1500,
            crc: 100,
            costToRevenue: 0.66,
        },
        forecast: {
            months: ['2027-01', '2027-02'],
            accounts: [10, 11],
            teamCost: [1, 1],
            revenue: [1, 1],
            roles: {
                [title]: {
                    requiredFte: [2, 3],
                    staffedFte: [1, 1],
                    gapFte: [1, 2],
                    firstGapMonth: title,
                    hireBy: title,
                },
            },
        },
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
        expect(html).toMatch(
            new RegExp(`<script nonce="${NONCE}" src="https://webview.test/media/preview.js"></script>`),
        );
        expect(html).not.toMatch(/<img/i);
        // Every attribute value is double-quoted with no quote inside (checked below), so the
        // attributes are what is left once the values are taken out.
        for (const tag of html.match(/<[a-z][^>]*>/gi) ?? [])
            expect(tag.replace(/"[^"]*"/g, '""')).not.toMatch(/\son[a-z]+\s*=/i);
        expect(html).not.toContain('\u202E');
        expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/\sstyle\s*=/i);
        // The title is shown, as text.
        expect(html).toContain(escapeHtml(title));
        // Every attribute value is closed where it was opened: the hostile quote did not break out.
        for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) expect((tag.match(/"/g) ?? []).length % 2, tag).toBe(0);
    });

    it('escapes the document URI and the title of the page too', () => {
        const html = renderPreviewHtml({
            body: '',
            nonce: NONCE,
            cspSource: 'https://w',
            scriptUri: 'https://w/p.js',
            styleUri: 'https://w/p.css',
            documentUri: 'file:///a"b<c>.cap',
            title: '</title><script>',
        });
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
            "default-src 'none'; style-src https://webview.test; img-src https://webview.test data:; font-src https://webview.test; " +
                `script-src 'nonce-${NONCE}'; base-uri 'none'; form-action 'none'`,
        );
        const html = page('');
        expect(html).toContain(
            `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src https://webview.test;`,
        );
        expect(html).not.toContain('unsafe-inline');
        expect(html).not.toContain('unsafe-eval');
        expect(html).not.toMatch(/https?:\/\/(?!webview\.test)/);
    });

    it('refuses a short or odd nonce', () => {
        expect(() =>
            renderPreviewHtml({
                body: '',
                nonce: 'short',
                cspSource: 'x',
                scriptUri: 'x',
                styleUri: 'x',
                documentUri: 'x',
                title: 'x',
            }),
        ).toThrow(/nonce/);
        expect(() =>
            renderPreviewHtml({
                body: '',
                nonce: 'abcdefghijklmnop"><script>',
                cspSource: 'x',
                scriptUri: 'x',
                styleUri: 'x',
                documentUri: 'x',
                title: 'x',
            }),
        ).toThrow(/nonce/);
    });
});

describe('what the preview shows for the seed model', () => {
    it('the headline figures: team cost, CRC, required against staffed FTE, revenue, cost to revenue', async () => {
        const body = renderPreviewBody(await reportOf(seedText), DEFAULT_DISPLAY);
        const headline = /<dl class="headline">(.*?)<\/dl>/s.exec(body)![1];
        const text = (html: string | undefined) => html?.replace(/<[^>]+>/g, '');
        const figures = [
            ...headline.matchAll(
                /<dt>(.*?)<\/dt><dd><span class="headline-value">(.*?)<\/span>(?:<span class="headline-detail">(.*?)<\/span>)?<\/dd>/g,
            ),
        ].map(m => [m[1], text(m[2]), m[3]]);
        expect(headline).toContain(
            '<span class="headline-value">$180,000<span class="headline-unit">/mo</span></span>',
        );
        // 25 CSMs × $7,200 = $180,000 a month for 480 accounts: $375 each; revenue 480 × $150 = $72,000.
        expect(figures).toEqual([
            ['Team cost', '$180,000/mo', '480 accounts'],
            ['CRC (cost per account)', '$375/mo', undefined],
            ['Required / staffed FTE', '20 / 25', '5 FTE spare'],
            ['Revenue', '$72,000/mo', undefined],
            ['Cost to revenue', '250%', 'team cost is 250% of revenue'],
        ]);
    });

    it('demand against capacity per role: two bars with their values, an hours axis, the utilization under the name', async () => {
        const body = renderPreviewBody(await reportOf(seedText), DEFAULT_DISPLAY);
        const roles = chartData<RolesData>(body, 'roles');
        // 480 accounts × 5 h = 2,400 h of demand; 25 CSMs × 120 h = 3,000 h of capacity: 80%.
        expect(roles.roles).toEqual([{ name: 'CSM', utilization: '80% utilized' }]);
        expect(roles.bars.map(b => [b.role, b.series, b.hours, b.label])).toEqual([
            ['CSM', 'demand', 2400, '2,400 h'],
            ['CSM', 'capacity', 3000, '3,000 h'],
        ]);
        expect(roles.bars[0].title).toBe('CSM: demand 2,400 h/mo, capacity 3,000 h/mo, 80% utilized');
        expect(roles.axis).toBe('hours per month');
        expect(body).toContain(
            '<td class="num">2,400</td><td class="num">3,000</td><td class="num">20</td><td class="num">25</td><td class="num">80%</td>',
        );
        expect(body).toContain(
            '<span class="swatch cap-swatch-demand"></span>Demand</li><li><span class="swatch cap-swatch-capacity"></span>Staffed capacity',
        );
    });

    it('cost to serve and CLV per tier, each bar with its value', async () => {
        const body = renderPreviewBody(await reportOf(seedText), DEFAULT_DISPLAY);
        const tiers = chartData<TiersData>(body, 'tiers');
        // Cost to serve 5 h × $60 = $300 a month; CLV $150 × 24 months = $3,600.
        expect(tiers.panels.map(p => [p.title, p.axis, p.bars.map(b => [b.tier, b.value, b.label])])).toEqual([
            ['Cost to serve per account, per month', 'USD per month', [['Customers', 300, '$300']]],
            ['CLV per account', 'USD', [['Customers', 3600, '$3,600']]],
        ]);
        expect(body).toContain('Customers: $300/mo to serve an account');
        expect(body).toContain('Customers: $3,600 CLV');
    });

    it('agents by display name, grouped by role, each with its load and band', async () => {
        const body = renderPreviewBody(await reportOf(seedText), DEFAULT_DISPLAY);
        const agents = chartData<AgentsData>(body, 'agents');
        // 15 + 10 CSMs share the demand in proportion: both pods at 80% load.
        expect(agents.groups.map(g => [g.summary, g.tiles.map(t => [t.label, t.load, t.band])])).toEqual([
            [
                'CSM: 25 people, 80% utilized',
                [
                    ['CSM pod A ×15', '80%', 'ok'],
                    ['CSM pod B ×10', '80%', 'ok'],
                ],
            ],
        ]);
        expect(agents.groups[0].tiles[0].title).toBe(
            'CSM pod A (pod_a), CSM: load 80%, capacity 1,800 h/mo, assigned 1,440 h/mo',
        );
        // The table names each agent and its display name.
        expect(body).toContain('<th scope="row">pod_a</th><td class="num">CSM pod A</td><td class="num">CSM</td>');
        expect(body).not.toContain('id="forecast"');
    });

    it('every chart is hidden from screen readers behind its caption, with a table of the same figures', async () => {
        const body = renderPreviewBody(await reportOf(seedText), DEFAULT_DISPLAY);
        const charts = body.match(/<div class="cap-chart"[^>]*>/g) ?? [];
        expect(charts.map(c => /data-chart="([a-z]+)"/.exec(c)![1])).toEqual(['roles', 'tiers', 'agents']);
        for (const chart of charts) expect(chart).toContain('aria-hidden="true"');
        expect(body.match(/<div class="data-table"><table>/g)).toHaveLength(3);
        expect(body.match(/<th scope="col"/g)!.length).toBeGreaterThan(10);
        // Drawn in the webview at the panel's width: the page itself holds no SVG to scale.
        expect(body).not.toContain('<svg');
        expect(body).not.toContain('viewBox');
    });

    it('flags an over-capacity role and an overloaded agent in words, not only in colour', async () => {
        const text = seedText.replace('count 15', 'count 5').replace('count 10', 'count 5');
        const body = renderPreviewBody(await reportOf(text), DEFAULT_DISPLAY);
        // 2,400 h of demand on 10 CSMs × 120 h: 200%.
        expect(chartData<RolesData>(body, 'roles').roles).toEqual([{ name: 'CSM', utilization: '200% utilized ⚠' }]);
        const tiles = chartData<AgentsData>(body, 'agents').groups[0].tiles;
        expect(tiles.map(t => [t.load, t.band])).toEqual([
            ['200% ⚠', 'over'],
            ['200% ⚠', 'over'],
        ]);
        expect(body).toContain('grouped by role; 2 over 100%.');
        expect(body).toContain('<span class="headline-detail">10 FTE short ⚠</span>');
    });

    it('shows a banner when the model has errors, and the figures it could read', () => {
        const report = hostileReport('T');
        report.diagnostics = [
            { severity: 'error', code: 'CAP012', message: 'x' },
            { severity: 'error', code: 'CAP013', message: 'y' },
        ];
        const body = renderPreviewBody(report, DEFAULT_DISPLAY);
        expect(body).toContain('role="alert">2 errors in the model');
    });

    it('says so when a section is empty, and survives a report with missing sections', () => {
        const body = renderPreviewBody({ schema: 'cap-report/1' }, DEFAULT_DISPLAY);
        expect(body).toContain('No roles yet.');
        expect(body).toContain('No tiers yet.');
        expect(body).toContain('No agents yet');
        expect(body).toContain('<dt>Team cost</dt><dd><span class="headline-value">—</span>');
        expect(body).not.toContain('data-chart');
    });

    it('names like __proto__ and constructor are shown as any other name', () => {
        const roles = JSON.parse(
            '{"__proto__": {"demandHours": 10, "staffedFte": 1, "effectivePerFte": 120, "utilization": 0.08}}',
        );
        const agents = JSON.parse(
            '{"__proto__": {"role": "__proto__", "load": 0.08, "count": 1}, "constructor": {"role": "__proto__", "load": 0.5}}',
        );
        const body = renderPreviewBody({ roles, agents }, DEFAULT_DISPLAY);
        expect(body).toContain('__proto__: demand 10 h/mo');
        expect(chartData<AgentsData>(body, 'agents').groups.map(g => [g.role, g.tiles.map(t => t.label)])).toEqual([
            ['__proto__', ['__proto__', 'constructor']],
        ]);
    });

    it('draws at most MAX_AGENTS_DRAWN agents and says how many more there are', () => {
        const agents: CapReport['agents'] = {};
        for (let i = 0; i < MAX_AGENTS_DRAWN + 5; i++)
            agents[`a${String(i).padStart(4, '0')}`] = { role: 'CSM', load: 0.5, capacityHours: 100 };
        const body = renderPreviewBody({ agents }, DEFAULT_DISPLAY);
        expect(chartData<AgentsData>(body, 'agents').groups[0].tiles).toHaveLength(MAX_AGENTS_DRAWN);
        expect(body).toContain(`the first ${MAX_AGENTS_DRAWN} of ${MAX_AGENTS_DRAWN + 5} agents`);
    });
});

describe('load bands', () => {
    it('the legend reads as four ranges that do not overlap', () => {
        expect(LOAD_BANDS.map(b => b.label)).toEqual(['under 70%', '70% to under 90%', '90% to 100%', 'over 100% ⚠']);
        const body = renderPreviewBody({ agents: { a: { role: 'CSM', load: 0.5 } } }, DEFAULT_DISPLAY);
        expect(body).toContain(
            '<ul class="legend"><li><span class="swatch cap-swatch-band-low"></span>under 70%</li><li><span class="swatch cap-swatch-band-ok"></span>70% to under 90%</li>' +
                '<li><span class="swatch cap-swatch-band-high"></span>90% to 100%</li><li><span class="swatch cap-swatch-band-over"></span>over 100% ⚠</li></ul>',
        );
    });

    it('every load falls in the one band its shown percentage names', () => {
        const f = new Figures({}, DEFAULT_DISPLAY);
        const expected = (shown: number) => (shown > 100 ? 'over' : shown >= 90 ? 'high' : shown >= 70 ? 'ok' : 'low');
        for (let i = 0; i <= 12_000; i++) {
            const load = i / 10_000 + 1e-7 * Math.sin(i);
            expect(loadBand(load), `${load} shown as ${f.percent(load)}`).toBe(
                expected(Number.parseFloat(f.percent(load))),
            );
        }
        expect([0.6994, 0.6996, 0.8994, 0.8996, 1.0, 1.0004, 1.0006, null].map(loadBand)).toEqual([
            'low',
            'ok',
            'ok',
            'high',
            'high',
            'high',
            'over',
            'none',
        ]);
    });
});

describe('the forecast, once the report carries one', () => {
    const withForecast = (): CapReport => ({
        model: { name: 'M', currency: 'USD', period: 'month' },
        roles: { CSM: { demandHours: 240, staffedFte: 2, effectivePerFte: 120, utilization: 1 } },
        forecast: {
            months: ['2027-01', '2027-02', '2027-03', '2027-04'],
            accounts: [48, 52, 56, 60],
            teamCost: [1, 1, 1, 1],
            revenue: [1, 1, 1, 1],
            roles: {
                CSM: {
                    requiredFte: [2, 2.17, 3.33, 4.5],
                    staffedFte: [2, 2, 2, 2],
                    gapFte: [0, 0.17, 1.33, 2.5],
                    firstGapMonth: '2027-02',
                    hireBy: '2026-11',
                    hiringPlan: [
                        { neededFrom: '2027-02', startBy: '2026-11' },
                        { neededFrom: '2027-03', startBy: '2026-12' },
                        { neededFrom: '2027-04', startBy: '2027-01' },
                    ],
                },
            },
        },
    });

    it('accounts month by month, required against staffed FTE per role, the hires marked where needed and where they must start', () => {
        const body = renderPreviewBody(withForecast(), DEFAULT_DISPLAY);
        expect(body).toContain('<h2 id="forecast-heading">Forecast 2027-01 to 2027-04</h2>');
        const forecast = chartData<ForecastData>(body, 'forecast');
        expect(forecast.months).toEqual(['2027-01', '2027-02', '2027-03', '2027-04']);
        expect(forecast.accounts.map(a => [a.month, a.value, a.label])).toEqual([
            ['2027-01', 48, '48'],
            ['2027-02', 52, '52'],
            ['2027-03', 56, '56'],
            ['2027-04', 60, '60'],
        ]);
        const [csm] = forecast.roles;
        expect(csm.summary).toBe('CSM: 3 hires, the first needed from 2027-02, to start by 2026-11');
        expect(csm.months[2]).toEqual({ month: '2027-03', required: 3.33, staffed: 2 });
        // ▲ where each hire is needed, on the required line; start-by lines only inside the horizon.
        expect(csm.needed.map(h => [h.month, h.fte, h.label, h.title])).toEqual([
            ['2027-02', 2.17, '+1', 'CSM: 1 hire needed from 2027-02'],
            ['2027-03', 3.33, '+1', 'CSM: 1 hire needed from 2027-03'],
            ['2027-04', 4.5, '+1', 'CSM: 1 hire needed from 2027-04'],
        ]);
        expect(csm.starts.map(h => h.title)).toEqual(['CSM: 1 hire to start by 2027-01']);
        expect(csm.end).toEqual({ required: '4.5 required', staffed: '2 staffed' });
        expect(body).toContain(
            '<th scope="row">2027-03</th><td class="num">56</td><td class="num">3.33</td><td class="num">2</td><td class="num">1.33</td>',
        );
        // A report from before v1.1 has no requisition months: the column shows none.
        expect(body).toContain(
            '<th scope="row">CSM</th><td class="num">1</td><td class="num">—</td>' +
                '<td class="num">2026-11 (before the forecast starts)</td><td class="num">2027-02</td>',
        );
        expect(csm.opens).toEqual([]);
    });

    it("v1.1: staffed FTE falling with attrition, the leavers, and each hire's requisition month", () => {
        const report = withForecast();
        const csm = report.forecast!.roles!.CSM!;
        csm.staffedFte = [2, 1.9, 1.8, 1.7];
        csm.leaversFte = [0, 0.1, 0.2, 0.3];
        csm.openBy = '2026-09';
        csm.hiringPlan = [
            { neededFrom: '2027-02', startBy: '2026-11', openBy: '2026-09' },
            { neededFrom: '2027-03', startBy: '2026-12', openBy: '2026-10' },
            { neededFrom: '2027-04', startBy: '2027-03', openBy: '2027-01' },
        ];
        const body = renderPreviewBody(report, DEFAULT_DISPLAY);
        const [role] = chartData<ForecastData>(body, 'forecast').roles;
        expect(role.summary).toBe(
            'CSM: 3 hires, the first needed from 2027-02, to start by 2026-11, ' +
                'its requisition open by 2026-09 (late); ' +
                '0.3 FTE leave by 2027-04',
        );
        expect(role.months.map(m => m.staffed)).toEqual([2, 1.9, 1.8, 1.7]);
        // Two requisitions are late: marked at the first month; the third opens in 2027-01 too.
        expect(role.opens.map(o => [o.month, o.label, o.title])).toEqual([
            [
                '2027-01',
                'req late',
                'CSM: 2 requisitions late (to open before the forecast starts), 1 requisition to open by 2027-01',
            ],
        ]);
        expect(body).toContain('<th scope="col" class="num">CSM leavers FTE</th>');
        expect(body).toContain(
            '<th scope="row">CSM</th><td class="num">3</td><td class="num">2027-01</td>' +
                '<td class="num">2027-03</td><td class="num">2027-04</td>',
        );
    });

    it('the growth example: 4 CSM hires, their requisitions already late; staffed FTE falling', async () => {
        const body = renderPreviewBody(
            await reportOf(readFileSync(resolve(__dirname, '../../examples/growth-500/growth.cap'), 'utf-8')),
            DEFAULT_DISPLAY,
        );
        const forecast = chartData<ForecastData>(body, 'forecast');
        expect(forecast.roles.map(r => [r.role, r.needed.map(h => `${h.month} ${h.label}`)])).toEqual([
            ['CSM', ['2027-03 +1', '2027-04 +3']],
            ['Onboarding', []],
        ]);
        const [csm] = forecast.roles;
        expect(csm.opens.map(o => [o.month, o.label])).toEqual([['2027-01', 'req late']]);
        expect(csm.starts.map(s => s.month)).toEqual(['2027-01', '2027-02']);
        // 24.5 × 0.85^(m/12): 15% of the CSMs leave a year
        csm.months.forEach((m, i) => expect(m.staffed).toBeCloseTo(24.5 * 0.85 ** (i / 12), 9));
        expect(csm.summary).toBe(
            'CSM: 4 hires, the first needed from 2027-03, to start by 2027-01, ' +
                'its requisition open by 2026-11 (late); ' +
                '1.6 FTE leave by 2027-06',
        );
        expect(forecast.accounts.at(-1)!.label).toBe('1,556');
    });

    it('is left out when the report has none (null)', () => {
        const report = withForecast();
        report.forecast = null;
        expect(renderPreviewBody(report, DEFAULT_DISPLAY)).not.toContain('forecast');
    });
});

describe('model text in the charts', () => {
    it.each(HOSTILE)('reaches the webview as text, with bidirectional controls written out: %s', title => {
        const body = renderPreviewBody(hostileReport(title), DEFAULT_DISPLAY);
        const roles = chartData<RolesData>(body, 'roles');
        expect(roles.roles[0].name).toBe(title.replace('\u202E', '[U+202E]'));
        const agent = chartData<AgentsData>(body, 'agents').groups[0].tiles[0];
        expect(agent.label).toBe(title.replace('\u202E', '[U+202E]'));
        expect(chartData<ForecastData>(body, 'forecast').roles[0].role).toBe(title.replace('\u202E', '[U+202E]'));
    });

    it('the exported report is the one cap build writes: without the display names the preview push adds', async () => {
        const report = await reportOf(seedText);
        expect(report.agents!.pod_a.title).toBe('CSM pod A');
        const built = asBuilt(report);
        expect(Object.values(built.agents!).map(a => 'title' in a)).toEqual([false, false]);
        expect(Object.keys(built.agents!.pod_a)).toEqual([
            'role',
            'fte',
            'count',
            'rampFactor',
            'capacityHours',
            'assignedHours',
            'load',
            'bookAccounts',
            'bookRevenue',
        ]);
    });
});

describe('display options', () => {
    it('rescales per-time figures to another period and writes money in the chosen format', async () => {
        const report = await reportOf(seedText);
        const quarterly = renderPreviewBody(report, { period: 'quarter', currencyFormat: 'symbol' });
        expect(quarterly).toContain('CSM: demand 7,200 h/qtr, capacity 9,000 h/qtr, 80% utilized');
        expect(chartData<RolesData>(quarterly, 'roles').bars.map(b => b.label)).toEqual(['7,200 h', '9,000 h']);
        expect(quarterly).toContain(
            '<dt>Team cost</dt><dd><span class="headline-value">$540,000<span class="headline-unit">/qtr</span></span>',
        );
        // CLV does not depend on the period.
        expect(quarterly).toContain('Customers: $3,600 CLV');
        const code = new Figures(report, { period: 'model', currencyFormat: 'code' });
        expect(code.money(9500)).toBe('9,500 USD');
        expect(code.money(79.166)).toBe('79.17 USD');
        const compact = new Figures(report, { period: 'model', currencyFormat: 'compact' });
        expect([compact.money(9500), compact.money(1_200_000), compact.money(-300), compact.money(null)]).toEqual([
            '$9.5k',
            '$1.2M',
            '-$300',
            '—',
        ]);
    });

    it('a yearly model shown per month divides by twelve', () => {
        const f = new Figures(
            { model: { period: 'year', currency: 'EUR' } },
            { period: 'month', currencyFormat: 'symbol' },
        );
        expect(f.moneyPerPeriod(120_000)).toBe('€10,000/mo');
    });
});

describe('the Markdown summary', () => {
    it('seed: totals, a role table and a tier table', async () => {
        const md = summaryMarkdown(await reportOf(seedText), DEFAULT_DISPLAY);
        expect(md).toBe(
            [
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
            ].join('\n'),
        );
    });

    it('escapes table-breaking and markup characters in model text', () => {
        const md = summaryMarkdown(hostileReport('a | b <script>*x*\nnext'), DEFAULT_DISPLAY);
        expect(md).toContain('## a \\| b \\<script\\>\\*x\\* next');
        expect(
            md
                .split('\n')
                .filter(l => l.startsWith('|'))
                .every(l => !/[^\\]\|[^ ]/.test(l.slice(1, -1)) || l.includes('\\|')),
        ).toBe(true);
    });
});
