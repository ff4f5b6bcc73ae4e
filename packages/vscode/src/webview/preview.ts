// The capacity preview's only script, bundled with Observable Plot into dist/webview/preview.js and
// loaded with the page's nonce. The extension renders every body itself, escaping all model text;
// this swaps a new body in, draws each section's chart from the figures it carries, draws the charts
// again at their new width when the panel is resized, and keeps the webview's state so that VS Code
// can restore the panel after a window reload.
import * as Plot from '@observablehq/plot';
import type { DrawContext } from '../preview/charts/chart.js';
import { CHARTS } from '../preview/charts/index.js';

interface VsCodeApi {
    postMessage(message: unknown): void;
    getState(): unknown;
    setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** The class of every chart's SVG: media/preview.css gives it what Plot's own <style> would. */
const PLOT_CLASS = 'cap-plot';

/**
 * `Plot.plot`, for this page. Plot puts a <style> element into every chart; the page's policy
 * allows no inline style, and would refuse it (and report a violation) once the chart is in the
 * page. The chart is still detached here, so the element is removed before the browser sees it:
 * media/preview.css carries the same rules for `.cap-plot`.
 */
function plot(options: Plot.PlotOptions): SVGSVGElement | HTMLElement {
    const chart = Plot.plot({ ...options, className: PLOT_CLASS });
    for (const style of chart.querySelectorAll('style')) style.remove();
    return chart;
}

const byId = new Map(CHARTS.map(chart => [chart.id, chart]));

/** Draws every chart whose width changed (all of them when `force`). */
function drawCharts(force: boolean): void {
    for (const box of document.querySelectorAll<HTMLElement>('.cap-chart[data-chart]')) {
        const width = Math.floor(box.clientWidth);
        const chart = byId.get(box.dataset.chart ?? '');
        if (!chart || width <= 0 || (!force && box.dataset.drawnWidth === String(width))) continue;
        const context: DrawContext = { Plot, width, plot };
        try {
            box.replaceChildren(chart.draw(JSON.parse(box.dataset.figures ?? 'null'), context));
        } catch (err) {
            // One chart that cannot be drawn leaves the others and its own table.
            box.replaceChildren(
                Object.assign(document.createElement('p'), {
                    className: 'note',
                    textContent: `This chart could not be drawn (${String(err)}); the table has its figures.`,
                }),
            );
        }
        box.dataset.drawnWidth = String(width);
    }
}

(() => {
    const vscode = acquireVsCodeApi();
    const root = document.getElementById('cap-preview');
    const saved = (vscode.getState() ?? {}) as { showTables?: unknown };
    const state = { documentUri: document.body.dataset.documentUri, showTables: saved.showTables === true };
    vscode.setState(state);

    function wireTablesToggle(): void {
        const box = document.getElementById('show-tables') as HTMLInputElement | null;
        document.body.classList.toggle('show-tables', state.showTables);
        if (!box) return;
        box.checked = state.showTables;
        box.addEventListener('change', () => {
            state.showTables = box.checked;
            document.body.classList.toggle('show-tables', state.showTables);
            vscode.setState(state);
        });
    }

    wireTablesToggle();
    drawCharts(true);
    window.addEventListener('message', (event: MessageEvent) => {
        const message = event.data as { type?: unknown; html?: unknown } | null;
        if (message?.type !== 'update' || typeof message.html !== 'string' || !root) return;
        root.innerHTML = message.html;
        wireTablesToggle();
        drawCharts(true);
    });
    // Charts are drawn at their width, never scaled: a resized panel gets them drawn again, once a frame.
    let pending = false;
    new ResizeObserver(() => {
        if (pending) return;
        pending = true;
        requestAnimationFrame(() => {
            pending = false;
            drawCharts(false);
        });
    }).observe(document.body);
    // Updates posted before this script ran were lost: ask for the current body.
    vscode.postMessage({ type: 'ready' });
})();
