import { CAP_VERSION } from '../version.js';
import type { Template } from './templates.js';

/**
 * What `cap init` writes besides the model: the plan repository's package.json, .gitignore,
 * review workflow, editor recommendation and README. Pure: file name → text.
 */

export const PACKAGE_NAME = 'cap-lang';
/** The version range a plan repository asks for: this version and later compatible ones. */
export const PACKAGE_RANGE = `^${CAP_VERSION}`;
export const EXTENSION_ID = 'cap-lang.cap-vscode';
/** The action of this repository, at the tag of this version (the release tags it). */
export const ACTION_REF = `cap-lang/cap@v${CAP_VERSION}`;

/**
 * The review workflow of a plan repository whose entry model is `model`. examples/ci/cap-review.yml is this for
 * plan.cap.
 */
export function reviewWorkflow(model: string): string {
    return `# Cap plan review: on every pull request that touches a .cap file, check the model and its
# layout, and post what the change does to the figures as one comment on the pull request (updated
# on every push). Fails when a model has errors, a file is not formatted, or a --fail-on gate is
# crossed. Inputs of the action: https://github.com/cap-lang/cap/blob/main/action.yml
name: Cap plan review

on:
  pull_request:
    paths: ['**/*.cap']

permissions:
  contents: read
  pull-requests: write          # to post the comment; a pull request from a fork gets read only

jobs:
  review:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0        # the base branch's history, for \`cap diff --git\`
      - uses: ${ACTION_REF}
        with:
          model: ${model}
          fail-on: |            # one rule a line (docs/diff.md, "--fail-on"); remove to only comment
            teamCost>5%
            *.requiredFte>1
`;
}

/** The model's name and title from the folder's name: `acme-cs` → `AcmeCs`, "Acme CS capacity plan". */
export function modelNames(folderName: string): { name: string; title: string } {
    const words = folderName.split(/[^A-Za-z0-9]+/).filter(w => w.length > 0);
    let name = words.map(w => w[0].toUpperCase() + w.slice(1)).join('');
    if (!/^[A-Za-z_]/.test(name)) name = `Plan${name}`;
    // Short words read as acronyms: `acme-cs` → "Acme CS".
    const titled = words.map(w => (w.length <= 3 ? w.toUpperCase() : w[0].toUpperCase() + w.slice(1)));
    const title = words.length > 0 ? `${titled.join(' ')} capacity plan` : 'Capacity plan';
    return { name, title };
}

/** The npm scripts of a plan repository, for the entry model `model`. */
export function planScripts(model: string): Record<string, string> {
    return {
        check: `cap check ${model}`,
        build: `cap build ${model} --summary`,
        forecast: `cap forecast ${model}`,
        export: `cap export ${model}`,
        fmt: 'cap fmt .',
    };
}

export function planPackageJson(packageName: string, title: string, model: string): string {
    return `${JSON.stringify(
        {
            name: packageName,
            private: true,
            description: `${title}, as a Cap model`,
            scripts: planScripts(model),
            devDependencies: { [PACKAGE_NAME]: PACKAGE_RANGE },
        },
        null,
        2,
    )}\n`;
}

export const GITIGNORE = `node_modules/
# What \`cap export\` and \`cap build -o\` write: made from the model, so not kept in git.
*.finance.xlsx
*.finance/
*.report.json
`;

export const EXTENSIONS_JSON = `${JSON.stringify({ recommendations: [EXTENSION_ID] }, null, 2)}\n`;

export function planReadme(title: string, model: string, template: Template): string {
    const workbook = `${model.replace(/\.cap$/, '')}.finance.xlsx`;
    return `# ${title}

The customer-success team's capacity plan, as code: [\`${model}\`](${model}) says what the team
delivers (the service menu), who delivers it (roles and agents) and for whom (tiers). Cap computes
from it the figures finance asks for: required headcount, utilization, cost to serve, customer
lifetime value, a month-by-month forecast and a hiring plan. Started from Cap's \`${template.name}\`
template (${template.description}).

## Set up

\`\`\`sh
npm install                 # installs the cap command (${PACKAGE_NAME}); commit package-lock.json
npx cap check ${model}       # diagnostics, like a compiler's
\`\`\`

In VS Code, install the recommended extension (**Cap — capacity models**, \`${EXTENSION_ID}\`):
the figures appear beside the text as you type, and \`Cap: Open Capacity Preview\` charts them.

## Everyday commands

| command | what it does |
| --- | --- |
| \`npm run check\` | checks the model: errors, warnings, and the \`assert\` guardrails |
| \`npm run build\` | the figures as tables (\`npx cap build ${model}\` alone prints the JSON report) |
| \`npm run forecast\` | the forecast month by month, and the hiring plan |
| \`npm run export\` | the workbook for finance: \`${workbook}\` (\`--format csv\` for CSV files) |
| \`npm run fmt\` | lays out every \`.cap\` file the canonical way |
| \`npx cap diff --git main ${model}\` | what your change does to the figures, against \`main\` |

## Changing the plan

Change the model on a branch and open a pull request. The review workflow
(\`.github/workflows/cap-review.yml\`) checks the model and its layout, and comments with what the
change does to the figures; it fails when a gate in its \`fail-on\` list is crossed (team cost up
more than 5%, a role needing more than one more FTE). Edit the gates there.

The language reference: https://github.com/cap-lang/cap/blob/main/docs/language.md
`;
}
