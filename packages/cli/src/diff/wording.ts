import type { Crossing } from './fail-on.js';
import type { AssertionRow, OutputDiff } from './outputs.js';
import { formatChange, formatNew, formatOld, formatRatio } from './outputs.js';

/** Phrases every format shares, so that the terminal, the PR comment and stderr say the same. */

export const inputsHeading = 'Plan changes';

export const noInputChanges = 'No declaration changed (layout and comments are not compared).';

export const dataHeading = 'Data changes';

export function figuresHeading(outputs: OutputDiff): string {
    return `Figures (${outputs.currency}, per ${outputs.period})`;
}

const ASSERTION_WORDS: Record<AssertionRow['change'], string> = {
    'newly failing': 'now failing',
    'newly passing': 'now passing',
    added: 'new',
    removed: 'removed',
    unchanged: 'unchanged',
};

/** `now failing: CSM.utilization <= 85%`; a new or unchanged one also says whether it holds. */
export function assertionLine(a: AssertionRow, code: (s: string) => string): string {
    const holds = a.new ?? a.old;
    const state =
        a.change === 'added' || a.change === 'unchanged'
            ? `${ASSERTION_WORDS[a.change]}, ${holds ? 'passing' : 'failing'}`
            : ASSERTION_WORDS[a.change];
    return `${state}: ${code(a.text)}`;
}

/** `teamCost>5% crossed: Team cost /mo $120,000 → $134,250 (+$14,250, +11.9%)`. */
export function crossingLine(
    x: Crossing,
    outputs: OutputDiff,
    code: (s: string) => string,
    text: (s: string) => string = s => s,
): string {
    const { row } = x;
    const ratio = formatRatio(row);
    const change = [formatChange(row, outputs.currency), ratio].filter(s => s !== '' && s !== '—').join(', ');
    const figure = `${row.label} ${formatOld(row, outputs)} → ${formatNew(row, outputs)}`;
    return `${code(x.rule.text)} crossed: ${text(`${figure}${change ? ` (${change})` : ''}`)}`;
}
