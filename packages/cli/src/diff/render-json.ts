import { sentence } from './inputs.js';
import { headline, visibleAssertions, visibleRows } from './outputs.js';
import type { DiffResult } from './result.js';

export const DIFF_SCHEMA = 'cap-diff/1';

/**
 * The `cap-diff/1` document (docs/diff.md): the same content as the other formats, unrounded,
 * keys in a fixed order, two-space indented with a final newline. Figures keep the report's
 * units (fractions for ratios, money in `currency` per `period`).
 */
export function renderJson(result: DiffResult): string {
    const rows = visibleRows(result.outputs, result.all);
    const doc = {
        schema: DIFF_SCHEMA,
        old: { source: result.old.label, kind: result.old.kind },
        new: { source: result.new.label, kind: result.new.kind },
        currency: result.outputs.currency,
        period: result.outputs.period,
        headline: headline(result.outputs),
        notes: [...result.notes, ...result.outputs.notes],
        inputs:
            result.inputs === null
                ? null
                : result.inputs.map(c => ({
                      path: c.path,
                      declaration: c.declaration,
                      property: c.property,
                      change: c.change,
                      old: c.old,
                      new: c.new,
                      text: sentence(c),
                  })),
        outputs: rows.map(r => ({
            path: r.path,
            label: r.label,
            unit: r.unit,
            status: r.status,
            old: r.old,
            new: r.new,
            delta: r.delta,
            ratio: r.ratio,
        })),
        assertions: visibleAssertions(result.outputs, result.all).map(a => ({
            text: a.text,
            change: a.change,
            old: a.old,
            new: a.new,
            actual: a.actual,
            expected: a.expected,
        })),
        data: result.data,
        failOn: result.rules.map(rule => {
            const crossed = result.crossings.filter(x => x.rule === rule).map(x => x.row.path);
            return { rule: rule.text, crossed: crossed.length > 0, figures: crossed };
        }),
    };
    return `${JSON.stringify(doc, null, 2)}\n`;
}
