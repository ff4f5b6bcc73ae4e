import type { Command } from 'commander';
import { Option } from 'commander';
import { promises as fs } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import { UsageError } from '../model-run.js';
import {
    EXTENSIONS_JSON,
    GITIGNORE,
    PACKAGE_NAME,
    PACKAGE_RANGE,
    modelNames,
    planPackageJson,
    planReadme,
    planScripts,
    reviewWorkflow,
} from './scaffold.js';
import { TEMPLATES, templateNamed } from './templates.js';
import type { Io } from '../io.js';

export function registerInitCommand(program: Command, io: Io): void {
    program
        .command('init')
        .description(
            'start a plan repository: a commented plan.cap, package.json, .gitignore, the review workflow, ' +
                'the editor recommendation and a README',
        )
        .argument('[folder]', 'where (created if need be)', '.')
        .addOption(
            new Option('--template <name>', TEMPLATES.map(t => `${t.name}: ${t.description}`).join('; '))
                .choices(TEMPLATES.map(t => t.name))
                .default(TEMPLATES[0].name),
        )
        .action(async (folder: string, options: { template: string }) => {
            const lines = await initPlan(resolve(io.cwd, folder), options.template, io.cwd);
            io.stdout.write(`${lines.join('\n')}\n`);
        });
}

/** Lowercase letters, digits and dashes: a valid npm package name made from a folder name. */
function packageNameOf(folderName: string): string {
    const name = folderName
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^[._-]+|[-._]+$/g, '');
    return name.length > 0 ? name.slice(0, 214) : 'cap-plan';
}

/**
 * Writes the scaffold into `dir` and returns what to print, with paths relative to `cwd`. No file
 * is overwritten: when any would be, nothing is written and the error names them. A package.json
 * that is already there (say, from `npm i -D cap-lang`) is kept, with `cap-lang` and the plan's
 * scripts added when missing.
 */
export async function initPlan(dir: string, templateName: string, cwd: string): Promise<string[]> {
    const template = templateNamed(templateName);
    if (!template) throw new UsageError(`unknown template ${templateName}: ${TEMPLATES.map(t => t.name).join(', ')}`);
    const stat = await fs.stat(dir).catch(() => undefined);
    if (stat && !stat.isDirectory()) throw new UsageError(`${dir} is a file, not a folder`);
    const names = modelNames(basename(dir));
    const [model] = Object.keys(template.files);
    const files: Record<string, string> = {};
    for (const [path, text] of Object.entries(template.files))
        files[path] = text.replaceAll('__MODEL__', names.name).replaceAll('__TITLE__', names.title);
    Object.assign(files, {
        '.gitignore': GITIGNORE,
        'README.md': planReadme(names.title, model, template),
        '.github/workflows/cap-review.yml': reviewWorkflow(model),
        '.vscode/extensions.json': EXTENSIONS_JSON,
    });

    const existing: string[] = [];
    for (const path of Object.keys(files))
        if (await fs.lstat(join(dir, path)).catch(() => undefined)) existing.push(path);
    if (existing.length > 0) {
        throw new UsageError(
            `${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''} ` +
                `in ${shown(dir, cwd)}; nothing was written (cap init never overwrites a file)`,
        );
    }
    const packageJson = await packageJsonUpdate(
        join(dir, 'package.json'),
        names.title,
        model,
        packageNameOf(basename(dir)),
        cwd,
    );

    const written: string[] = [];
    try {
        for (const [path, text] of Object.entries(files)) {
            const target = join(dir, path);
            await fs.mkdir(dirname(target), { recursive: true });
            // `wx`-like: a file that appeared since the check above is still not overwritten.
            if (await fs.lstat(target).catch(() => undefined))
                throw new UsageError(`${path} appeared in ${shown(dir, cwd)} while cap init ran; stopped`);
            await writeFileAtomic(target, text);
            written.push(target);
        }
        if (packageJson.text !== undefined) await writeFileAtomic(join(dir, 'package.json'), packageJson.text);
    } catch (err) {
        // All or nothing: the files this run created are removed again.
        for (const path of written) await fs.rm(path, { force: true }).catch(() => undefined);
        throw err;
    }

    const here = shown(dir, cwd);
    const cd = here === '.' ? '' : `cd ${here} && `;
    return [
        `Created a Cap plan in ${here} from the ${template.name} template:`,
        ...Object.keys(files).map(path => `  ${path}`),
        `  package.json${packageJson.note ? ` (${packageJson.note})` : ''}`,
        '',
        'Next:',
        ...(packageJson.installed
            ? []
            : [`  ${cd}npm install            # installs the cap command; commit package-lock.json`]),
        `  ${packageJson.installed ? cd : ''}npx cap check ${model}`,
        `  npx cap build ${model} --summary`,
        `  Push to GitHub: pull requests that touch ${model} get a review comment (.github/workflows/cap-review.yml).`,
    ];
}

/**
 * The package.json to write: a new one, or the existing one with what the plan needs added (the
 * dev dependency and the scripts it does not have), its other keys and its indentation kept.
 * `text` undefined: nothing to change.
 */
async function packageJsonUpdate(
    path: string,
    title: string,
    model: string,
    packageName: string,
    cwd: string,
): Promise<{ text?: string; note?: string; installed: boolean }> {
    let source: string;
    try {
        source = await fs.readFile(path, 'utf-8');
    } catch {
        return { text: planPackageJson(packageName, title, model), installed: false };
    }
    let json: Record<string, unknown>;
    try {
        json = JSON.parse(source) as Record<string, unknown>;
    } catch {
        throw new UsageError(
            `package.json in ${shown(dirname(path), cwd)} is not valid JSON; fix it, or run cap init in another folder`,
        );
    }
    if (!json || typeof json !== 'object' || Array.isArray(json))
        throw new UsageError(`package.json in ${shown(dirname(path), cwd)} is not a JSON object`);
    const added: string[] = [];
    const listed = [json.dependencies, json.devDependencies].some(
        deps => deps && typeof deps === 'object' && PACKAGE_NAME in deps,
    );
    if (!listed) {
        json.devDependencies = { ...(json.devDependencies as object | undefined), [PACKAGE_NAME]: PACKAGE_RANGE };
        added.push(`devDependency ${PACKAGE_NAME}`);
    }
    const scripts = { ...(json.scripts as Record<string, string> | undefined) };
    const newScripts = Object.entries(planScripts(model)).filter(([name]) => !(name in scripts));
    for (const [name, command] of newScripts) scripts[name] = command;
    if (newScripts.length > 0) {
        json.scripts = scripts;
        added.push(`script${newScripts.length === 1 ? '' : 's'} ${newScripts.map(([name]) => name).join(', ')}`);
    }
    if (added.length === 0) return { note: 'kept as it was', installed: listed };
    const indent = /^[ \t]+(?=")/m.exec(source)?.[0] ?? 2;
    return {
        text: `${JSON.stringify(json, null, indent)}\n`,
        note: `kept, with ${added.join(' and ')} added`,
        installed: listed,
    };
}

function shown(dir: string, cwd: string): string {
    return relative(cwd, dir) || '.';
}
