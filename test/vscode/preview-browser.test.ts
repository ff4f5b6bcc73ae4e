import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { URI } from 'langium';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEFAULT_DISPLAY } from '../../packages/vscode/src/preview/format.js';
import {
    previewNonce,
    previewTitle,
    renderPreviewBody,
    renderPreviewHtml,
} from '../../packages/vscode/src/preview/render.js';
import type { CapReport } from '../../packages/vscode/src/preview/report.js';
import { StdioClient } from '../lsp/stdio-client.js';
// @ts-expect-error: the build script is JavaScript, without declarations.
import { buildWebview } from '../../packages/vscode/webview.esbuild.mjs';

/**
 * The capacity preview in a real browser, fed with models written to attack it. Every string a
 * Cap model can hold (the titles of the model, roles, services, tiers, agents and scenarios, the
 * import path) and the model's file name carry script, markup that breaks out of attributes,
 * remote loads and a right-to-left override. The report comes from the language server's
 * `cap/preview` push, the page from the renderer the extension uses, and the page runs in Chromium
 * with the extension's own webview script (src/webview/preview.ts bundled with Observable Plot, as
 * the extension ships it) and media/preview.css. Nothing may run, nothing may be fetched, no policy
 * may be tripped, and the title must read exactly as the analyst typed it.
 *
 * Then the dashboard itself, from the shipped examples: every chart drawn by Plot under the page's
 * policy (no violation: Plot's own <style> element never reaches the page), at the panel's width and
 * never scaled (12 px chart text at 900 and at 1500 px), the whole width used, the values on the
 * bars, the agents by display name, the forecast with its hires marked; screenshots of each width
 * in test-results/vscode/.
 *
 * Chromium: /usr/bin/chromium or CAP_CHROMIUM. Without it `npm test` skips this file and says so;
 * `npm run test:vscode` (which installs Debian's chromium when it is missing, as CI does) runs it
 * with CAP_REQUIRE_CHROMIUM=1, where a missing browser is a failure.
 */

const repo = resolve(__dirname, '../..');
const CHROMIUM = process.env.CAP_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CAP_REQUIRE_CHROMIUM === '1') {
    throw new Error(
        `CAP_REQUIRE_CHROMIUM=1 but there is no Chromium at ${CHROMIUM} (install Debian's chromium or set CAP_CHROMIUM)`,
    );
}
if (!haveChromium) {
    console.warn(
        `preview-browser: SKIPPED, no Chromium at ${CHROMIUM}. Install Debian's chromium or set CAP_CHROMIUM; ` +
            '`npm run test:vscode` runs this suite and fails without a browser.',
    );
}

/** Chromium on a machine with no network but loopback, as root, without a GPU (as in packages/vscode/test). */
const CHROMIUM_ARGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
    '--disable-quic',
    '--disable-features=Translate,MediaRouter',
];

/** Where the page's stylesheet and script come from, as a webview's `cspSource` (another origin than the page's). */
const RESOURCES = 'https://cap-webview-resource.test';
const STYLE_URI = `${RESOURCES}/media/preview.css`;
const SCRIPT_URI = `${RESOURCES}/dist/webview/preview.js`;
/** The webview script, bundled from the current sources in beforeAll. */
let script: Uint8Array;
const SCREENSHOTS = join(repo, 'test-results/vscode');

/** Model text as an analyst might paste it into a title. */
const PAYLOADS: [key: string, text: string][] = [
    ['script', '<script>window.__pwned=1</script>'],
    ['attribute', '"><img src=x onerror="window.__pwned=2">'],
    ['style', '</style><script>window.__pwned=3</script><style>'],
    ['rtl', 'Renewals \u202Egnp.exe\u202C plan'],
    ['svg', '</title></desc></svg><svg onload="window.__pwned=4"><title>'],
    ['single-quote', "' onfocus='window.__pwned=5' autofocus x='"],
    [
        'remote',
        '<link rel="stylesheet" href="https://attacker.example/x.css"><img src="https://attacker.example/x.png"><iframe src="javascript:alert(6)"></iframe>',
    ],
    ['entities', '&lt;b&gt; &amp; `${alert(7)}` \\ \u2066isolate\u2069'],
];

/** The entry file's name, which reaches the page's <title> and its data attribute. */
const FILE_NAME = '"><img src=x onerror="window.__pwned=8">\u202Egnp.cap';

/**
 * What a reader must see for typed text: every character as typed, except that a bidirectional
 * control is written out as its code point (`[U+202E]`) instead of silently reordering the text
 * around it, so that `\u202Egnp.exe` cannot pass for `exe.png`.
 */
function visible(typed: string): string {
    return typed.replace(
        /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g,
        ch => `[U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`,
    );
}

/** A Cap string literal holding `text`. */
const quoted = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** The import path of a payload: a real file, in folders named after the payload where it has slashes. */
const importPath = (payload: string) => `./${payload}.cap`;

function model(payload: string): { entry: string; imported: string } {
    const t = quoted(payload);
    return {
        entry: `import ${quoted(importPath(payload))}

model Hostile ${t} {
  currency USD
  period month
  start 2027-01
  horizon 3 months
}

service Call ${t} { role CSM  effort 2h every month }
tier Customers ${t} { accounts 100  revenue $150 / month  lifetime 24 months  new 10 / month  services Call }
agent pod ${t} { role CSM  count 2 }
scenario Growth ${t} { tier Customers { accounts 200 } }
`,
        imported: `role CSM ${t} { hours 160h / month  overhead 25%  cost $7,200 / month }\n`,
    };
}

/** Records what a page did: requests, console, errors, dialogs, policy violations, its messages to the extension. */
interface Watch {
    /** Every request the page made, including those its policy then blocked. */
    requests: string[];
    /** The requests that failed, with the reason. */
    failed: string[];
    /** The requests that got past the page's policy to the network and were refused by the test. */
    refused: string[];
    console: { type: string; text: string }[];
    errors: string[];
    dialogs: string[];
}

interface PageRecord {
    pwned: unknown;
    violations: { directive: string; blocked: string; sample: string }[];
    messages: unknown[];
    state: unknown;
}

/**
 * Stands in for VS Code's webview host: `acquireVsCodeApi` (messages and state, recorded), and a
 * listener for Content-Security-Policy violations. Runs before the page's own content.
 */
const HOST_SCRIPT = `
window.__capHost = { messages: [], state: undefined, violations: [] };
window.acquireVsCodeApi = () => ({
    postMessage: m => window.__capHost.messages.push(m),
    getState: () => window.__capHost.state,
    setState: s => { window.__capHost.state = s; },
});
document.addEventListener('securitypolicyviolation', e => {
    window.__capHost.violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample });
});
`;

let browser: Browser;
let context: BrowserContext;
let client: StdioClient;
let work: string;
const pushes: { uri: string; report: CapReport }[] = [];
/** The dashboard's pages of the shipped examples. */
const EXAMPLES = {
    growth: 'growth-500/growth.cap',
    'three-tier': 'three-tier/three-tier.cap',
    crm: 'crm-book/plan.cap',
};
const examplePages = new Map<string, string>();
/** The preview page of each payload, written to a file as the extension would set `webview.html`. */
const pages = new Map<string, { file: string; key: string; body: string }>();

async function open(file: string, ready = true, width?: number): Promise<{ page: Page; watch: Watch }> {
    const page = await context.newPage();
    if (width) await page.setViewportSize({ width, height: 900 });
    const watch: Watch = { requests: [], failed: [], refused: [], console: [], errors: [], dialogs: [] };
    page.on('request', r => {
        watch.requests.push(r.url());
    });
    page.on('requestfailed', r => {
        watch.failed.push(`${r.url()} ${r.failure()?.errorText}`);
    });
    // The page itself and the webview's resources; anything else that gets as far as the network
    // is refused here and recorded.
    await page.route('**/*', async route => {
        const url = route.request().url();
        if (url === pathToFileURL(file).toString()) {
            await route.continue();
        } else if (url === SCRIPT_URI) {
            await route.fulfill({ status: 200, contentType: 'text/javascript', body: Buffer.from(script) });
        } else if (url === STYLE_URI) {
            await route.fulfill({
                status: 200,
                contentType: 'text/css',
                body: readFileSync(join(repo, 'packages/vscode/media/preview.css')),
            });
        } else {
            watch.refused.push(url);
            await route.abort('blockedbyclient');
        }
    });
    page.on('console', m => {
        watch.console.push({ type: m.type(), text: m.text() });
    });
    page.on('pageerror', e => {
        watch.errors.push(String(e));
    });
    page.on('dialog', d => {
        watch.dialogs.push(`${d.type()}: ${d.message()}`);
        void d.dismiss();
    });
    await page.goto(pathToFileURL(file).toString());
    // preview.js says `ready` to the extension once it has run.
    if (ready)
        await page.waitForFunction(
            () => (window as unknown as { __capHost: PageRecord }).__capHost.messages.length > 0,
            undefined,
            { timeout: 10_000 },
        );
    return { page, watch };
}

const record = (page: Page) =>
    page.evaluate(() => {
        const w = window as unknown as { __capHost: PageRecord; __pwned: unknown };
        return {
            pwned: w.__pwned,
            violations: w.__capHost.violations,
            messages: w.__capHost.messages,
            state: w.__capHost.state,
        } as PageRecord;
    });

/** Waits until an event handler in the payloads was refused by the policy, or ran. */
const handlerRefusedOrRun = (page: Page) =>
    page.waitForFunction(
        () => {
            const w = window as unknown as { __capHost: PageRecord; __pwned: unknown };
            return w.__pwned !== undefined || w.__capHost.violations.some(v => v.directive === 'script-src-attr');
        },
        undefined,
        { timeout: 10_000 },
    );

/** Waits long enough for an image error, a load event or a handler to have fired. */
const settle = (page: Page) => page.evaluate(() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 200))));

/** The page's elements that would run or fetch something, and every event-handler attribute. */
const activeContent = (page: Page) =>
    page.evaluate(() => {
        const all = [...document.querySelectorAll('*')];
        return {
            scripts: [...document.scripts].map(s => ({
                src: s.getAttribute('src'),
                nonced: (s.nonce ?? '').length > 0,
            })),
            links: [...document.querySelectorAll('link')].map(l => `${l.rel} ${l.getAttribute('href')}`),
            embeds: all
                .filter(
                    e =>
                        /^(img|image|iframe|frame|object|embed|style|base|meta|form|video|audio|source)$/i.test(
                            e.localName,
                        ) && !(e.localName === 'meta' && e.parentElement === document.head),
                )
                .map(e => e.outerHTML.slice(0, 120)),
            handlers: all.flatMap(e =>
                [...e.attributes].filter(a => /^on/i.test(a.name)).map(a => `${e.localName} ${a.name}`),
            ),
            styled: all.filter(e => e.hasAttribute('style')).map(e => e.localName),
        };
    });

const allowed = () => new Set([STYLE_URI, SCRIPT_URI]);

/** How many of Plot's charts each section holds. */
const chartCounts = (page: Page) =>
    page.evaluate(() =>
        Object.fromEntries(
            [...document.querySelectorAll('.cap-chart')].map(box => [
                (box as HTMLElement).dataset.chart,
                box.querySelectorAll('svg.cap-plot').length,
            ]),
        ),
    );

/** Every request beyond the page and its two resources was stopped by the page's policy: none reached the network. */
function expectStoppedByPolicy(watch: Watch, file: string): void {
    const others = watch.requests.filter(u => u !== pathToFileURL(file).toString() && !allowed().has(u));
    expect(others.length).toBeGreaterThan(0);
    for (const url of others) expect(watch.failed).toContain(`${url} csp`);
    expect(watch.refused).toEqual([]);
}

/**
 * Markup that reached the page unescaped did nothing: no script ran, the policy reported the
 * inline code under each of `inlineDirectives`, the remote image and stylesheet, and every console
 * line is the browser reporting a refusal, none a script's output.
 */
async function expectRefused(page: Page, watch: Watch, file: string, inlineDirectives: string[]): Promise<void> {
    const seen = await record(page);
    expect(seen.pwned).toBeUndefined();
    expect(watch.dialogs).toEqual([]);
    expect(watch.errors).toEqual([]);
    const blocked = (directive: string) => seen.violations.filter(v => v.directive === directive).map(v => v.blocked);
    for (const directive of inlineDirectives) expect(blocked(directive)).toContain('inline');
    expect(blocked('img-src')).toContain('https://attacker.example/x.png');
    expect(blocked('style-src-elem')).toContain('https://attacker.example/x.css');
    for (const line of watch.console) expect(line.text).toMatch(/Content Security Policy/);
    expectStoppedByPolicy(watch, file);
}

describe.skipIf(!haveChromium)('the capacity preview in Chromium, with a hostile model', () => {
    beforeAll(async () => {
        work = mkdtempSync(join(tmpdir(), 'cap-preview-browser-'));
        mkdirSync(SCREENSHOTS, { recursive: true });
        script = (await buildWebview({ write: false, outfile: join(work, 'preview.js') })).outputFiles[0].contents;

        // The report of each model, as the language server pushes it to the extension.
        client = new StdioClient();
        client.connection.onNotification('cap/preview', (push: { uri: string; report: CapReport }) => {
            pushes.push(push);
        });
        await client.connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri: null,
            capabilities: { experimental: { capPreview: true } },
        });
        await client.connection.sendNotification('initialized', {});
        for (const [name, payload] of PAYLOADS) {
            const folder = join(work, name);
            const { entry, imported } = model(payload);
            const entryPath = join(folder, FILE_NAME);
            const importedPath = resolve(folder, importPath(payload));
            mkdirSync(dirname(importedPath), { recursive: true });
            writeFileSync(entryPath, entry);
            writeFileSync(importedPath, imported);
            // VS Code names documents by its URI form, and the extension keys its pushes by the same.
            const uri = URI.file(entryPath).toString();
            await client.connection.sendNotification('textDocument/didOpen', {
                textDocument: { uri, languageId: 'cap', version: 1, text: entry },
            });
            const push = await client.until(
                () => pushes.find(p => URI.parse(p.uri).toString() === uri),
                `the cap/preview push of ${name}`,
            );
            const key = URI.parse(push.uri).toString();
            const body = renderPreviewBody(push.report, DEFAULT_DISPLAY);
            const file = join(folder, 'preview.html');
            writeFileSync(
                file,
                renderPreviewHtml({
                    body,
                    nonce: previewNonce(),
                    cspSource: RESOURCES,
                    scriptUri: SCRIPT_URI,
                    styleUri: STYLE_URI,
                    documentUri: key,
                    title: previewTitle(URI.parse(key).path),
                }),
            );
            pages.set(name, { file, key, body });
        }

        // The shipped examples, as the dashboard shows them.
        for (const [name, path] of Object.entries(EXAMPLES)) {
            const uri = URI.file(join(repo, 'examples', path)).toString();
            await client.connection.sendNotification('textDocument/didOpen', {
                textDocument: {
                    uri,
                    languageId: 'cap',
                    version: 1,
                    text: readFileSync(join(repo, 'examples', path), 'utf-8'),
                },
            });
            const push = await client.until(
                () => pushes.find(p => URI.parse(p.uri).toString() === uri),
                `the cap/preview push of ${path}`,
            );
            const file = join(work, `${name}.html`);
            writeFileSync(
                file,
                renderPreviewHtml({
                    body: renderPreviewBody(push.report, DEFAULT_DISPLAY),
                    nonce: previewNonce(),
                    cspSource: RESOURCES,
                    scriptUri: SCRIPT_URI,
                    styleUri: STYLE_URI,
                    documentUri: uri,
                    title: previewTitle(path),
                }),
            );
            examplePages.set(name, file);
        }

        browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
        context = await browser.newContext({ viewport: { width: 1000, height: 760 } });
        await context.addInitScript(HOST_SCRIPT);
    }, 120_000);

    afterAll(async () => {
        await browser?.close();
        await client?.stop();
        if (work) rmSync(work, { recursive: true, force: true });
    });

    it('the server pushed a report of every model, with no errors: the hostile import resolved', () => {
        expect(pages.size).toBe(PAYLOADS.length);
        for (const push of pushes.filter(p => !p.uri.includes('/examples/'))) {
            expect(push.report.model?.title).toBe(
                PAYLOADS.find(([name]) => push.uri.includes(`/${encodeURIComponent(name)}/`))?.[1],
            );
            expect(push.report.diagnostics?.filter(d => d.severity === 'error')).toEqual([]);
            expect(Object.keys(push.report.agents ?? {})).toEqual(['pod']);
        }
    });

    it.each(PAYLOADS.map(([name, payload], i) => [name, payload, PAYLOADS[(i + 1) % PAYLOADS.length]] as const))(
        '%s: nothing runs, nothing loads, and the title reads as typed, in the page and after an update',
        async (name, payload, [nextName, nextPayload]) => {
            const { file, key } = pages.get(name)!;
            const { page, watch } = await open(file);
            try {
                await settle(page);
                // What the analyst typed, character for character.
                expect(await page.locator('h1').textContent()).toBe(visible(payload));
                expect(await page.locator('h1').evaluate(h => h.childElementCount)).toBe(0);
                expect(await page.title()).toBe(`Capacity: ${visible(FILE_NAME)}`);
                expect(await page.evaluate(() => document.body.dataset.documentUri)).toBe(key);
                expect(await page.locator('.subtitle code').textContent()).toBe('Hostile');
                // The rest of the page is the model's figures: 2 agents × 120 h for 100 accounts × 2 h.
                expect(await page.locator('#roles-chart svg title').first().textContent()).toBe(
                    'CSM: demand 200 h/mo, capacity 240 h/mo, 83.3% utilized',
                );
                expect(await page.locator('#forecast').count()).toBe(1);
                // Every chart drawn, the hostile names in them as text: the agent's title on its tile.
                expect(await chartCounts(page)).toEqual({ roles: 1, tiers: 2, agents: 1, forecast: 2 });
                expect(await page.locator('#agents-chart svg title').first().textContent()).toBe(
                    `${visible(payload)} (pod), CSM: load 83.3%, capacity 240 h/mo, assigned 200 h/mo`,
                );

                const active = await activeContent(page);
                expect(active).toEqual({
                    scripts: [{ src: SCRIPT_URI, nonced: true }],
                    links: [`stylesheet ${STYLE_URI}`],
                    embeds: [],
                    handlers: [],
                    styled: [],
                });
                let seen = await record(page);
                expect(seen.pwned).toBeUndefined();
                expect(seen.violations).toEqual([]);
                // The extension's script ran (allowed by its nonce) and kept the document for a reload.
                expect(seen.messages).toEqual([{ type: 'ready' }]);
                expect(seen.state).toEqual({ documentUri: key, showTables: false });
                await page.screenshot({ path: join(SCREENSHOTS, `preview-hostile-${name}.png`) });

                // After an edit the extension posts the new body; preview.js swaps it in.
                const next = pages.get(nextName)!;
                await page.evaluate(html => window.postMessage({ type: 'update', html }, '*'), next.body);
                await page
                    .locator('h1')
                    .filter({ hasText: visible(nextPayload) })
                    .waitFor({ timeout: 5_000 });
                await settle(page);
                expect(await page.locator('h1').textContent()).toBe(visible(nextPayload));
                expect(await activeContent(page)).toEqual(active);
                expect(await chartCounts(page)).toEqual({ roles: 1, tiers: 2, agents: 1, forecast: 2 });
                seen = await record(page);
                expect(seen.pwned).toBeUndefined();
                expect(seen.violations).toEqual([]);

                expect(watch.dialogs).toEqual([]);
                expect(watch.errors).toEqual([]);
                expect(watch.console).toEqual([]);
                // The page asked for its stylesheet and script, and for nothing else.
                expect([...new Set(watch.requests.filter(u => u !== pathToFileURL(file).toString()))].sort()).toEqual(
                    [...allowed()].sort(),
                );
                expect(watch.failed).toEqual([]);
                expect(watch.refused).toEqual([]);
            } finally {
                await page.close();
            }
        },
        60_000,
    );

    // A renderer that forgot to escape would put the payloads into the page as markup. The policy
    // must then hold by itself: these pages are what such a renderer would write.
    const unescaped = () =>
        PAYLOADS.filter(([name]) => name !== 'style')
            .concat(PAYLOADS.filter(([name]) => name === 'style'))
            // The style payload goes last: its `<style>` swallows the rest of the document as text.
            .map(([, p]) => `<h1>${p}</h1>`)
            .join('\n');

    it('the Content-Security-Policy alone stops markup in the page: no script, no handler, no remote load', async () => {
        const file = join(work, 'unescaped.html');
        writeFileSync(
            file,
            renderPreviewHtml({
                body: unescaped(),
                nonce: previewNonce(),
                cspSource: RESOURCES,
                scriptUri: SCRIPT_URI,
                styleUri: STYLE_URI,
                documentUri: 'file:///plans/unescaped.cap',
                title: 'Capacity: unescaped.cap',
            }),
        );
        const { page, watch } = await open(file, false);
        try {
            await handlerRefusedOrRun(page);
            await settle(page);
            await page.screenshot({ path: join(SCREENSHOTS, 'preview-unescaped-blocked.png') });
            // Reported and refused: the inline scripts, the event handlers, the images, the
            // remote stylesheet.
            await expectRefused(page, watch, file, ['script-src-elem', 'script-src-attr']);
        } finally {
            await page.close();
        }
    }, 60_000);

    it('the Content-Security-Policy alone stops markup in an update: no handler runs, nothing loads', async () => {
        const { file } = pages.get('script')!;
        const { page, watch } = await open(file);
        try {
            await page.evaluate(html => window.postMessage({ type: 'update', html }, '*'), unescaped());
            await handlerRefusedOrRun(page);
            await settle(page);
            await expectRefused(page, watch, file, ['script-src-attr']);
        } finally {
            await page.close();
        }
    }, 60_000);

    /** What a user sees of each chart: Plot's SVGs, at which size, with which text. */
    const dashboard = (page: Page) =>
        page.evaluate(() => {
            const charts = [...document.querySelectorAll<SVGSVGElement>('svg.cap-plot')];
            const texts = (selector: string) => [...document.querySelectorAll(selector)].map(t => t.textContent ?? '');
            return {
                // Drawn at the size they take on screen: the width attribute is the width shown.
                scaled: charts.filter(
                    svg => Math.abs(svg.getBoundingClientRect().width - Number(svg.getAttribute('width'))) > 0.5,
                ).length,
                // Each section's chart as wide as the section.
                fill: [...document.querySelectorAll<HTMLElement>('.cap-chart')].map(box => [
                    box.dataset.chart,
                    Math.round(box.getBoundingClientRect().width),
                    Math.round(box.closest('section')!.getBoundingClientRect().width),
                ]),
                fontSizes: [
                    ...new Set(
                        charts.flatMap(svg => [...svg.querySelectorAll('text')].map(t => getComputedStyle(t).fontSize)),
                    ),
                ],
                dashboardWidth: document.querySelector('.dashboard')!.getBoundingClientRect().width,
                roleValues: texts('#roles-chart .cap-value text'),
                roleAxis: texts('#roles-chart [aria-label="x-axis tick label"] text').length,
                tierValues: texts('#tiers-chart .cap-value text'),
                tiles: texts('#agents-chart .cap-tile-name text'),
                groups: texts('#agents-chart h3'),
                legend: texts('#agents .legend li'),
                forecastCharts: document.querySelectorAll('#forecast-chart svg.cap-plot').length,
                hires: document.querySelectorAll('#forecast-chart .cap-hire path').length,
                hireLabels: texts('#forecast-chart .cap-hire-label text'),
                // A mark's own words; its tooltip is the <title> inside it.
                reqLabels: [...document.querySelectorAll('#forecast-chart .cap-req-label text')].map(t =>
                    [...t.childNodes].map(n => (n.nodeType === Node.TEXT_NODE ? n.textContent : '')).join(''),
                ),
                reqTitles: texts('#forecast-chart .cap-req-label title'),
                tables: document.querySelectorAll('.data-table table').length,
            };
        });

    it.each([900, 1500])(
        'the growth example at %i px: every chart drawn at its width, 12 px text, the whole width used, no policy violation',
        async width => {
            const file = examplePages.get('growth')!;
            const { page, watch } = await open(file, true, width);
            try {
                await page.locator('#forecast-chart svg.cap-plot').first().waitFor();
                await settle(page);
                await page.screenshot({ path: join(SCREENSHOTS, `preview-dashboard-${width}.png`), fullPage: true });
                const seen = await record(page);
                expect(seen.violations).toEqual([]);
                expect(watch.console).toEqual([]);
                expect(watch.errors).toEqual([]);
                expect(await chartCounts(page)).toEqual({ roles: 1, tiers: 2, agents: 2, forecast: 3 });
                const d = await dashboard(page);
                expect(d.scaled).toBe(0);
                for (const [chart, box, section] of d.fill) expect(box, `${chart} fills its section`).toBe(section);
                expect(d.fontSizes).toEqual(['12px']);
                // The page's padding aside, the dashboard spans the panel.
                expect(d.dashboardWidth).toBeGreaterThanOrEqual(width - 60);
                // 1,200 accounts × 2 h of CSM work; 24.5 CSMs × 120 h; 150 kickoffs × 6 h; 10 × 125 h.
                expect(d.roleValues).toEqual(['2,400 h', '2,940 h', '900 h', '1,250 h']);
                expect(d.roleAxis).toBeGreaterThanOrEqual(3);
                expect(d.tierValues).toEqual(['$133', '$32,000']);
                expect(d.tiles).toEqual(['Part-time CSM', 'CSM team ×24', 'Onboarding team ×10']);
                // 24 and a part-timer; 2,400 h of 2,940 h; 900 h of 1,250 h.
                expect(d.groups).toEqual(['CSM: 25 people, 81.6% utilized', 'Onboarding: 10 people, 72% utilized']);
                expect(d.legend).toEqual(['under 70%', '70% to under 90%', '90% to 100%', 'over 100% ⚠']);
                // Accounts, then CSM and Onboarding; 4 CSM hires needed from two months, their requisitions late.
                expect(d.forecastCharts).toBe(3);
                expect(d.hires).toBe(2);
                expect(d.hireLabels).toEqual(['+1', '+3']);
                expect(d.reqLabels).toEqual(['req late']);
                expect(d.reqTitles).toEqual(['CSM: 4 requisitions late (to open before the forecast starts)']);
                expect(d.tables).toBe(5);
            } finally {
                await page.close();
            }
        },
        60_000,
    );

    it("the crm-book example: accounts per tier and the agents' books drawn under the page's policy", async () => {
        const { page, watch } = await open(examplePages.get('crm')!, true, 900);
        try {
            await page.locator('#books-chart svg.cap-plot').first().waitFor();
            await settle(page);
            await page.screenshot({ path: join(SCREENSHOTS, 'preview-crm-book-900.png'), fullPage: true });
            const seen = await record(page);
            expect(seen.violations).toEqual([]);
            expect(watch.console).toEqual([]);
            expect(watch.errors).toEqual([]);
            expect((await chartCounts(page)).books).toBe(2);
            const values = await page.locator('#books-chart .cap-value text').allTextContents();
            expect(values).toContain('13 · $211,833/mo · load 81.3%'); // Maya Patel's book
            expect(values.slice(0, 3)).toEqual(['36', '124', '240']); // accounts per tier
        } finally {
            await page.close();
        }
    }, 60_000);

    it('a resized panel gets its charts drawn again at the new width, their text still 12 px', async () => {
        const { page, watch } = await open(examplePages.get('three-tier')!, true, 900);
        try {
            await page.locator('#agents-chart svg.cap-plot').first().waitFor();
            const roleWidth = () => page.locator('#roles-chart svg.cap-plot').getAttribute('width').then(Number);
            const narrow = await roleWidth();
            await page.setViewportSize({ width: 1500, height: 900 });
            await page.waitForFunction(
                w => Number(document.querySelector('#roles-chart svg.cap-plot')?.getAttribute('width')) !== w,
                narrow,
            );
            await settle(page);
            // On a wide panel the roles and the tiers sit side by side: each about half the width.
            expect(await roleWidth()).toBeGreaterThan(600);
            const d = await dashboard(page);
            expect(d.scaled).toBe(0);
            expect(d.fontSizes).toEqual(['12px']);
            expect(d.groups).toEqual([
                'CSM: 10 people, 90% utilized',
                'Onboarding: 2 people, 80% utilized',
                'Scale: 3 people, 70% utilized',
            ]);
            // By display name: the planned hire (not started) has no load yet; names too long for a tile are cut.
            expect(d.tiles).toEqual([
                'Alice Chen',
                'Ben Okafor',
                'Carmen Ruiz',
                'Enterprise CSM hire (r…',
                'Gwen Ito (team lead)',
                'Maria Rossi',
                'Mid-market CSM pod ×4',
                'Leo Park',
                'Priya Nair',
                'Scale team ×3',
            ]);
            expect(await page.locator('#agents-chart svg title').first().textContent()).toBe(
                'Alice Chen (alice), CSM: load 90%, capacity 120 h/mo, assigned 108 h/mo',
            );
            expect((await record(page)).violations).toEqual([]);
            expect(watch.console).toEqual([]);
            await page.screenshot({ path: join(SCREENSHOTS, 'preview-three-tier-1500.png'), fullPage: true });
        } finally {
            await page.close();
        }
    }, 60_000);
});
