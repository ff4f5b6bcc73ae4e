import type { ValidationAcceptor } from 'langium';
import { parseMonth } from '@cap/engine';
import type { Actuals } from '../generated/ast.js';
import { usableQuantity } from '../quantities.js';
import { Codes } from './codes.js';
import { checkFileProperty, checkPairs, checkRequired, onceEach } from './data-checks.js';

/**
 * The checks of spec section 15 that need only the text: an `actuals` block's own properties. What
 * needs the file (a missing column, agents that match nothing, dates that are not dates) is found
 * by the lowering and reported from the evaluation.
 */

const REQUIRED: [string, string][] = [
    ['file', 'file "data/time-log.csv"'],
    ['date', 'date "Activity Date"'],
    ['agent', 'agent "Assigned To"'],
    ['hours', 'hours "Duration" min'],
    ['service', 'service "Activity Type"'],
];

export function checkActualsBlock(block: Actuals, accept: ValidationAcceptor): void {
    for (const prop of onceEach(block, 'actuals', accept)) {
        switch (prop.$type) {
            case 'FileProperty':
            case 'SeparatorProperty':
                checkFileProperty(prop, 'the time log', 'data/time.csv', Codes.ActualsBlockInvalid, accept);
                break;
            case 'HoursColumn':
                if (prop.unit !== undefined && prop.unit !== 'h' && prop.unit !== 'min')
                    accept('error', `The time spent is in \`h\` (the default) or \`min\`, not \`${prop.unit}\``, {
                        node: prop,
                        property: 'unit',
                        code: Codes.UnknownUnit,
                    });
                break;
            case 'ServiceColumn':
                checkPairs(prop, 'an activity is one service', accept);
                break;
            case 'AccountColumn':
                if (!prop.data) {
                    accept('error', `Say which data block holds the accounts: \`account "${prop.column}" in crm\``, {
                        node: prop,
                        property: 'column',
                        code: Codes.ActualsBlockInvalid,
                    });
                } else if (prop.data.ref && !prop.data.ref.props.some(p => p.$type === 'KeyColumn')) {
                    accept(
                        'error',
                        `${prop.data.$refText} declares no \`key\`: an account is found by its key ` +
                            '(add `key "Account ID"` to the data block)',
                        { node: prop, property: 'data', code: Codes.ActualsKeyMissing },
                    );
                }
                break;
            case 'WindowProperty': {
                const from = typeof prop.from === 'string' ? parseMonth(prop.from) : undefined;
                const to = typeof prop.to === 'string' ? parseMonth(prop.to) : undefined;
                if (from === undefined || to === undefined) {
                    accept('error', 'A window is two calendar months: `window 2027-01 to 2027-03`', {
                        node: prop,
                        property: from === undefined ? 'from' : 'to',
                        code: Codes.InvalidDate,
                    });
                } else if (to < from) {
                    accept('error', `The window ends before it starts: \`window ${prop.to} to ${prop.from}\`?`, {
                        node: prop,
                        property: 'to',
                        code: Codes.ActualsBlockInvalid,
                    });
                }
                break;
            }
            case 'ToleranceProperty': {
                const q = prop.value ? usableQuantity(prop.value) : undefined;
                if (q?.dimension !== 'percent' || q.per !== undefined || q.value < 0)
                    accept('error', 'A tolerance is a percentage of 0% or more: `tolerance 20%`', {
                        node: prop,
                        property: 'value',
                        code: Codes.ActualsBlockInvalid,
                    });
                break;
            }
        }
    }
    const tier = block.props.find(p => p.key === 'tier');
    if (tier && block.props.some(p => p.key === 'account')) {
        accept('error', 'A row gets its tier from its account or from a tier column, not both: keep one', {
            node: tier,
            property: 'key',
            code: Codes.ActualsBlockInvalid,
        });
    }
    checkRequired(block, 'Actuals', REQUIRED, accept);
}
