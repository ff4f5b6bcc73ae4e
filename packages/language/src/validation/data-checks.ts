import type { ValidationAcceptor } from 'langium';
import type {
    Data,
    FileProperty,
    MeasureProperty,
    OwnerColumn,
    Property,
    RevenueColumn,
    SeparatorProperty,
    TierColumn,
} from '../generated/ast.js';
import { timeUnitOf } from '../quantities.js';
import type { Code } from './codes.js';
import { Codes } from './codes.js';

/**
 * The checks of spec section 14 that need only the text: a `data` block's own properties, and
 * where `from` may stand. What needs the file (a column that is not in it, values that match no
 * tier) is found by the lowering and reported by the validator from the evaluation.
 */

const SINGLE = ['file', 'key', 'tier', 'revenue', 'separator'];
const REQUIRED: [string, string][] = [
    ['file', 'file "data/accounts.csv"'],
    ['tier', 'tier "Segment"'],
];

export function checkDataBlock(block: Data, accept: ValidationAcceptor): void {
    const seen = new Set<string>();
    const ownerRoles = new Map<string, OwnerColumn>();
    for (const prop of block.props) {
        if (SINGLE.includes(prop.key) && seen.has(prop.key)) {
            accept('error', `\`${prop.key}\` is given twice in data ${block.name}; keep one`, {
                node: prop,
                property: 'key',
                code: Codes.DuplicateProperty,
            });
            continue;
        }
        seen.add(prop.key);
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
                checkPairs(prop, accept);
                break;
        }
    }
    for (const [key, example] of REQUIRED) {
        if (!seen.has(key))
            accept('error', `Data ${block.name ?? ''} needs \`${key}\`, e.g. \`${example}\``.replace('  ', ' '), {
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

function checkPairs(prop: TierColumn, accept: ValidationAcceptor): void {
    const first = new Map<string, string>();
    prop.pairs.forEach((pair, index) => {
        if (typeof pair.value !== 'string' || !pair.tier) return;
        const value = pair.value.trim().toLowerCase();
        const tier = pair.tier.$refText;
        const earlier = first.get(value);
        if (earlier !== undefined && earlier !== tier) {
            accept('error', `"${pair.value}" is paired with both ${earlier} and ${tier}: a value matches one tier`, {
                node: prop,
                property: 'pairs',
                index,
                code: Codes.DataValueAmbiguous,
            });
        }
        if (earlier === undefined) first.set(value, tier);
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
