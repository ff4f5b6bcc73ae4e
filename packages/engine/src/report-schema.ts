import type { Entry, Table } from './figures.js';
import { ACTUALS, DATA, FORECAST, MODEL, MONTH_PATTERN, ROLE, SECTIONS, TIER, TOTALS, isFigure } from './figures.js';
import { REPORT_SCHEMA } from './report.js';

/**
 * The JSON schema of `cap-report/1`, made from the tables of figures.ts: every object lists exactly
 * the keys the report writes, so a report with a key the tables lack, or without one they list,
 * does not validate. `packages/engine/schema/cap-report-1.schema.json` is this schema as published
 * (`npm run schema -w packages/engine` writes it; a test holds the two equal).
 */

type Schema = Record<string, unknown>;

export function reportSchema(): Schema {
    const sections = Object.fromEntries(Object.keys(SECTIONS).map(key => [key, ref(key)]));
    return {
        $schema: 'http://json-schema.org/draft-07/schema#',
        $id: 'https://cap.dev/schema/cap-report-1.json',
        title: 'Cap report, version 1 (cap-report/1)',
        description:
            "What `cap build` writes. Per-time figures are per the model's reporting period; ratios are " +
            'fractions (0.9 = 90%); an undefined figure is null.',
        ...object({
            schema: { const: REPORT_SCHEMA },
            model: ref('model'),
            ...sections,
            forecast: ref('forecast'),
            data: ref('data'),
            actuals: ref('actuals'),
            scenarios: { type: 'object', additionalProperties: ref('scenario') },
            assertions: { type: 'array', items: ASSERTION, description: 'Spec section 11, in the order written' },
            diagnostics: { type: 'array', items: DIAGNOSTIC },
        }),
        definitions: {
            model: tableSchema(MODEL),
            ...Object.fromEntries(Object.entries(SECTIONS).map(([key, entry]) => [key, entrySchema(entry)])),
            forecast: entrySchema({ table: FORECAST, nullable: true, doc: 'Spec section 9; null without a horizon' }),
            data: entrySchema({
                each: DATA,
                doc: 'Spec sections 14 and 13a: each data block the model reads; {} without any',
            }),
            actuals: entrySchema({
                each: ACTUALS,
                doc: 'Spec sections 15 and 13a: each time log the model reads; {} without any',
            }),
            scenario: object({
                title: { type: ['string', 'null'] },
                model: ref('model'),
                ...sections,
                forecast: ref('forecast'),
                delta: ref('delta'),
            }),
            delta: {
                description:
                    'Spec section 10: each figure of roles, tiers and totals as scenario minus base, in ' +
                    'report units; null when either side is null',
                ...object({
                    roles: { type: 'object', additionalProperties: deltaSchema(ROLE) },
                    tiers: { type: 'object', additionalProperties: deltaSchema(TIER) },
                    totals: deltaSchema(TOTALS),
                }),
            },
        },
    };
}

/** The schema as the published file holds it. */
export function reportSchemaJson(): string {
    return `${JSON.stringify(reportSchema(), null, 2)}\n`;
}

const ASSERTION = object({
    text: { type: 'string' },
    ok: { type: 'boolean' },
    actual: { type: ['number', 'null'], description: 'The figure in report units; null when undefined' },
    expected: { type: ['number', 'null'], description: 'The right side in report units; null when unreadable' },
    message: { type: 'string' },
});

const DIAGNOSTIC = object({
    severity: { enum: ['error', 'warning', 'info', 'hint'] },
    code: { type: 'string', pattern: '^CAP[0-9]{3}$' },
    message: { type: 'string' },
    file: { type: 'string' },
    line: { type: 'integer', minimum: 1 },
    column: { type: 'integer', minimum: 1 },
});

function ref(name: string): Schema {
    return { $ref: `#/definitions/${name}` };
}

/** An object with exactly these keys. */
function object(properties: Record<string, Schema>): Schema {
    return { type: 'object', required: Object.keys(properties), additionalProperties: false, properties };
}

function tableSchema(table: Table): Schema {
    const schema = object(Object.fromEntries(Object.entries(table).map(([key, entry]) => [key, entrySchema(entry)])));
    const optional = Object.keys(table).filter(key => 'optional' in table[key] && table[key].optional === true);
    if (optional.length > 0) schema.required = (schema.required as string[]).filter(key => !optional.includes(key));
    return schema;
}

function entrySchema(entry: Entry): Schema {
    const described = (schema: Schema): Schema => ({ description: entry.doc, ...schema });
    if ('table' in entry) {
        const table = tableSchema(entry.table);
        return described(entry.nullable ? { anyOf: [table, { type: 'null' }] } : table);
    }
    if ('each' in entry) return described({ type: 'object', additionalProperties: tableSchema(entry.each) });
    if ('list' in entry) return described({ type: 'array', items: tableSchema(entry.list) });
    const nullable = entry.nullable === true;
    let one: Schema;
    if (entry.kind === 'label') {
        one = entry.values
            ? { enum: nullable ? [...entry.values, null] : [...entry.values] }
            : { type: nullable ? ['string', 'null'] : 'string' };
    } else if (entry.kind === 'month') {
        one = { type: nullable ? ['string', 'null'] : 'string', pattern: MONTH_PATTERN };
    } else {
        one = { type: nullable ? ['number', 'null'] : 'number' };
    }
    if (entry.series) return described({ type: 'array', items: one });
    if (isFigure(entry) && (entry.byRole || entry.byName))
        return described({ type: 'object', additionalProperties: one });
    return described(one);
}

/** A table's figures as differences: a number or null each, by role where the figure is. */
function deltaSchema(table: Table): Schema {
    const properties: Record<string, Schema> = {};
    for (const [key, entry] of Object.entries(table)) {
        if (!isFigure(entry) || entry.series) continue;
        const difference = { type: ['number', 'null'] };
        properties[key] = entry.byRole ? { type: 'object', additionalProperties: difference } : difference;
    }
    return object(properties);
}
