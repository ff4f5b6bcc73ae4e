import * as vscode from 'vscode';
import type { CapHost } from './host.js';

/**
 * `Cap: Export for Finance`: the workbook `cap export` writes (Summary, Roles, Tiers, Agents, the
 * forecast by month, the hiring plan, scenarios side by side), as `NAME.finance.xlsx` beside the
 * model. It runs the bundled CLI, so it needs the desktop editor and a model on disk; a model
 * with unsaved changes is saved first, so that the workbook is the model on screen.
 */
export async function exportForFinance(uri: vscode.Uri | undefined, host: CapHost): Promise<vscode.Uri | undefined> {
    if (!uri) return void vscode.window.showInformationMessage('Cap: open a .cap model to export it for finance.');
    if (!host.runCli || uri.scheme !== 'file') {
        return void vscode.window.showInformationMessage(
            'Cap: the finance export runs the cap command, which needs the desktop editor and a file on disk.',
        );
    }
    const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
    if (open?.isDirty) await open.save();
    const name = (uri.path.split('/').pop() ?? 'plan.cap').replace(/\.cap$/i, '');
    const target = vscode.Uri.joinPath(uri, '..', `${name}.finance.xlsx`);
    const result = await host.runCli(
        ['export', uri.fsPath, '--format', 'xlsx', '-o', target.fsPath],
        vscode.Uri.joinPath(uri, '..').fsPath,
    );
    if (!/^wrote /.test(result.stdout)) {
        // The CLI's own last line says why (`cap: plan.cap has errors; nothing exported (...)`).
        const reason = result.stderr.trim().split('\n').pop() || `cap export exited with code ${result.code}`;
        return void vscode.window.showErrorMessage(`Cap: ${reason.replace(/^cap: /, '')}`);
    }
    void vscode.window
        .showInformationMessage(
            `Cap: wrote ${name}.finance.xlsx` +
                `${result.code === 1 ? ' (an assertion fails; the figures are exported all the same)' : ''}`,
            'Reveal',
        )
        .then(choice => {
            if (choice === 'Reveal') void vscode.commands.executeCommand('revealFileInOS', target);
        });
    return target;
}
