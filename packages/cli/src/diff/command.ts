import type { Command } from 'commander';
import { Option } from 'commander';
import { UsageError } from '../model-run.js';
import { FailOnError, evaluateFailOn, parseFailOn } from './fail-on.js';
import type { FailOnRule } from './fail-on.js';
import { diffInputs } from './inputs.js';
import type { InputChange } from './inputs.js';
import { diffReports } from './outputs.js';
import { diffData } from './data-changes.js';
import type { Renames } from './outputs.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import { renderText } from './render-text.js';
import type { DiffResult } from './result.js';
import { SideError, loadGitSides, loadPathSide } from './sides.js';
import type { Side } from './sides.js';
import { crossingLine } from './wording.js';
import type { Io } from '../io.js';

interface DiffOptions {
    git?: string;
    format: 'text' | 'markdown' | 'json';
    all?: boolean;
    failOn?: string[];
}

/**
 * Exit codes as everywhere in cap: 1 a model has errors or a --fail-on threshold is crossed, 2 the command was
 * wrong.
 */
const EXIT_FAIL = 1;

export function registerDiffCommand(program: Command, io: Io, exit: (code: number) => void): void {
    program
        .command('diff')
        .description('what changed between two versions of a plan: the declarations, then the figures (docs/diff.md)')
        .usage('[options] OLD NEW  |  --git REF [FILE]')
        .argument('[paths...]', 'OLD and NEW: .cap models or cap-report/1 .json reports; with --git, the model FILE')
        .option('--git <ref>', 'compare FILE at a git ref (main, origin/main, HEAD~1) with the working tree')
        .addOption(
            new Option('--format <format>', 'text on a terminal, markdown for a PR comment, json (cap-diff/1)')
                .choices(['text', 'markdown', 'json'])
                .default('text'),
        )
        .option('--all', 'also list the figures that did not change')
        .option(
            '--fail-on <rule>',
            'exit 1 when a figure moves past a threshold: ' +
                'teamCost>5%, CSM.requiredFte>1, crc>+$20, clv<-10% (repeatable)',
            (rule: string, rules: string[] | undefined) => [...(rules ?? []), rule],
        )
        .action(async (paths: string[], options: DiffOptions) => {
            // Rules are checked before any model is loaded: a typo in a CI gate fails fast.
            const rules = (options.failOn ?? []).map(text => usage(() => parseFailOn(text)));
            try {
                const result = await compare(paths, options, rules, io.cwd);
                const out =
                    options.format === 'json'
                        ? renderJson(result)
                        : options.format === 'markdown'
                          ? renderMarkdown(result)
                          : renderText(result, useColour(io));
                io.stdout.write(out);
                for (const x of result.crossings)
                    io.stderr.write(`cap: --fail-on ${crossingLine(x, result.outputs, t => t)}\n`);
                exit(result.crossings.length > 0 ? EXIT_FAIL : 0);
            } catch (err) {
                if (!(err instanceof SideError)) throw err;
                io.stderr.write(`cap: ${err.message}\n`);
                exit(EXIT_FAIL);
            }
        });
}

async function compare(paths: string[], options: DiffOptions, rules: FailOnRule[], cwd: string): Promise<DiffResult> {
    let sides: { old: Side; new: Side; notes: string[] };
    if (options.git !== undefined) {
        if (paths.length > 1)
            throw new UsageError(
                'cap diff --git REF takes at most one FILE: the model to compare with its version at REF',
            );
        sides = await loadGitSides(options.git, paths[0], cwd);
    } else {
        if (paths.length !== 2)
            throw new UsageError(
                'cap diff takes two files, OLD and NEW (.cap models or .json reports), or --git REF [FILE]',
            );
        const [old, neu] = await Promise.all(paths.map(path => loadPathSide(path, cwd)));
        sides = { old, new: neu, notes: [] };
    }
    const inputs = sides.old.files && sides.new.files ? diffInputs(sides.old.files, sides.new.files) : null;
    const outputs = diffReports(sides.old.report, sides.new.report, renamesOf(inputs ?? []));
    const crossings = usage(() => evaluateFailOn(rules, outputs.rows));
    return {
        old: { label: sides.old.label, kind: sides.old.kind },
        new: { label: sides.new.label, kind: sides.new.kind },
        inputs,
        outputs,
        rules,
        crossings,
        all: options.all === true,
        notes: sides.notes,
        data: diffData(sides.old.data, sides.new.data),
    };
}

/** A renamed role, tier or scenario keeps its figures' history: CSM's figures compare with AM's. */
function renamesOf(inputs: InputChange[]): Renames {
    const pick = (kind: string) =>
        new Map(inputs.filter(c => c.change === 'renamed' && c.path === `${kind}.${c.new}`).map(c => [c.new!, c.old!]));
    return { roles: pick('role'), tiers: pick('tier'), scenarios: pick('scenario') };
}

function usage<T>(f: () => T): T {
    try {
        return f();
    } catch (err) {
        if (err instanceof FailOnError) throw new UsageError(err.message);
        throw err;
    }
}

/** Colour only for a person at a terminal, and never when NO_COLOR is set (no-color.org). */
function useColour(io: Io): boolean {
    return io.stdout.isTTY === true && !io.env.NO_COLOR;
}
