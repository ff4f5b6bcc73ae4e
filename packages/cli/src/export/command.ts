import type { Command } from 'commander';
import { Option } from 'commander';
import { promises as fs } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import {
    UsageError,
    countSummary,
    failedAssertions,
    formatDiagnostics,
    hasModelErrors,
    report,
    runModel,
} from '../model-run.js';
import { CAP_VERSION } from '../version.js';
import type { Io } from '../io.js';
import { sheetToCsv } from './csv.js';
import { financeSheets } from './sheets.js';
import type { Sheet } from './sheets.js';
import { modelSources } from './sources.js';

interface ExportOptions {
    format: 'xlsx' | 'csv';
    output?: string;
}

const EXIT_MODEL = 1;

export function registerExportCommand(program: Command, io: Io, exit: (code: number) => void): void {
    program
        .command('export')
        .description(
            'the plan in the shape finance expects: an Excel workbook, or one CSV file per sheet, from the JSON report',
        )
        .argument('<file>', 'the entry .cap file')
        .addOption(
            new Option('--format <format>', 'xlsx (one workbook) or csv (one file per sheet, in a folder)')
                .choices(['xlsx', 'csv'])
                .default('xlsx'),
        )
        .option(
            '-o, --output <path>',
            'the workbook to write (default NAME.finance.xlsx), or for csv the folder (default NAME.finance/)',
        )
        .action(async (file: string, options: ExportOptions) => {
            const model = await runModel(file, io.cwd);
            if (hasModelErrors(model)) {
                for (const line of formatDiagnostics(model, io.cwd)) io.stderr.write(`${line}\n`);
                io.stderr.write(`cap: ${file} has errors; nothing exported (${countSummary(model)})\n`);
                exit(EXIT_MODEL);
                return;
            }
            for (const line of formatDiagnostics(model, io.cwd)) io.stderr.write(`${line}\n`);
            const full = report(model);
            const generator = `cap-lang ${CAP_VERSION}`;
            const sheets = financeSheets(full, { sources: modelSources(model), generator });
            const name = basename(file).replace(/\.cap$/, '');
            const output = resolve(
                io.cwd,
                options.output ?? `${name}.finance${options.format === 'xlsx' ? '.xlsx' : ''}`,
            );
            if (!(await fs.stat(dirname(output)).catch(() => undefined))?.isDirectory())
                throw new UsageError(`cannot write ${options.output ?? output}: no folder ${dirname(output)}`);
            if (options.format === 'csv') {
                await writeCsvFolder(output, sheets);
            } else {
                // Loaded here only: exceljs is a tenth of a second to load, which no other command pays.
                const { workbookBytes } = await import('./workbook.js');
                const m = full.model as { name: string; title: string | null; currency: string };
                await writeFileAtomic(
                    output,
                    await workbookBytes(sheets, { title: m.title ?? m.name, currency: m.currency, generator }),
                );
            }
            const shown = relative(io.cwd, output) || output;
            io.stdout.write(
                `wrote ${shown}${options.format === 'csv' ? '/' : ''}: ${sheets.map(s => s.name).join(', ')}\n`,
            );
            // As `cap build`: the figures are right, so the export is written; the command says what broke.
            const failed = failedAssertions(model);
            if (failed > 0) {
                io.stderr.write(
                    `cap: ${file}: ${failed} ` +
                        `assertion${failed === 1 ? '' : 's'} failed; the export is written all the same\n`,
                );
                exit(EXIT_MODEL);
            }
        });
}

/**
 * One CSV per sheet in `folder` (created if need be). Every file is written to a temporary folder
 * beside it first and moved in only once all are complete: a failure leaves the folder as it was,
 * and each move is a rename, so a reader never sees a half-written file.
 */
async function writeCsvFolder(folder: string, sheets: Sheet[]): Promise<void> {
    const existing = await fs.stat(folder).catch(() => undefined);
    if (existing && !existing.isDirectory())
        throw new UsageError(`${folder} is a file; with --format csv, -o names a folder`);
    await fs.mkdir(folder, { recursive: true });
    const temp = await fs.mkdtemp(join(folder, '..', `.${basename(folder)}.tmp-`));
    try {
        for (const sheet of sheets) await writeFileAtomic(join(temp, `${sheet.file}.csv`), sheetToCsv(sheet));
        for (const sheet of sheets) await fs.rename(join(temp, `${sheet.file}.csv`), join(folder, `${sheet.file}.csv`));
    } finally {
        await fs.rm(temp, { recursive: true, force: true });
    }
}
