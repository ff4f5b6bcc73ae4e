import * as assert from './assert.js';
import * as vscode from 'vscode';
import type { CapExtensionApi } from '../../src/client/activate.js';

/**
 * The extension inside a real VS Code, through the `vscode` API only: what a user sees after
 * opening the examples folder. The workspace is a scratch copy of `examples/` (the launchers make
 * it), so edits and exported reports never touch the repository.
 *
 * Every wait is on a condition with a deadline (`until`), never a fixed sleep.
 */

const EXTENSION_ID = 'cap-lang.cap-vscode';

async function until<T>(
    what: string,
    probe: () => T | undefined | false | Promise<T | undefined | false>,
    timeoutMs = 30_000,
): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
        try {
            const value = await probe();
            if (value !== undefined && value !== false) return value;
        } catch (err) {
            last = err;
        }
        if (Date.now() > deadline)
            throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
        await new Promise(resolve => setTimeout(resolve, 100));
    }
}

function folder(): vscode.Uri {
    const first = vscode.workspace.workspaceFolders?.[0];
    assert.ok(first, 'the tests need the examples copy open as the workspace folder');
    return first.uri;
}

const file = (path: string) => vscode.Uri.joinPath(folder(), path);

async function hintLabels(doc: vscode.TextDocument): Promise<string[]> {
    const range = new vscode.Range(0, 0, doc.lineCount, 0);
    const hints =
        (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, range)) ??
        [];
    return hints.map(h => (typeof h.label === 'string' ? h.label : h.label.map(p => p.value).join('')));
}

function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
    const offset = doc.getText().indexOf(needle);
    assert.ok(offset >= 0, `"${needle}" is not in ${doc.uri.path}`);
    return doc.positionAt(offset + delta);
}

function hoverText(hovers: vscode.Hover[]): string {
    return hovers
        .flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
        .join('\n');
}

async function setSetting(key: string, value: unknown): Promise<void> {
    await vscode.workspace.getConfiguration().update(key, value, vscode.ConfigurationTarget.Global);
}

/** A diagnostic's code as the Problems panel shows it. */
function codeOf(d: vscode.Diagnostic): string {
    return String(typeof d.code === 'object' ? d.code.value : d.code);
}

export function registerTests(): void {
    let api: CapExtensionApi;
    let seed: vscode.TextDocument;

    suiteSetup(async () => {
        const extension = vscode.extensions.getExtension<CapExtensionApi>(EXTENSION_ID);
        assert.ok(extension, `${EXTENSION_ID} is installed`);
        seed = await vscode.workspace.openTextDocument(file('seed/seed.cap'));
        await vscode.window.showTextDocument(seed);
        api = await extension.activate();
        assert.equal(seed.languageId, 'cap');
    });

    suiteTeardown(async () => {
        for (const key of ['roles', 'services', 'tiers', 'agents', 'scenarios'])
            await setSetting(`cap.inlayHints.${key}`, undefined);
        await setSetting('cap.preview.period', undefined);
    });

    test('the .cap language: registered with its comment and bracket configuration', async () => {
        const languages = await vscode.languages.getLanguages();
        assert.ok(languages.includes('cap'));
        // Toggling a line comment uses language-configuration.json's `//`.
        const doc = await vscode.workspace.openTextDocument({
            language: 'cap',
            content: 'role X { hours 160h / month }',
        });
        const editor = await vscode.window.showTextDocument(doc);
        editor.selection = new vscode.Selection(0, 0, 0, 0);
        await vscode.commands.executeCommand('editor.action.commentLine');
        assert.equal(doc.getText(), '// role X { hours 160h / month }');
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    test('the examples folder: a README or a workflow is not read as Cap, and only the time log warns', async () => {
        // The report of seed.cap arrives after a build that validated every document it built:
        // with README.md parsed as Cap, its errors would be published by then. The CRM example's
        // four warnings are its story (examples/README.md): two services drift from their designed
        // effort, and the time log names someone who left and a contractor.
        assert.ok(await api.waitForReport(seed.uri), 'a report of seed.cap');
        const problems = vscode.languages.getDiagnostics().filter(([, list]) => list.length > 0);
        assert.deepEqual(
            problems.map(
                ([uri, list]) =>
                    `${vscode.workspace.asRelativePath(uri)}: ` +
                    list
                        .map(
                            d =>
                                `${d.severity === vscode.DiagnosticSeverity.Warning ? 'warning' : 'error'} ${codeOf(d)}`,
                        )
                        .sort()
                        .join(', '),
            ),
            ['crm-book/plan.cap: warning CAP091, warning CAP091, warning CAP092, warning CAP092'],
        );
    });

    test('diagnostics: an error with its code and its documentation link', async () => {
        const broken = file('broken.cap');
        await vscode.workspace.fs.writeFile(broken, new TextEncoder().encode('role X {\n  hours 160\n}\n'));
        const doc = await vscode.workspace.openTextDocument(broken);
        await vscode.window.showTextDocument(doc);
        const found = await until('the CAP020 diagnostic on broken.cap', () =>
            vscode.languages
                .getDiagnostics(broken)
                .find(d => (typeof d.code === 'object' ? d.code.value : d.code) === 'CAP020'),
        );
        assert.equal(found.severity, vscode.DiagnosticSeverity.Error);
        assert.equal(doc.getText(found.range), '160');
        assert.match(String(typeof found.code === 'object' ? found.code.target : ''), /docs\/diagnostics\.md#cap020$/);
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
        await vscode.workspace.fs.delete(broken);
    });

    test('inlay hints on the seed model: the figures of examples/README.md', async () => {
        await vscode.window.showTextDocument(seed);
        const labels = await until('the seed hints', async () => {
            const l = await hintLabels(seed);
            return l.includes('⟶ 120 h/mo effective · $60.00/h') ? l : undefined;
        });
        for (const expected of [
            '80% utilized · needs 20 FTE, has 25',
            '⟶ 120 h/mo effective · $60.00/h',
            '⟶ 2 h/account/mo',
            '20 FTE · $300/mo to serve · CLV $3,600',
            'CSM 5 h/account/mo → 24 accounts/FTE',
            'load 80% · 1,800 h/mo capacity',
            'load 80% · 1,200 h/mo capacity',
        ])
            assert.ok(labels.includes(expected), `missing hint "${expected}" in ${JSON.stringify(labels)}`);
        // VS Code shows 43 characters of a hint (editor.inlayHints.maximumLength): each fits whole.
        assert.deepEqual(
            labels.filter(l => l.length > 43),
            [],
        );
        // No error in any example.
        assert.deepEqual(
            vscode.languages.getDiagnostics(seed.uri).filter(d => d.severity === vscode.DiagnosticSeverity.Error),
            [],
        );
    });

    test('hovers: the formula with the actual values', async () => {
        const onTier = await vscode.commands.executeCommand<vscode.Hover[]>(
            'vscode.executeHoverProvider',
            seed.uri,
            positionOf(seed, 'tier Customers', 6),
        );
        const text = hoverText(onTier);
        assert.match(text, /120 h/);
        assert.match(text, /24 accounts per FTE/);
        assert.match(text, /3,600/);
        const onQuantity = await vscode.commands.executeCommand<vscode.Hover[]>(
            'vscode.executeHoverProvider',
            seed.uri,
            positionOf(seed, '30min every', 1),
        );
        assert.match(hoverText(onQuantity), /0\.5 h/);
    });

    test('the totals lens on the model header opens the preview', async () => {
        const lenses = await until('the code lens', async () => {
            const l = await vscode.commands.executeCommand<vscode.CodeLens[]>(
                'vscode.executeCodeLensProvider',
                seed.uri,
            );
            return l && l.length > 0 && l[0].command ? l : undefined;
        });
        assert.equal(lenses[0].command!.command, 'cap.openPreview');
        assert.match(lenses[0].command!.title, /^20 FTE required · 25 staffed · team cost \$180,000\/mo/);
        assert.equal(String(lenses[0].command!.arguments?.[0]), seed.uri.toString());
    });

    test('the capacity preview: opened by its command, shows the pushed report, follows an edit', async () => {
        await vscode.commands.executeCommand('cap.openPreview', seed.uri.toString());
        const tab = await until('the preview tab', () =>
            vscode.window.tabGroups.all
                .flatMap(g => g.tabs)
                .find(t => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('cap.preview')),
        );
        assert.equal(tab.label, 'Capacity: seed.cap');
        const body = await until('the preview body with figures', () => {
            const b = api.previewBodies().get(seed.uri.toString());
            return b?.includes('CSM: demand') ? b : undefined;
        });
        assert.ok(body.includes('CSM: demand 2,400 h/mo, capacity 3,000 h/mo, 80% utilized'), body.slice(0, 2000));
        assert.ok(body.includes('Customers: $3,600'));

        // 44 h of meetings instead of 24: 100 h effective, so 2,400 h of demand need 24 FTE.
        const editor = await vscode.window.showTextDocument(seed, vscode.ViewColumn.One);
        const at = positionOf(seed, 'meetings 24h', 'meetings '.length);
        await editor.edit(e => e.replace(new vscode.Range(at, at.translate(0, 2)), '44'));
        await until('the hints after the edit', async () =>
            (await hintLabels(seed)).includes('⟶ 100 h/mo effective · $72.00/h'),
        );
        const updated = await until('the preview after the edit', () => {
            const b = api.previewBodies().get(seed.uri.toString());
            return b?.includes('capacity 2,500 h/mo') ? b : undefined;
        });
        assert.ok(updated.includes('96% utilized'), updated.slice(0, 2000));
        await vscode.commands.executeCommand('undo');
        await until('the hints after the undo', async () =>
            (await hintLabels(seed)).includes('⟶ 120 h/mo effective · $60.00/h'),
        );
    });

    test('settings: switching role hints off removes them, on brings them back; the preview period', async () => {
        await setSetting('cap.inlayHints.roles', false);
        await until('no role hints', async () => !(await hintLabels(seed)).some(l => l.includes('effective')));
        assert.ok((await hintLabels(seed)).includes('20 FTE · $300/mo to serve · CLV $3,600'), 'tier hints stay');
        await setSetting('cap.inlayHints.roles', true);
        await until('role hints again', async () =>
            (await hintLabels(seed)).includes('⟶ 120 h/mo effective · $60.00/h'),
        );

        await setSetting('cap.preview.period', 'quarter');
        await until('the preview per quarter', () =>
            api.previewBodies().get(seed.uri.toString())?.includes('CSM: demand 7,200 h/qtr'),
        );
        await setSetting('cap.preview.period', undefined);
        await until('the preview per month again', () =>
            api.previewBodies().get(seed.uri.toString())?.includes('CSM: demand 2,400 h/mo'),
        );
    });

    test('Cap: Export JSON Report writes seed.report.json beside the model', async () => {
        const target = await vscode.commands.executeCommand<vscode.Uri>('cap.exportReport', seed.uri);
        assert.equal(target.toString(), file('seed/seed.report.json').toString());
        try {
            const report = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)));
            assert.equal(report.schema, 'cap-report/1');
            assert.equal(report.totals.requiredFte, 20);
            assert.equal(report.tiers.Customers.clv, 3600);
            // What `cap build` writes: without the display names the preview's push adds.
            assert.deepEqual(Object.keys(report.agents.pod_a), [
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
            // Atomic: no temporary file is left beside it.
            const left = (await vscode.workspace.fs.readDirectory(file('seed'))).map(([name]) => name).sort();
            assert.deepEqual(left, ['seed.cap', 'seed.report.json']);
        } finally {
            // The next tests list the folder: leave it as it was, even when an assertion failed.
            await vscode.workspace.fs.delete(target);
        }
    });

    test('Cap: Copy Summary as Markdown puts the tables on the clipboard', async () => {
        const markdown = await vscode.commands.executeCommand<string>('cap.copySummary', seed.uri);
        assert.match(markdown, /^## The seed method: one CSM team, one segment\n/);
        assert.ok(markdown.includes('| CSM | 20 | 25 | 80% | 0 |'), markdown);
        assert.equal(await vscode.env.clipboard.readText(), markdown);
    });

    test('Cap: Show Plan Diff Against Git HEAD runs and answers (the copy is not in git)', async () => {
        // The scratch copy has no git history: the command must say so, not fail.
        const result = await vscode.commands.executeCommand<string | undefined>('cap.showPlanDiff', seed.uri);
        assert.equal(result, undefined);
    });

    test('Cap: Export for Finance writes seed.finance.xlsx beside the model (desktop), or says it needs the desktop', async () => {
        const target = await vscode.commands.executeCommand<vscode.Uri | undefined>('cap.exportFinance', seed.uri);
        if (typeof process === 'undefined' || !process.versions?.node) {
            // The web extension cannot run the cap command.
            assert.equal(target, undefined);
            return;
        }
        assert.ok(target, 'the command returns the workbook it wrote');
        assert.equal(target.toString(), file('seed/seed.finance.xlsx').toString());
        const bytes = await vscode.workspace.fs.readFile(target);
        // An xlsx is a zip file whose first entry is the content types.
        assert.equal(new TextDecoder().decode(bytes.subarray(0, 2)), 'PK');
        assert.ok(new TextDecoder('latin1').decode(bytes).includes('xl/worksheets/sheet7.xml'), 'seven sheets');
        const left = (await vscode.workspace.fs.readDirectory(file('seed'))).map(([name]) => name).sort();
        assert.deepEqual(left, ['seed.cap', 'seed.finance.xlsx']);
        await vscode.workspace.fs.delete(target);
    });

    test('a file imported by a plan: hints and the preview show the plan it belongs to', async () => {
        const roles = await vscode.workspace.openTextDocument(file('multi-file/team/roles.cap'));
        await vscode.window.showTextDocument(roles);
        const labels = await until('hints on the imported roles', async () => {
            const l = await hintLabels(roles);
            return l.some(x => x.startsWith('⟶')) ? l : undefined;
        });
        for (const l of labels.filter(x => x.startsWith('⟶')))
            assert.match(l, /^⟶ [0-9,.]+ h\/qtr effective · €[0-9.,]+\/h$/);
        const push = await api.waitForReport(roles.uri);
        assert.ok(push, 'a report for the imported file');
        assert.equal(push.uri, file('multi-file/plan.cap').toString());
    });
}
