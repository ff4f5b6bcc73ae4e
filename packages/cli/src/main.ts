import { Command, CommanderError } from 'commander';
import { resolve } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { registerDiffCommand } from './diff/command.js';
import { UsageError, countSummary, formatDiagnostics, hasErrors, hasWarnings, reportJson, runModel } from './model-run.js';
import { renderSummary } from './summary.js';
import { runFmt } from './fmt.js';

/** Exit codes: 0 fine, 1 the model has errors (or warnings under --strict), 2 the command was wrong. */
const EXIT_MODEL = 1;
const EXIT_USAGE = 2;

function buildProgram(): Command {
    const program = new Command('cap')
        .description('Cap: customer-success capacity models as code')
        .version('0.1.0')
        .exitOverride()
        .showSuggestionAfterError(true);

    program.command('check')
        .description('validate models and print their diagnostics (path:line:col - severity CODE: message)')
        .argument('<files...>', 'entry .cap files (their imports are read too)')
        .option('--strict', 'exit 1 on warnings as well as errors')
        .option('--hints', 'also print hints (unused roles and services)')
        .action(async (files: string[], options: { strict?: boolean; hints?: boolean }) => {
            let failed = false;
            for (const file of files) {
                const model = await runModel(file);
                for (const line of formatDiagnostics(model, options.hints)) process.stdout.write(line + '\n');
                process.stdout.write(`${file}: ${countSummary(model)}\n`);
                if (hasErrors(model) || (options.strict && hasWarnings(model))) failed = true;
            }
            process.exitCode = failed ? EXIT_MODEL : 0;
        });

    program.command('build')
        .description('compile a model to its cap-report/1 JSON report; a readable summary on a terminal')
        .argument('<file>', 'the entry .cap file')
        .option('-o, --output <report.json>', 'write the JSON report to this file (atomically)')
        .option('--summary', 'print the readable summary (the default on a terminal without -o)')
        .option('--json', 'print the JSON report on standard output even on a terminal')
        .action(async (file: string, options: { output?: string; summary?: boolean; json?: boolean }) => {
            const model = await runModel(file);
            if (hasErrors(model)) {
                for (const line of formatDiagnostics(model)) process.stderr.write(line + '\n');
                process.stderr.write(`cap: ${file} has errors; no report written (${countSummary(model)})\n`);
                process.exitCode = EXIT_MODEL;
                return;
            }
            for (const line of formatDiagnostics(model)) process.stderr.write(line + '\n');
            const json = reportJson(model);
            const tty = process.stdout.isTTY === true;
            if (options.output) await writeFileAtomic(resolve(options.output), json);
            const showSummary = options.summary || (!options.output && !options.json && tty);
            if (showSummary) process.stdout.write(renderSummary(model.evaluation.results, tty));
            else if (!options.output) process.stdout.write(json);
            process.exitCode = 0;
        });

    program.command('lsp')
        .description('run the Cap language server (for Neovim, Emacs, Helix, Zed, VS Code ...)')
        .option('--stdio', 'talk LSP over standard input and output (the default)')
        .option('--socket <port>', 'connect to a client listening on this TCP port')
        .option('--node-ipc', 'talk over a Node IPC channel')
        .option('--clientProcessId <pid>', 'accepted for clients that pass it; the server exits with its client')
        .action(async (options: { stdio?: boolean; socket?: string; nodeIpc?: boolean }) => {
            // Loaded on demand so that `cap check` and `cap build` do not pay for the server's modules.
            const { runLanguageServer } = await import('./lsp-command.js');
            runLanguageServer(options);
        });

    program.command('fmt')
        .description('rewrite models in the canonical layout, keeping every comment (each file on its own, not its imports)')
        .argument('<files...>', '.cap files, folders (every .cap file under them), or - for standard input to standard output')
        .option('--check', 'write nothing; list the files that are not formatted and exit 1 if there are any')
        .option('--stdout', 'print the formatted text instead of rewriting the files')
        .action(async (files: string[], options: { check?: boolean; stdout?: boolean }) => {
            process.exitCode = await runFmt(files, options) === 0 ? 0 : EXIT_MODEL;
        });

    registerDiffCommand(program);

    return program;
}

export async function main(argv: string[]): Promise<void> {
    const program = buildProgram();
    try {
        await program.parseAsync(argv);
    } catch (err) {
        if (err instanceof CommanderError) {
            // Commander has already printed its one-line message (or the help text).
            process.exitCode = err.exitCode === 0 ? 0 : EXIT_USAGE;
        } else if (err instanceof UsageError) {
            process.stderr.write(`cap: ${err.message}\n`);
            process.exitCode = EXIT_USAGE;
        } else {
            const e = err as NodeJS.ErrnoException;
            process.stderr.write(`cap: ${e.code ? `${e.code}: ` : ''}${e.message ?? String(err)}\n`);
            if (process.env.CAP_DEBUG) process.stderr.write(`${e.stack}\n`);
            process.exitCode = EXIT_USAGE;
        }
    }
}
