import type { AstNode, LangiumDocument, URI } from 'langium';
import { UriUtils } from 'langium';
import type { AgentSpec, DataSpec, TierSpec } from '@cap/engine';
import { MONTHS_PER } from '@cap/engine';
import type {
    Actuals,
    CapFile,
    Data,
    DataProperty,
    OwnerColumn,
    RevenueColumn,
    SeparatorProperty,
    TierColumn,
} from '../generated/ast.js';
import type { CellProblem, DataBinding, DataMatch, MatchFinding } from '../data/match.js';
import { matchData } from '../data/match.js';
import type { ColumnSelection, DataTable } from '../data/table.js';
import { findColumn } from '../data/table.js';
import type { Code } from '../validation/codes.js';
import { Codes } from '../validation/codes.js';
import type { DataFileState, DataFiles } from '../workspace/data-files.js';
import { timeUnitOf } from '../quantities.js';

/**
 * Spec section 14 in the lowering: each `data` block of a model read from its file (already
 * loaded, workspace/data-files.ts) and matched to the model's tiers and agents, giving the
 * engine's DataSpec and the problems to show: in the model (a missing column, values that match
 * nothing) and in the file (cells that are not amounts, keys seen twice, broken quoting).
 */

/** A problem located at a node of the model. */
export interface DataProblem {
    node: AstNode;
    property?: string;
    index?: number;
    severity: 'error' | 'warning';
    code: Code;
    message: string;
    /** For quick fixes: the tier value to pair or the owner to create, and its rows. */
    value?: string;
    rows?: number;
}

/** A problem located in a data file. */
export interface DataFileProblem extends CellProblem {
    uri: URI;
    severity: 'error' | 'warning';
}

/** One data block of a model, as read. */
export interface DataEvaluation {
    node: Data;
    /** The file the block names, resolved against the file that declares it. */
    uri: URI | undefined;
    state: DataFileState | undefined;
    header: string[] | undefined;
    table: DataTable | undefined;
    match: DataMatch | undefined;
    spec: DataSpec | undefined;
    /** The columns read and what the model matched them to: enough to read the rows again one by one. */
    selection: ColumnSelection | undefined;
    binding: DataBinding | undefined;
    problems: DataProblem[];
    fileProblems: DataFileProblem[];
}

/** Where a data block's file is: relative to the file that declares the block. */
export function dataFileUri(node: Data | Actuals, document: LangiumDocument): URI | undefined {
    const file = fileProperty(node);
    return file && typeof file.path === 'string' && file.path !== ''
        ? UriUtils.resolvePath(UriUtils.dirname(document.uri), file.path)
        : undefined;
}

/** The data blocks of a model, first declaration per name, with their documents. */
export function dataBlocksOf(closure: LangiumDocument[]): { node: Data; document: LangiumDocument }[] {
    const seen = new Set<string>();
    const out: { node: Data; document: LangiumDocument }[] = [];
    for (const document of closure) {
        for (const el of (document.parseResult.value as CapFile).elements ?? []) {
            if (el.$type !== 'Data' || !el.name || seen.has(el.name)) continue;
            seen.add(el.name);
            out.push({ node: el, document });
        }
    }
    return out;
}

/** The separator a block declares: `,` by default, `tab`, or one character. */
export function separatorOf(node: Data | Actuals): string | undefined {
    const p = (node.props as (DataProperty | Actuals['props'][number])[]).find(
        (x): x is SeparatorProperty => x.$type === 'SeparatorProperty',
    );
    if (!p) return ',';
    if (p.tab) return '\t';
    return typeof p.text === 'string' && [...p.text].length === 1 && !'"\r\n'.includes(p.text) ? p.text : undefined;
}

export interface DataModelInputs {
    tiers: TierSpec[];
    agents: AgentSpec[];
    currency: string;
    /** The entry file, against whose folder the report names each data file. */
    entry: LangiumDocument;
    /** The declaration of a tier, to warn at its `accounts from` when it has no rows. */
    tierNode(name: string): (AstNode & { props: { key: string }[] }) | undefined;
}

/** Reads and matches every data block of a model. */
export function lowerData(
    closure: LangiumDocument[],
    model: DataModelInputs,
    files: DataFiles | undefined,
): DataEvaluation[] {
    return dataBlocksOf(closure).map(({ node, document }) => lowerBlock(node, document, model, files));
}

function lowerBlock(
    node: Data,
    document: LangiumDocument,
    model: DataModelInputs,
    files: DataFiles | undefined,
): DataEvaluation {
    const evaluation: DataEvaluation = {
        node,
        uri: dataFileUri(node, document),
        state: undefined,
        header: undefined,
        table: undefined,
        match: undefined,
        spec: undefined,
        selection: undefined,
        binding: undefined,
        problems: [],
        fileProblems: [],
    };
    const problem = (p: Omit<DataProblem, 'severity'> & { severity?: 'error' | 'warning' }) =>
        evaluation.problems.push({ severity: 'error', ...p });
    const fileNode = fileProperty(node);
    const tierColumn = node.props.find((p): p is TierColumn => p.$type === 'TierColumn');
    const separator = separatorOf(node);
    const { uri } = evaluation;
    // Without a file, a tier column or a separator the block's own checks say what is missing.
    if (!uri || !fileNode || !tierColumn || separator === undefined || !files) return evaluation;

    const read = readFileHeader(files, uri, fileNode, separator, problem, evaluation.fileProblems);
    evaluation.state = files.state(uri);
    if (read === undefined) return evaluation;
    const { state, header } = read;
    const path = fileNode.path;
    evaluation.header = header.names;

    // The columns the block names, found in the header.
    const owners = node.props.filter((p): p is OwnerColumn => p.$type === 'OwnerColumn');
    const revenueColumn = node.props.find((p): p is RevenueColumn => p.$type === 'RevenueColumn');
    const keyColumn = node.props.find(p => p.$type === 'KeyColumn');
    const column = columnFinder(header.names, path, problem);
    const tier = column(tierColumn);
    const revenue = revenueColumn ? column(revenueColumn) : null;
    const key = keyColumn ? column(keyColumn as DataProperty & { column: string }) : null;
    const ownerIndexes = owners.map(o => column(o));
    if (tier === undefined || revenue === undefined || key === undefined || ownerIndexes.includes(undefined))
        return evaluation;

    const selection: ColumnSelection = { separator, tier, revenue, key, owners: ownerIndexes as number[] };
    const table = files.table(state, selection, header.names);
    evaluation.table = table;
    for (const p of table.problems) {
        const code =
            p.kind === 'syntax'
                ? Codes.CsvSyntax
                : p.kind === 'duplicate-key'
                  ? Codes.CsvDuplicateKey
                  : Codes.CsvTooManyFields;
        evaluation.fileProblems.push({ uri, severity: 'error', code, message: p.message, at: p.at });
    }

    const name = node.name;
    const accountsTiers = new Set(model.tiers.filter(t => t.accountsFrom === name).map(t => t.name));
    const revenueTiers = new Set(model.tiers.filter(t => t.revenueFrom === name).map(t => t.name));
    const binding: DataBinding = {
        name,
        currency: model.currency,
        tiers: model.tiers.map(t => ({ name: t.name, title: t.title })),
        pairs: tierColumn.pairs.map(p => ({ value: p.value, tier: p.tier?.$refText ?? '' })),
        accountsTiers,
        revenueTiers,
        owners: owners.map(o => {
            const role = o.role?.$refText ?? '';
            return {
                role,
                agents: model.agents
                    .filter(a => a.role === role && role !== '')
                    .map(a => ({ name: a.name, title: a.title })),
            };
        }),
        columns: { tier: tierColumn.column, revenue: revenueColumn?.column ?? null, owners: owners.map(o => o.column) },
    };
    const match = matchData(table, binding);
    evaluation.selection = selection;
    evaluation.binding = binding;
    evaluation.match = match;
    for (const finding of match.findings) evaluation.problems.push(locate(finding, tierColumn, owners, model));
    for (const cell of match.cells) evaluation.fileProblems.push({ uri, severity: 'error', ...cell });

    const per = revenueColumn?.per === undefined ? undefined : timeUnitOf(revenueColumn.per);
    evaluation.spec = {
        name,
        file: UriUtils.relative(UriUtils.dirname(model.entry.uri), uri),
        sha256: state.sha256,
        rows: table.rows,
        revenueMonths: revenueColumn && per ? MONTHS_PER[per] : null,
        tiers: match.tiers,
        owners: match.owners,
        unmatched: match.unmatched,
    };
    return evaluation;
}

/**
 * Finds the columns a block names in a file's header (spec section 14: trimmed, an exact match
 * first, else a case-insensitive one); a column that is missing or named twice is CAP081 on it.
 */
export function columnFinder(
    names: string[],
    path: string,
    problem: (p: Omit<DataProblem, 'severity'>) => void,
): (p: AstNode & { column: string }) => number | undefined {
    return p => {
        if (typeof p.column !== 'string') return undefined;
        const found = findColumn(names, p.column);
        if ('index' in found) return found.index;
        const header = names.map(h => `"${h.trim()}"`).join(', ');
        problem({
            node: p,
            property: 'column',
            code: Codes.DataColumnNotFound,
            message:
                'missing' in found
                    ? `"${path}" has no column "${p.column}"; its columns are ${header}`
                    : `"${p.column}" names ${found.ambiguous.length} columns of "${path}" ` +
                      `(${found.ambiguous.map(i => `"${names[i].trim()}"`).join(', ')}): ` +
                      'rename one in the export',
        });
        return undefined;
    };
}

/**
 * A block's file as read (workspace/data-files.ts) and its header, or undefined after saying why
 * there is none: not read yet (the next build has it), missing, unreadable, empty, or a header that
 * is not CSV. Data and actuals blocks read their files alike.
 */
export function readFileHeader(
    files: DataFiles,
    uri: URI,
    fileNode: DataProperty & { path: string },
    separator: string,
    problem: (p: Omit<DataProblem, 'severity'>) => void,
    fileProblems: DataFileProblem[],
): { state: DataFileState & { kind: 'loaded' }; header: { names: string[] } } | undefined {
    const state = files.state(uri);
    if (state === undefined) return undefined; // not read yet: the next build has it
    const path = fileNode.path;
    if (state.kind === 'missing') {
        problem({
            node: fileNode,
            property: 'path',
            code: Codes.DataFileNotFound,
            message: `Cannot find "${path}" (looked for ${uri.fsPath})`,
        });
        return undefined;
    }
    if (state.kind === 'unreadable') {
        problem({
            node: fileNode,
            property: 'path',
            code: Codes.DataFileNotFound,
            message: `Cannot read "${path}": ${state.reason}`,
        });
        return undefined;
    }
    const header = files.header(state, separator);
    if (header === undefined) {
        problem({
            node: fileNode,
            property: 'path',
            code: Codes.DataFileEmpty,
            message: `"${path}" is empty: a data file starts with a header row naming its columns`,
        });
        return undefined;
    }
    if ('message' in header) {
        fileProblems.push({
            uri,
            severity: 'error',
            code: Codes.CsvSyntax,
            message: header.message,
            at: header.at,
        });
        problem({
            node: fileNode,
            property: 'path',
            code: Codes.CsvSyntax,
            message: `"${path}" cannot be read as CSV: see its header row`,
        });
        return undefined;
    }
    return { state, header };
}

/** A finding of the match, at the node of the block (or of the tier) it is about. */
function locate(
    finding: MatchFinding,
    tierColumn: TierColumn,
    owners: OwnerColumn[],
    model: DataModelInputs,
): DataProblem {
    const { severity, code, message, value, rows } = finding;
    const on = finding.on;
    if (on.kind === 'owner')
        return { node: owners[on.column], property: 'column', severity, code, message, value, rows };
    if (on.kind === 'accounts') {
        const accounts = model.tierNode(on.tier)?.props.find(p => p.key === 'accounts') as AstNode | undefined;
        return { node: accounts ?? tierColumn, property: 'key', severity, code, message };
    }
    return { node: tierColumn, property: 'column', severity, code, message, value, rows };
}

export function fileProperty(node: Data | Actuals): (DataProperty & { path: string }) | undefined {
    return node.props.find((p): p is DataProperty & { path: string } => p.$type === 'FileProperty');
}
