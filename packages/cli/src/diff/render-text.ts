import Table from 'cli-table3';
import pc from 'picocolors';
import { sentence } from './inputs.js';
import type { OutputRow, Section } from './outputs.js';
import {
    SECTION_TITLES,
    betterDirection,
    formatNew,
    formatOld,
    formatRatio,
    headline,
    markedChange,
    visibleAssertions,
    visibleRows,
} from './outputs.js';
import type { DiffResult } from './result.js';
import { assertionLine, crossingLine, dataHeading, figuresHeading, inputsHeading, noInputChanges } from './wording.js';
import { dataSentences } from './data-changes.js';

/**
 * The terminal rendering: a headline, the plan changes as sentences, then one table per section
 * with the numbers right-aligned. Colour marks a favourable change green and an unfavourable
 * one red, and only when `colour` is set (stdout is a terminal and NO_COLOR is unset).
 */
export function renderText(result: DiffResult, colour: boolean): string {
    const c = pc.createColors(colour);
    const currency = result.outputs.currency;
    const lines: string[] = [];
    lines.push(c.bold(`Cap diff: ${result.old.label} → ${result.new.label}`));
    for (const note of [...result.notes, ...result.outputs.notes]) lines.push(c.dim(`note: ${note}`));
    lines.push('', c.bold(headline(result.outputs)));

    if (result.inputs) {
        lines.push('', c.bold(inputsHeading));
        if (result.inputs.length === 0) lines.push(`  ${noInputChanges}`);
        for (const change of result.inputs) lines.push(`  ${sentence(change)}`);
    }

    if (result.data.length > 0) {
        lines.push('', c.bold(dataHeading));
        for (const d of result.data) {
            const [first, ...rest] = dataSentences(d, currency, t => t);
            lines.push(`  ${first}`, ...rest.map(s => `    ${s}`));
        }
    }

    const rows = visibleRows(result.outputs, result.all);
    if (rows.length > 0) {
        lines.push('', c.bold(figuresHeading(result.outputs)));
        // Compact: no rule between rows, a figure per line reads like a statement.
        const style = colour
            ? { head: ['bold'], border: ['grey'], compact: true }
            : { head: [], border: [], compact: true };
        // One table, so that every section's numbers line up; a section is a row of its own.
        const table = new Table({
            head: ['', 'Before', 'After', 'Change', '%'],
            colAligns: ['left', 'right', 'right', 'right', 'right'],
            style,
        });
        for (const [section, sectionRows] of bySection(rows)) {
            table.push([c.bold(SECTION_TITLES[section]), '', '', '', '']);
            for (const row of sectionRows) {
                const paint = painter(c, row);
                table.push([
                    `  ${row.label}`,
                    formatOld(row, result.outputs),
                    formatNew(row, result.outputs),
                    paint(markedChange(row, currency)),
                    paint(formatRatio(row)),
                ]);
            }
        }
        lines.push(table.toString());
    }

    const assertions = visibleAssertions(result.outputs, result.all);
    if (assertions.length > 0) {
        lines.push('', c.bold('Assertions'));
        for (const a of assertions) {
            const text = `  ${assertionLine(a, t => t)}`;
            lines.push(
                a.change === 'newly failing' ? c.red(text) : a.change === 'newly passing' ? c.green(text) : text,
            );
        }
    }

    if (result.crossings.length > 0) {
        lines.push('', c.bold(c.red('Thresholds crossed')));
        for (const x of result.crossings) lines.push(c.red(`  ${crossingLine(x, result.outputs, t => t)}`));
    }
    return `${lines.join('\n')}\n`;
}

function painter(c: ReturnType<typeof pc.createColors>, row: OutputRow): (s: string) => string {
    const better = betterDirection(row);
    if (!better || row.delta === null || row.delta === 0) return s => s;
    const good = row.delta > 0 === (better === 'up');
    return good ? c.green : c.red;
}

export function bySection(rows: OutputRow[]): [Section, OutputRow[]][] {
    const out = new Map<Section, OutputRow[]>();
    for (const row of rows) {
        const list = out.get(row.section);
        if (list) list.push(row);
        else out.set(row.section, [row]);
    }
    return [...out];
}
