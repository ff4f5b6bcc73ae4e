import { sentence } from './inputs.js';
import {
    SECTION_TITLES,
    formatNew,
    formatOld,
    formatRatio,
    headline,
    markedChange,
    visibleAssertions,
    visibleRows,
} from './outputs.js';
import type { DiffResult } from './result.js';
import { bySection } from './render-text.js';
import { assertionLine, crossingLine, dataHeading, figuresHeading, inputsHeading, noInputChanges } from './wording.js';
import { dataSentences } from './data-changes.js';

/**
 * GitHub-flavoured Markdown for a pull-request comment: a heading naming both sides, the
 * headline in bold, the plan changes as a list with source text in code spans, and one table per
 * section with the numbers right-aligned. Deterministic (no dates, no run ids), so a sticky
 * comment only changes when the numbers do.
 */
export function renderMarkdown(result: DiffResult): string {
    const currency = result.outputs.currency;
    const out: string[] = [];
    out.push(`### Cap: ${code(result.old.label)} → ${code(result.new.label)}`, '');
    for (const note of [...result.notes, ...result.outputs.notes]) out.push(`> ${escapeText(note)}`, '');
    out.push(`**${escapeText(headline(result.outputs))}**`, '');

    if (result.crossings.length > 0) {
        out.push('**⛔ Thresholds crossed**', '');
        for (const x of result.crossings) out.push(`- ${crossingLine(x, result.outputs, code, escapeText)}`);
        out.push('');
    }

    if (result.inputs) {
        out.push(`#### ${inputsHeading}`, '');
        if (result.inputs.length === 0) out.push(noInputChanges);
        for (const change of result.inputs) out.push(`- ${sentence(change, code)}`);
        out.push('');
    }

    if (result.data.length > 0) {
        out.push(`#### ${dataHeading}`, '');
        for (const d of result.data) {
            const [first, ...rest] = dataSentences(d, currency, code).map(escapeOutsideCode);
            out.push(`- ${first}`, ...rest.map(s => `  - ${s}`));
        }
        out.push('');
    }

    const rows = visibleRows(result.outputs, result.all);
    if (rows.length > 0) {
        out.push(`#### ${figuresHeading(result.outputs)}`, '');
        for (const [section, sectionRows] of bySection(rows)) {
            out.push(
                `| ${SECTION_TITLES[section]} | Before | After | Change | % |`,
                '| :--- | ---: | ---: | ---: | ---: |',
            );
            for (const row of sectionRows) {
                const cells = [
                    row.label,
                    formatOld(row, result.outputs),
                    formatNew(row, result.outputs),
                    markedChange(row, currency),
                    formatRatio(row),
                ];
                out.push(`| ${cells.map(escapeText).join(' | ')} |`);
            }
            out.push('');
        }
    }

    const assertions = visibleAssertions(result.outputs, result.all);
    if (assertions.length > 0) {
        out.push('#### Assertions', '');
        for (const a of assertions) {
            const mark = a.change === 'newly failing' ? '❌ ' : a.change === 'newly passing' ? '✅ ' : '';
            out.push(`- ${mark}${assertionLine(a, code)}`);
        }
        out.push('');
    }

    out.push(
        result.all
            ? '<sub>Every figure shown (`--all`).</sub>'
            : '<sub>Unchanged figures are left out; `cap diff --all` shows them.</sub>',
    );
    return `${out.join('\n')}\n`;
}

/** A sentence with code spans: the text between them escaped, the spans kept. */
function escapeOutsideCode(sentence: string): string {
    return sentence
        .split(/(`+[^`]*`+)/)
        .map((part, i) => (i % 2 === 1 ? part : escapeText(part)))
        .join('');
}

/** A code span that survives backticks inside the text. */
function code(text: string): string {
    const fence = text.includes('`') ? '``' : '`';
    const pad = fence === '``' ? ' ' : '';
    return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Text outside code spans: characters Markdown would read as formatting, `|` that would split a
 * table cell, and `$`, which GitHub would read as the start of a formula in `$312 → $341`.
 */
function escapeText(text: string): string {
    return text.replace(/([\\*_[\]<>|$])/g, '\\$1');
}
