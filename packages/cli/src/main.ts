import { Command, CommanderError } from 'commander';
import { promises as fs } from 'node:fs';
import { relative, resolve } from 'node:path';
import { capFilesUnder } from './cap-files.js';
import { writeFileAtomic } from './atomic-write.js';
import { registerDiffCommand } from './diff/command.js';
import { registerExportCommand } from './export/command.js';
import { registerInitCommand } from './init/command.js';
import { CAP_VERSION } from './version.js';
import { runFmt } from './fmt.js';
import type { LoadedModel, ScenarioEvaluation } from '@cap/language';
import { reportToJson } from '@cap/engine';
import {
    UsageError,
    countSummary,
    failedAssertions,
    formatDiagnostics,
    hasErrors,
    hasModelErrors,
    hasWarnings,
    report,
    runModel,
} from './model-run.js';
import { renderComparison, renderPlanExtras, renderSummary } from './summary.js';
import { renderForecast } from './forecast-table.js';
import type { Io } from './io.js';

/** Exit codes: 0 fine, 1 the model has errors (or warnings under --strict), 2 the command was wrong. */
const EXIT_MODEL = 1;
const EXIT_USAGE = 2;

const NO_FORECAST_HINT = 'give its model block a `start` and a `horizon`, e.g. `start 2027-01  horizon 12 months`';

/**
 * The program, writing to `io`; each command's action reports its exit code through `exit`.
 * Subcommands copy the output configuration and the exit override when they are added, so both
 * are set before any command is.
 */
function buildProgram(io: Io, exit: (code: number) => void): Command {
    const program = new Command('cap')
        .description('Cap: customer-success capacity models as code')
        .version(CAP_VERSION)
        .exitOverride()
        .configureOutput({
            writeOut: text => io.stdout.write(text),
            writeErr: text => io.stderr.write(text),
            // A terminal's width, else 80 as commander's own default does.
            getOutHelpWidth: () => (io.stdout.isTTY ? io.stdout.columns : undefined) ?? 80,
            getErrHelpWidth: () => (io.stderr.isTTY ? io.stderr.columns : undefined) ?? 80,
        })
        .showSuggestionAfterError(true);

    program
        .command('check')
        .description('validate models and print their diagnostics (path:line:col - severity CODE: message)')
        .argument('<files...>', 'entry .cap files (their imports are read too), or folders: every model in them')
        .option('--strict', 'exit 1 on warnings as well as errors')
        .option('--hints', 'also print hints (unused roles and services)')
        .action(async (files: string[], options: { strict?: boolean; hints?: boolean }) => {
            let failed = false;
            for (const { file, model } of await checkedModels(files, io.cwd)) {
                for (const line of formatDiagnostics(model, io.cwd, options.hints)) io.stdout.write(`${line}\n`);
                io.stdout.write(`${file}: ${countSummary(model)}\n`);
                if (hasErrors(model) || (options.strict && hasWarnings(model))) failed = true;
            }
            exit(failed ? EXIT_MODEL : 0);
        });

    program
        .command('build')
        .description('compile a model to its cap-report/1 JSON report; a readable summary on a terminal')
        .argument('<file>', 'the entry .cap file')
        .option('-o, --output <report.json>', 'write the JSON report to this file (atomically)')
        .option('--summary', 'print the readable summary (the default on a terminal without -o)')
        .option('--json', 'print the JSON report on standard output even on a terminal')
        .option(
            '--scenario <name>',
            "print this scenario's report instead: its figures and its difference from the base",
        )
        .action(
            async (
                file: string,
                options: { output?: string; summary?: boolean; json?: boolean; scenario?: string },
            ) => {
                const model = await runModel(file, io.cwd);
                // A failed assertion does not make the figures wrong: the report is still written (with
                // `ok: false`) so that CI can show what broke, and the command exits 1.
                if (hasModelErrors(model)) {
                    for (const line of formatDiagnostics(model, io.cwd)) io.stderr.write(`${line}\n`);
                    io.stderr.write(`cap: ${file} has errors; no report written (${countSummary(model)})\n`);
                    exit(EXIT_MODEL);
                    return;
                }
                for (const line of formatDiagnostics(model, io.cwd)) io.stderr.write(`${line}\n`);
                const scenario =
                    options.scenario === undefined ? undefined : scenarioNamed(model, file, options.scenario);
                const full = report(model);
                const json = reportToJson(scenario ? full.scenarios[scenario.name] : full);
                const tty = io.stdout.isTTY === true;
                if (options.output) await writeFileAtomic(resolve(io.cwd, options.output), json);
                const showSummary = options.summary || (!options.output && !options.json && tty);
                if (showSummary) {
                    const evaluation = model.evaluation;
                    io.stdout.write(
                        scenario
                            ? `Scenario ${scenario.name}${scenario.title ? `: ${scenario.title}` : ''}\n\n` +
                                  `${renderSummary(scenario.results, tty)}\n` +
                                  `${renderComparison(evaluation.results, [scenario], tty)}`
                            : renderSummary(evaluation.results, tty) + renderPlanExtras(evaluation, tty),
                    );
                } else if (!options.output) {
                    io.stdout.write(json);
                }
                exit(assertionsExit(io, model, file, 'the report lists them with `ok: false`'));
            },
        );

    program
        .command('forecast')
        .description(
            'the month-by-month forecast and hiring plan of a model with `start` and `horizon`: ' +
                'a table, or JSON with --json',
        )
        .argument('<file>', 'the entry .cap file')
        .option('--json', "print the report's `forecast` section as JSON")
        .option('--scenario <name>', 'forecast this scenario instead of the base model')
        .action(async (file: string, options: { json?: boolean; scenario?: string }) => {
            const model = await runModel(file, io.cwd);
            if (hasModelErrors(model)) {
                for (const line of formatDiagnostics(model, io.cwd)) io.stderr.write(`${line}\n`);
                io.stderr.write(`cap: ${file} has errors; no forecast (${countSummary(model)})\n`);
                exit(EXIT_MODEL);
                return;
            }
            for (const line of formatDiagnostics(model, io.cwd)) io.stderr.write(`${line}\n`);
            const scenario = options.scenario === undefined ? undefined : scenarioNamed(model, file, options.scenario);
            const forecast = scenario ? scenario.forecast : model.evaluation.forecast;
            if (forecast === null) {
                io.stderr.write(`cap: ${file} has no forecast: ${NO_FORECAST_HINT}\n`);
                exit(EXIT_MODEL);
                return;
            }
            if (options.json) {
                const full = report(model);
                const section = scenario ? full.scenarios[scenario.name].forecast : full.forecast;
                io.stdout.write(reportToJson(section!));
            } else {
                const [spec, results] = scenario
                    ? [scenario.model, scenario.results]
                    : [model.evaluation.model, model.evaluation.results];
                io.stdout.write(renderForecast(spec, results, forecast, io.stdout.isTTY === true, scenario));
            }
            exit(assertionsExit(io, model, file, 'the forecast is printed all the same'));
        });

    program
        .command('lsp')
        .description('run the Cap language server (for Neovim, Emacs, Helix, Zed, VS Code ...)')
        .option('--stdio', 'talk LSP over standard input and output (the default)')
        .option('--socket <port>', 'connect to a client listening on this TCP port')
        .option('--node-ipc', 'talk over a Node IPC channel')
        .option('--clientProcessId <pid>', 'accepted for clients that pass it; the server exits with its client')
        .action(async (options: { stdio?: boolean; socket?: string; nodeIpc?: boolean }) => {
            // Loaded on demand so that `cap check` and `cap build` do not pay for the server's modules.
            // A server: it talks over the process's own streams (or a socket), not through `io`.
            const { runLanguageServer } = await import('./lsp-command.js');
            runLanguageServer(options);
        });

    program
        .command('fmt')
        .description(
            'rewrite models in the canonical layout, keeping every comment (each file on its own, not its imports)',
        )
        .argument(
            '<files...>',
            '.cap files, folders (every .cap file under them), or - for standard input to standard output',
        )
        .option('--check', 'write nothing; list the files that are not formatted and exit 1 if there are any')
        .option('--stdout', 'print the formatted text instead of rewriting the files')
        .action(async (files: string[], options: { check?: boolean; stdout?: boolean }) => {
            exit((await runFmt(files, options, io)) === 0 ? 0 : EXIT_MODEL);
        });

    registerDiffCommand(program, io, exit);
    registerExportCommand(program, io, exit);
    registerInitCommand(program, io);

    return program;
}

/**
 * The models `cap check` reads: each file argument, and for a folder every `.cap` file under it
 * that no other file there imports (a fragment such as `team/roles.cap` is checked as part of the
 * model that imports it, not on its own, where its references to other files would not resolve).
 */
async function checkedModels(args: string[], cwd: string): Promise<{ file: string; model: LoadedModel }[]> {
    const out: { file: string; model: LoadedModel }[] = [];
    for (const arg of args) {
        const stat = await fs.stat(resolve(cwd, arg)).catch(() => undefined);
        if (!stat?.isDirectory()) {
            out.push({ file: arg, model: await runModel(arg, cwd) });
            continue;
        }
        const inFolder: { file: string; model: LoadedModel }[] = [];
        for (const path of await capFilesUnder(resolve(cwd, arg))) {
            inFolder.push({ file: relative(cwd, path) || path, model: await runModel(path, cwd) });
        }
        if (inFolder.length === 0) throw new UsageError(`no Cap models (.cap files) in ${arg}`);
        const imported = new Set(inFolder.flatMap(({ model }) => model.documents.slice(1).map(d => d.uri.fsPath)));
        out.push(...inFolder.filter(({ file }) => !imported.has(resolve(cwd, file))));
    }
    return out;
}

/** The scenario a `--scenario` option names; an unknown name is a usage error listing the names. */
function scenarioNamed(model: LoadedModel, file: string, name: string): ScenarioEvaluation {
    const scenario = model.evaluation.scenarios.get(name);
    if (scenario) return scenario;
    const names = [...model.evaluation.scenarios.keys()];
    throw new UsageError(
        names.length === 0
            ? `unknown scenario \`${name}\`: ${file} has no scenarios`
            : `unknown scenario \`${name}\`: ${file} has scenario${names.length === 1 ? '' : 's'} ${names.join(', ')}`,
    );
}

/** Exit 1 when assertions failed (the model is otherwise fine), with a closing line saying so. */
function assertionsExit(io: Io, model: LoadedModel, file: string, note: string): number {
    const failed = failedAssertions(model);
    if (failed === 0) return 0;
    io.stderr.write(`cap: ${file}: ${failed} assertion${failed === 1 ? '' : 's'} failed; ${note}\n`);
    return EXIT_MODEL;
}

/**
 * Runs `cap` with `args` (the arguments after `cap`) and resolves to its exit code. Every error
 * is written to `io.stderr` and becomes an exit code; nothing is thrown.
 */
export async function main(args: string[], io: Io): Promise<number> {
    let code = 0;
    const program = buildProgram(io, exitCode => {
        code = exitCode;
    });
    try {
        await program.parseAsync(args, { from: 'user' });
        return code;
    } catch (err) {
        if (err instanceof CommanderError) {
            // Commander has already printed its one-line message (or the help text).
            return err.exitCode === 0 ? 0 : EXIT_USAGE;
        }
        if (err instanceof UsageError) {
            io.stderr.write(`cap: ${err.message}\n`);
            return EXIT_USAGE;
        }
        const e = err as NodeJS.ErrnoException;
        // Node's own messages already begin with their code (`ENOSPC: no space left on device, write`).
        const message = e.message ?? String(err);
        io.stderr.write(`cap: ${e.code && !message.startsWith(e.code) ? `${e.code}: ` : ''}${message}\n`);
        if (io.env.CAP_DEBUG) io.stderr.write(`${e.stack}\n`);
        return EXIT_USAGE;
    }
}
