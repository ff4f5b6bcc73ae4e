import { describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { toReport } from '@cap/engine';
import { createCapServices, fileUri, loadModel, nodeDataReader, nodeFileReader } from '@cap/language';
import { renderPreviewBody } from '../../packages/vscode/src/preview/render.js';
import { DEFAULT_DISPLAY } from '../../packages/vscode/src/preview/format.js';
import type { CapReport } from '../../packages/vscode/src/preview/report.js';
import type { ActualsData } from '../../packages/vscode/src/preview/charts/actuals.js';

/** The preview of a plan that reads a time log (spec section 15): designed against logged hours. */

async function crmReport(): Promise<CapReport> {
    const m = await loadModel(
        createCapServices(),
        fileUri(resolve(__dirname, '../../examples/crm-book/plan.cap')),
        nodeFileReader(fs),
        undefined,
        nodeDataReader(fs),
    );
    return toReport(m.evaluation) as CapReport;
}

function actualsData(body: string): ActualsData {
    const m = /data-chart="actuals" data-figures="([^"]*)"/.exec(body);
    if (!m) throw new Error('no actuals chart');
    return JSON.parse(
        m[1]
            .replace(/&quot;/g, '"')
            .replace(/&#39;/g, "'")
            .replace(/&amp;/g, '&'),
    );
}

describe('the preview of a plan with a time log', () => {
    it('draws designed against logged hours per service and per role, with the unplanned part', async () => {
        const report = await crmReport();
        const body = renderPreviewBody(report, DEFAULT_DISPLAY);
        const data = actualsData(body);
        // QBR: 96 h designed, 22,535 min ÷ 60 ÷ 3 = 125.19 h logged, +30.4%.
        const qbr = data.services.find(s => s.name === 'QBR')!;
        expect(qbr.designed).toBe(96);
        expect(qbr.logged).toBeCloseTo(125.19, 2);
        expect(qbr.label).toBe('125.19 h/mo · +30.4%');
        const csm = data.roles.find(r => r.name === 'CSM')!;
        expect(csm.unplanned).toBeCloseTo(208.72, 2);
        expect(csm.label).toBe('775.19 h/mo · 26.9% unplanned');
        expect(body).toContain('<caption>Designed against logged hours per service</caption>');
        expect(body).toContain('q1: 2027-01 to 2027-03, 2,523 entries');
    });

    it('leaves the section out of a plan without a time log', async () => {
        const report = await crmReport();
        const body = renderPreviewBody({ ...report, actuals: {} }, DEFAULT_DISPLAY);
        expect(body).not.toContain('data-chart="actuals"');
    });
});
