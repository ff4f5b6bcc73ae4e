import type { AstNode, Properties, ValidationAcceptor } from 'langium';
import type {
    Actuals,
    Data,
    FileProperty,
    MeasureProperty,
    OwnerColumn,
    Property,
    RevenueColumn,
    SeparatorProperty,
    ServiceColumn,
    ServicePair,
    TierColumn,
    TierPair,
} from '../generated/ast.js';
import { timeUnitOf } from '../quantities.js';
import type { Code } from './codes.js';
import { Codes } from './codes.js';

/**
 * The checks of spec section 14 that need only the text: a `data` block's own properties, and
 * where `from` may stand. What needs the file (a column that is not in it, values that match no
 * tier) is found by the lowering and reported by the validator from the evaluation.
 */

const REQUIRED: [string, string][] = [
    ['file', 'file "data/accounts.csv"'],
    ['tier', 'tier "Segment"'],
];

export function checkDataBlock(block: Data, accept: ValidationAcceptor): void {
    const ownerRoles = new Map<string, OwnerColumn>();
    for (const prop of onceEach(block, 'data', accept, ['owner'])) {
        switch (prop.$type) {
            case 'FileProperty':
            case 'SeparatorProperty':
                checkFileProperty(prop, 'the CSV export', 'data/accounts.csv', Codes.DataBlockInvalid, accept);
                break;
            case 'RevenueColumn':
                checkRevenueUnit(prop, accept);
                break;
            case 'OwnerColumn':
                checkOwner(prop, ownerRoles, accept);
                break;
            case 'TierColumn':
                checkPairs(prop, 'a value matches one tier', accept);
                break;
        }
    }
    checkRequired(block, 'Data', REQUIRED, accept);
}

/**
 * What data and actuals blocks share: each property once, but those in `repeatable` (a data block
 * reads an owner column per role). The properties to check further, without the repeats.
 */
export function onceEach<P extends AstNode & { key: string }>(
    block: { name: string; props: P[] },
    kind: 'data' | 'actuals',
    accept: ValidationAcceptor,
    repeatable: string[] = [],
): P[] {
    const seen = new Set<string>();
    return block.props.filter(prop => {
        if (repeatable.includes(prop.key) || !seen.has(prop.key)) {
            seen.add(prop.key);
            return true;
        }
        accept('error', `\`${prop.key}\` is given twice in ${kind} ${block.name}; keep one`, {
            node: prop,
            property: 'key' as Properties<P>,
            code: Codes.DuplicateProperty,
        });
        return false;
    });
}

/** The properties a block cannot do without, each with an example, reported on the block's name. */
export function checkRequired(
    block: Data | Actuals,
    kind: 'Data' | 'Actuals',
    required: [string, string][],
    accept: ValidationAcceptor,
): void {
    for (const [key, example] of required) {
        if (!block.props.some(p => p.key === key))
            accept('error', `${kind} ${block.name ?? ''} needs \`${key}\`, e.g. \`${example}\``.replace('  ', ' '), {
                node: block,
                property: 'name',
                code: Codes.MissingProperty,
            });
    }
}

/** What data and actuals blocks share: `file` names a file, `separator` is one character or `tab`. */
export function checkFileProperty(
    prop: FileProperty | SeparatorProperty,
    what: string,
    example: string,
    code: Code,
    accept: ValidationAcceptor,
): void {
    if (prop.$type === 'SeparatorProperty') checkSeparator(prop, accept);
    else if (typeof prop.path === 'string' && prop.path.trim() === '')
        accept('error', `\`file\` names ${what}, relative to this file: \`file "${example}"\``, {
            node: prop,
            property: 'path',
            code,
        });
}

function checkSeparator(prop: SeparatorProperty, accept: ValidationAcceptor): void {
    if (prop.tab || typeof prop.text !== 'string') return;
    const chars = [...prop.text];
    if (chars.length !== 1 || '"\r\n'.includes(prop.text)) {
        accept(
            'error',
            `A separator is one character, such as \`separator ";"\`, or \`separator tab\`; not "${prop.text}"`,
            { node: prop, property: 'text', code: Codes.DataBlockInvalid },
        );
    }
}

function checkRevenueUnit(prop: RevenueColumn, accept: ValidationAcceptor): void {
    if (prop.per === undefined) {
        accept(
            'error',
            `Say what period the amounts in "${prop.column}" are for: ` +
                `\`revenue "${prop.column}" per year\` (ARR) or \`per month\` (MRR)`,
            { node: prop, property: 'column', code: Codes.DataBlockInvalid },
        );
    } else if (timeUnitOf(prop.per) === undefined) {
        accept(
            'error',
            `\`${prop.per}\` is not a time unit: write \`per year\`, \`per quarter\`, \`per month\` or \`per week\``,
            { node: prop, property: 'per', code: Codes.UnknownUnit },
        );
    }
}

function checkOwner(prop: OwnerColumn, roles: Map<string, OwnerColumn>, accept: ValidationAcceptor): void {
    if (!prop.role) {
        accept('error', `Say whose agents own the accounts: \`owner "${prop.column}" role CSM\``, {
            node: prop,
            property: 'column',
            code: Codes.DataBlockInvalid,
        });
        return;
    }
    const role = prop.role.$refText;
    if (roles.has(role)) {
        accept('error', `Two owner columns for ${role}: an account has one ${role} owner, so keep one`, {
            node: prop,
            property: 'role',
            code: Codes.DataBlockInvalid,
        });
    }
    roles.set(role, prop);
}

/**
 * A value paired with two targets (`"Gold" -> Enterprise` and `"gold" -> SMB`; values compare
 * without case): a tier column's values, or an actuals block's activity types.
 */
export function checkPairs(prop: TierColumn | ServiceColumn, rule: string, accept: ValidationAcceptor): void {
    const first = new Map<string, string>();
    prop.pairs.forEach((pair: TierPair | ServicePair, index) => {
        const target = pair.$type === 'TierPair' ? pair.tier : pair.service;
        if (typeof pair.value !== 'string' || !target) return;
        const value = pair.value.trim().toLowerCase();
        const earlier = first.get(value);
        if (earlier !== undefined && earlier !== target.$refText) {
            accept('error', `"${pair.value}" is paired with both ${earlier} and ${target.$refText}: ${rule}`, {
                node: prop,
                property: 'pairs',
                index,
                code: Codes.DataValueAmbiguous,
            });
        }
        if (earlier === undefined) first.set(value, target.$refText);
    });
}

/**
 * `accounts from D` and `revenue from D` (spec section 14): only a tier's accounts and revenue
 * come from data; revenue from a block needs the accounts from it, and the block must read a
 * revenue column. A scenario gives numbers, never data: the data blocks are the model's.
 */
export function checkDataSource(
    prop: Property,
    blockKind: string,
    inScenario: boolean,
    props: Property[],
    accept: ValidationAcceptor,
): void {
    if (prop.$type !== 'MeasureProperty' || !prop.data) return;
    const source = prop.data.$refText;
    if (blockKind !== 'tier' || (prop.key !== 'accounts' && prop.key !== 'revenue')) {
        accept(
            'error',
            `\`${prop.key}\` cannot come from a data block: ` +
                `a tier's \`accounts\` and \`revenue\` can (\`accounts from ${source}\`)`,
            { node: prop, property: 'key', code: Codes.DataSourceMismatch },
        );
        return;
    }
    if (inScenario) {
        accept(
            'error',
            `A scenario gives numbers, not data: override \`${prop.key}\` with a value ` +
                `(\`${prop.key === 'accounts' ? 'accounts 1,700' : 'arr $120k'}\`), or change the data block's file`,
            { node: prop, property: 'key', code: Codes.DataSourceMismatch },
        );
        return;
    }
    if (prop.key !== 'revenue') return;
    const accounts = props.find((p): p is MeasureProperty => p.$type === 'MeasureProperty' && p.key === 'accounts');
    if (accounts?.data?.$refText !== source) {
        accept(
            'error',
            `Revenue per account from ${source} is its rows' revenue over their number: ` +
                `this tier needs \`accounts from ${source}\` too`,
            { node: prop, property: 'key', code: Codes.DataSourceMismatch },
        );
        return;
    }
    const block = prop.data.ref;
    if (block && !block.props.some(p => p.$type === 'RevenueColumn')) {
        accept(
            'error',
            `${source} reads no revenue column: ` +
                'add `revenue "ARR" per year` to it, or give this tier\'s revenue (`arr $120k`)',
            { node: prop, property: 'data', code: Codes.DataSourceMismatch },
        );
    }
}
