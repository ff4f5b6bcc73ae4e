import { describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { toReport } from '@cap/engine';
import { createCapServices, fileUri, loadModel, nodeFileReader } from '@cap/language';
import { renderPreviewBody } from '../../packages/vscode/src/preview/render.js';
import { DEFAULT_DISPLAY } from '../../packages/vscode/src/preview/format.js';
import type { CapReport } from '../../packages/vscode/src/preview/report.js';
import type { BooksData } from '../../packages/vscode/src/preview/charts/books.js';
import { build } from '../helpers.js';

/** The preview of a plan read from a CRM export (spec section 14): accounts per tier and each agent's book. */

async function crmReport(): Promise<CapReport> {
    const m = await loadModel(
        createCapServices(),
        fileUri(resolve(__dirname, '../../examples/crm-book/plan.cap')),
        nodeFileReader(fs),
    );
    const report = toReport(m.evaluation) as CapReport;
    for (const agent of m.evaluation.model.agents) report.agents![agent.name].title = agent.title;
    return report;
}

function booksData(body: string): BooksData {
    const m = /data-chart="books" data-figures="([^"]*)"/.exec(body);
    if (!m) throw new Error('no books chart');
    return JSON.parse(
        m[1]
            .replace(/&quot;/g, '"')
            .replace(/&#39;/g, "'")
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&amp;/g, '&'),
    );
}

describe('the books of a plan read from a CRM export', () => {
    it("shows the accounts each tier reads and each agent's book, revenue and load, by display name", async () => {
        const body = renderPreviewBody(await crmReport(), DEFAULT_DISPLAY);
        const data = booksData(body);
        expect(data.tiers.map(t => [t.name, t.value])).toEqual([
            ['Enterprise', 36],
            ['MidMarket', 124],
            ['SMB', 240],
        ]);
        // maya: 13 accounts, $2,542,000 ÷ 12 = $211,833 a month, 97.5 h of 120 h = 81.3%.
        expect(data.agents.find(a => a.name === 'Maya Patel')).toMatchObject({
            value: 13,
            label: '13 · $211,833/mo · load 81.3%',
        });
        expect(data.agents.find(a => a.name === 'Raj Iyer')).toMatchObject({
            value: 41,
            label: '41 · $104,375/mo · load 96.8%',
        });
        expect(data.agents.map(a => a.name)).not.toContain('Sam Reyes'); // Scale has no owner column: no book
        expect(body).toContain('crm reads data/accounts.csv (400 rows)');
        expect(body).toContain('<caption>Each agent&#39;s book</caption>');
    });

    it('is left out of a plan without data', async () => {
        const m = await build('role CSM { hours 160h / month  cost $1 / month }\nagent a { role CSM }');
        const body = renderPreviewBody(toReport(m.evaluation) as CapReport, DEFAULT_DISPLAY);
        expect(body).not.toContain('data-chart="books"');
    });
});
