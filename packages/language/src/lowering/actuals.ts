import type { LangiumDocument, URI } from 'langium';
import { UriUtils } from 'langium';
import type { ActualsSpec, AgentSpec, ServiceSpec } from '@cap/engine';
import { DEFAULT_TOLERANCE, parseMonth } from '@cap/engine';
import type {
    AccountColumn,
    Actuals,
    ActualsProperty,
    CapFile,
    HoursColumn,
    ServiceColumn,
    TierColumn,
    ToleranceProperty,
    WindowProperty,
} from '../generated/ast.js';
import type { ActualsBinding } from '../data/actuals-match.js';
import { matchActuals } from '../data/actuals-match.js';
import { tierMatcher } from '../data/match.js';
import type { TimeLog, TimeLogSelection } from '../data/time-log.js';
import { Codes } from '../validation/codes.js';
import type { DataFileState, DataFiles } from '../workspace/data-files.js';
import { usableQuantity } from '../quantities.js';
import type { DataEvaluation, DataFileProblem, DataProblem } from './data.js';
import { columnFinder, dataFileUri, fileProperty, readFileHeader, separatorOf } from './data.js';

/**
 * Spec section 15 in the lowering: each `actuals` block of a model read from its time log (already
 * loaded, workspace/data-files.ts), its rows matched to the model's agents, services and tiers,
 * giving the engine's ActualsSpec and the problems to show: in the model (a missing column,
 * agents that match nothing, unknown accounts) and in the file (dates and hours that cannot be read).
 */

/** One actuals block of a model, as read. */
export interface ActualsEvaluation {
    node: Actuals;
    uri: URI | undefined;
    state: DataFileState | undefined;
    log: TimeLog | undefined;
    spec: ActualsSpec | undefined;
    problems: DataProblem[];
    fileProblems: DataFileProblem[];
}

/** The actuals blocks of a model, first declaration per name, with their documents. */
export function actualsBlocksOf(closure: LangiumDocument[]): { node: Actuals; document: LangiumDocument }[] {
    const seen = new Set<string>();
    const out: { node: Actuals; document: LangiumDocument }[] = [];
    for (const document of closure) {
        for (const el of (document.parseResult.value as CapFile).elements ?? []) {
            if (el.$type !== 'Actuals' || !el.name || seen.has(el.name)) continue;
            seen.add(el.name);
            out.push({ node: el, document });
        }
    }
    return out;
}

export interface ActualsModelInputs {
    tiers: { name: string; title: string | null }[];
    services: ServiceSpec[];
    agents: AgentSpec[];
    entry: LangiumDocument;
    data: DataEvaluation[];
}

export function lowerActuals(
    closure: LangiumDocument[],
    model: ActualsModelInputs,
    files: DataFiles | undefined,
): ActualsEvaluation[] {
    return actualsBlocksOf(closure).map(({ node, document }) => lowerBlock(node, document, model, files));
}

function lowerBlock(
    node: Actuals,
    document: LangiumDocument,
    model: ActualsModelInputs,
    files: DataFiles | undefined,
): ActualsEvaluation {
    const evaluation: ActualsEvaluation = {
        node,
        uri: dataFileUri(node, document),
        state: undefined,
        log: undefined,
        spec: undefined,
        problems: [],
        fileProblems: [],
    };
    const problem = (p: Omit<DataProblem, 'severity'> & { severity?: 'error' | 'warning' }) =>
        evaluation.problems.push({ severity: 'error', ...p });
    const fileNode = fileProperty(node);
    const separator = separatorOf(node);
    const prop = <T extends ActualsProperty>(type: T['$type']) => node.props.find((p): p is T => p.$type === type);
    const dateColumn = prop<ActualsProperty & { column: string }>('DateColumn');
    const agentColumn = prop<ActualsProperty & { column: string }>('AgentColumn');
    const hoursColumn = prop<HoursColumn>('HoursColumn');
    const serviceColumn = prop<ServiceColumn>('ServiceColumn');
    const accountColumn = prop<AccountColumn>('AccountColumn');
    const tierColumn = prop<TierColumn>('TierColumn');
    const { uri } = evaluation;
    // Without these the block's own checks say what is missing.
    if (!uri || !fileNode || !dateColumn || !agentColumn || !hoursColumn || !serviceColumn) return evaluation;
    if (separator === undefined || !files) return evaluation;
    if (accountColumn && tierColumn) return evaluation;

    const read = readFileHeader(files, uri, fileNode, separator, problem, evaluation.fileProblems);
    evaluation.state = files.state(uri);
    if (read === undefined) return evaluation;
    const { state, header } = read;
    const path = fileNode.path;
    const column = columnFinder(header.names, path, problem);
    const date = column(dateColumn);
    const agent = column(agentColumn);
    const hours = column(hoursColumn);
    const service = column(serviceColumn);
    const account = accountColumn ? column(accountColumn) : null;
    const tier = tierColumn ? column(tierColumn) : null;
    if ([date, agent, hours, service, account, tier].includes(undefined)) return evaluation;

    const selection: TimeLogSelection = {
        separator,
        date: date!,
        agent: agent!,
        hours: hours!,
        minutes: hoursColumn.unit === 'min',
        service: service!,
        account: account ?? null,
        tier: tier ?? null,
    };
    const log = files.timeLog(state, selection, header.names);
    evaluation.log = log;
    for (const p of log.problems) {
        const code =
            p.kind === 'date'
                ? Codes.CsvBadDate
                : p.kind === 'hours'
                  ? Codes.CsvBadHours
                  : p.kind === 'syntax'
                    ? Codes.CsvSyntax
                    : Codes.CsvTooManyFields;
        evaluation.fileProblems.push({ uri, severity: 'error', code, message: p.message, at: p.at });
    }

    const windowProp = prop<WindowProperty>('WindowProperty');
    const from = windowProp && typeof windowProp.from === 'string' ? parseMonth(windowProp.from) : undefined;
    const to = windowProp && typeof windowProp.to === 'string' ? parseMonth(windowProp.to) : undefined;
    const window = from !== undefined && to !== undefined && from <= to ? { from, to } : null;
    const binding: ActualsBinding = {
        name: node.name,
        agents: model.agents.map(a => ({ name: a.name, title: a.title, role: a.role })),
        services: model.services.map(s => ({ name: s.name, title: s.title })),
        pairs: serviceColumn.pairs.map(p => ({ value: p.value, service: p.service?.$refText ?? '' })),
        window,
        accountTier: accountColumn ? accountTiers(accountColumn, model.data, files) : null,
        tierOf: tierColumn
            ? tierMatcher({
                  name: node.name,
                  currency: '',
                  tiers: model.tiers,
                  pairs: tierColumn.pairs.map(p => ({ value: p.value, tier: p.tier?.$refText ?? '' })),
                  accountsTiers: new Set(),
                  revenueTiers: new Set(),
                  owners: [],
                  columns: { tier: tierColumn.column, revenue: null, owners: [] },
              })
            : null,
    };
    const { aggregates, findings } = matchActuals(log, binding);
    for (const f of findings) {
        const on =
            f.on === 'agent'
                ? agentColumn
                : f.on === 'service'
                  ? serviceColumn
                  : f.on === 'account'
                    ? accountColumn
                    : f.on === 'tier'
                      ? tierColumn
                      : f.on === 'window'
                        ? windowProp
                        : fileNode;
        evaluation.problems.push({
            node: on ?? node,
            property: on === undefined ? 'name' : on === windowProp ? 'key' : on === fileNode ? 'path' : 'column',
            severity: f.severity,
            code: f.code,
            message: f.message,
            value: f.value,
            rows: f.rows,
        });
    }
    const tolerance = toleranceOf(prop<ToleranceProperty>('ToleranceProperty'));
    evaluation.spec = {
        name: node.name,
        file: UriUtils.relative(UriUtils.dirname(model.entry.uri), uri),
        sha256: state.sha256,
        tolerance,
        ...aggregates,
    };
    return evaluation;
}

/** `tolerance 20%` as a fraction; the default when absent or unreadable (the block's checks say why). */
function toleranceOf(prop: ToleranceProperty | undefined): number {
    const q = prop?.value ? usableQuantity(prop.value) : undefined;
    return q && q.dimension === 'percent' && q.per === undefined && q.value >= 0 ? q.value : DEFAULT_TOLERANCE;
}

/**
 * `account "…" in D`: the tier of D's row with a key, read from D's file; null when that row's
 * tier takes no accounts from D or its value matches no tier (the row is left out of D); undefined
 * for a key D does not have. Every key is unknown when D cannot be read.
 */
function accountTiers(
    column: AccountColumn,
    data: DataEvaluation[],
    files: DataFiles,
): (key: string) => string | null | undefined {
    const block = data.find(d => d.node.name === column.data?.$refText);
    const state = block?.state;
    if (!block || state?.kind !== 'loaded' || !block.selection || block.selection.key === null || !block.binding)
        return () => undefined;
    const keys = files.keyTiers(state, block.selection.separator, block.selection.key, block.selection.tier);
    const tierOf = tierMatcher(block.binding);
    const accountsTiers = block.binding.accountsTiers;
    const memo = new Map<string, string | null>();
    return key => {
        const cell = keys.get(key);
        if (cell === undefined) return undefined;
        let tier = memo.get(cell.toLowerCase());
        if (tier === undefined) {
            const match = tierOf(cell);
            tier = typeof match === 'string' && accountsTiers.has(match) ? match : null;
            memo.set(cell.toLowerCase(), tier);
        }
        return tier;
    };
}
