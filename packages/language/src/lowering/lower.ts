import type { AstNode, LangiumDocument } from 'langium';
import type {
    AgentSpec,
    CapModel,
    Frequency as FrequencySpec,
    Intake,
    OverheadItem,
    Period,
    RatePer,
    Retention,
    RoleSpec,
    ServiceSpec,
    TierSpec,
    Touch,
} from '@cap/engine';
import { MONTHS_PER, everyPerMonth, parseMonth } from '@cap/engine';
import type {
    Agent,
    CapFile,
    EffortProperty,
    ModelDecl,
    PriceProperty,
    Property,
    Role,
    Service,
    Tier,
} from '../generated/ast.js';
import { isCurrencyProperty, isDateProperty, isPeriodProperty } from '../generated/ast.js';
import type { Quantity } from '../quantities.js';
import { LARGEST_QUANTITY, interpretFrequency, perMonth, timeUnitOf, usableQuantity } from '../quantities.js';
import type { Block } from './properties.js';
import { measureOf, monthly, propertyOf, quantity } from './properties.js';
import type { DataEvaluation } from './data.js';
import { lowerData } from './data.js';
import type { ActualsEvaluation } from './actuals.js';
import { lowerActuals } from './actuals.js';
import type { DataFiles } from '../workspace/data-files.js';

export type DeclarationKind = 'role' | 'service' | 'tier' | 'agent';

/**
 * The declaration the model uses for each name (its first), per kind: to give engine findings a
 * location, and to tell an editor which node a result belongs to.
 */
export type DeclarationNodes = Record<DeclarationKind, Map<string, AstNode>>;

/** The normalised model of an entry file and its imports, with the AST node behind each name. */
export interface LoweredModel {
    model: CapModel;
    nodes: DeclarationNodes;
    modelDecl: ModelDecl | undefined;
    /** Each data block, read and matched (spec section 14), with its problems. */
    data: DataEvaluation[];
    /** Each actuals block, read and matched (spec section 15), with its problems. */
    actuals: ActualsEvaluation[];
}

const DECLARATION_KINDS: Partial<Record<string, DeclarationKind>> = {
    Role: 'role',
    Service: 'service',
    Tier: 'tier',
    Agent: 'agent',
};

/**
 * AST to engine model: resolves names to their first declaration across the import closure and
 * converts every quantity to the engine's units. Lenient by design: invalid properties fall back to
 * their defaults so that a model with one typo still yields figures for everything else.
 */
export function lower(closure: LangiumDocument[], files?: DataFiles): LoweredModel {
    const nodes: DeclarationNodes = { role: new Map(), service: new Map(), tier: new Map(), agent: new Map() };
    const roles: RoleSpec[] = [];
    const services: ServiceSpec[] = [];
    const tiers: TierSpec[] = [];
    const agents: AgentSpec[] = [];
    let modelDecl: ModelDecl | undefined;

    for (const doc of closure) {
        const root = doc.parseResult.value as CapFile;
        for (const el of root.elements ?? []) {
            if (el.$type === 'ModelDecl') {
                modelDecl ??= el;
                continue;
            }
            if (!('name' in el) || !el.name) continue;
            // By node type rather than the reflection's `isRole` and kin: a plan has thousands of
            // declarations and none of these types has a subtype.
            const kind = DECLARATION_KINDS[el.$type];
            if (!kind) continue;
            const named = nodes[kind];
            if (named.has(el.name)) continue;
            named.set(el.name, el);
            if (kind === 'role') roles.push(lowerRole(el as Role));
            else if (kind === 'service') services.push(lowerService(el as Service));
            else if (kind === 'tier') tiers.push(lowerTier(el as Tier));
            else agents.push(lowerAgent(el as Agent));
        }
    }

    const header = modelDecl?.props ?? [];
    const currencyProp = propertyOf(header, 'currency');
    const periodProp = propertyOf(header, 'period');
    const startProp = propertyOf(header, 'start');
    const period = periodProp && isPeriodProperty(periodProp) ? timeUnitOf(periodProp.unit) : undefined;
    const start = startProp && isDateProperty(startProp) ? (parseMonth(startProp.date) ?? null) : null;
    const horizon = quantity(measureOf(header, 'horizon'));

    const model: CapModel = {
        name: modelDecl?.name ?? fileStem(closure[0]),
        title: modelDecl?.title ?? null,
        currency: currencyProp && isCurrencyProperty(currencyProp) && currencyProp.code ? currencyProp.code : 'USD',
        period: period === 'month' || period === 'quarter' || period === 'year' ? (period as Period) : 'month',
        start,
        horizonMonths: horizon && start !== null ? Math.max(0, Math.round(horizon.value)) : null,
        roles,
        services,
        tiers,
        agents,
        data: [],
        actuals: [],
    };
    const data = lowerData(
        closure,
        {
            tiers,
            agents,
            currency: model.currency,
            entry: closure[0],
            tierNode: name => nodes.tier.get(name) as Tier | undefined,
        },
        files,
    );
    for (const d of data) if (d.spec) model.data.push(d.spec);
    const actuals = lowerActuals(closure, { tiers, services, agents, entry: closure[0], data }, files);
    for (const a of actuals) if (a.spec) model.actuals.push(a.spec);
    return { model, nodes, modelDecl, data, actuals };
}

function fileStem(doc: LangiumDocument | undefined): string {
    const path = doc?.uri.path ?? 'model';
    const base = path.slice(path.lastIndexOf('/') + 1);
    return base.replace(/\.cap$/, '') || 'model';
}

export function lowerRole(role: Block): RoleSpec {
    const props = role.props;
    const hours = monthly(measureOf(props, 'hours'), 0);
    const overhead: OverheadItem[] = [];
    const o = propertyOf(props, 'overhead');
    if (o?.$type === 'OverheadProperty') {
        const entries = o.value
            ? [{ name: 'overhead', value: o.value }]
            : o.items.map(i => ({ name: i.name, value: i.value }));
        for (const e of entries) {
            const q = e.value ? usableQuantity(e.value) : undefined;
            if (!q) continue;
            if (q.dimension === 'percent') overhead.push({ name: e.name, kind: 'share', share: q.value });
            else if (q.dimension === 'hours')
                overhead.push({ name: e.name, kind: 'hours', hoursPerMonth: perMonth(q) });
        }
    }
    return {
        name: role.name,
        title: role.title ?? null,
        hoursPerMonth: hours,
        overhead,
        costPerMonth: monthly(measureOf(props, 'cost'), 0),
        rampMonths: monthly(measureOf(props, 'ramp'), 0),
        attrition: ratePer(quantity(measureOf(props, 'attrition'))),
        hiringMonths: Math.max(0, monthly(measureOf(props, 'hiring'), 0)),
    };
}

/** `effort 4h every quarter`, or the shorthand `effort 4h / quarter`. */
export function frequencyOf(prop: EffortProperty | PriceProperty): FrequencySpec | undefined {
    if (prop.frequency) {
        const f = interpretFrequency(prop.frequency);
        return f.ok ? f.frequency : undefined;
    }
    const q = prop.value ? quantity(prop.value) : undefined;
    if (q?.per) return { kind: 'recurring', perMonth: everyPerMonth(1, q.per) };
    return undefined;
}

export function lowerService(service: Block): ServiceSpec {
    const props = service.props;
    const roleProp = propertyOf(props, 'role');
    const effortProp = propertyOf(props, 'effort');
    const priceProp = propertyOf(props, 'price');
    const effort = effortProp?.$type === 'EffortProperty' ? effortProp : undefined;
    const effortQ = effort ? quantity(effort.value) : undefined;
    const seats = quantity(measureOf(props, 'seats'));
    let price: ServiceSpec['price'] = null;
    if (priceProp?.$type === 'PriceProperty' && !priceProp.included && priceProp.value) {
        const amount = quantity(priceProp.value);
        const frequency = frequencyOf(priceProp);
        if (amount && frequency) price = { amount: amount.value, frequency };
    }
    return {
        name: service.name,
        title: service.title ?? null,
        // `role` with no name after it (half-typed text) parses with no reference at all.
        role: roleProp?.$type === 'RoleProperty' ? (roleProp.role?.$refText ?? '') : '',
        effortHours: effortQ && Number.isFinite(effortQ.value) ? effortQ.value : 0,
        frequency: (effort && frequencyOf(effort)) ?? { kind: 'recurring', perMonth: 0 },
        seats: seats && seats.value >= 1 ? Math.floor(seats.value) : null,
        uptake: monthly(measureOf(props, 'uptake'), 1),
        price,
    };
}

export function lowerTier(tier: Block): TierSpec {
    const props = tier.props;
    const touchProp = propertyOf(props, 'touch');
    const servicesProp = propertyOf(props, 'services');
    const arr = quantity(measureOf(props, 'arr'));
    const mrr = quantity(measureOf(props, 'mrr'));
    const revenue = arr ? arr.value / 12 : mrr ? mrr.value : monthly(measureOf(props, 'revenue'), 0);
    const churn = quantity(measureOf(props, 'churn'));
    const lifetime = quantity(measureOf(props, 'lifetime'));
    const churnRate = ratePer(churn);
    let retention: Retention = { kind: 'none' };
    if (churnRate) retention = { kind: 'churn', ...churnRate };
    else if (lifetime && lifetime.value > 0) retention = { kind: 'lifetime', months: lifetime.value };
    return {
        name: tier.name,
        title: tier.title ?? null,
        touch: touchProp?.$type === 'TouchProperty' ? (touchProp.touch as Touch) : null,
        accounts: Math.max(0, monthly(measureOf(props, 'accounts'), 0)),
        revenuePerMonth: revenue,
        retention,
        margin: monthly(measureOf(props, 'margin'), 1),
        expansion: ratePer(quantity(measureOf(props, 'expansion'))),
        newPerMonth: Math.max(0, monthly(measureOf(props, 'new'), 0)),
        intake: intakeOf(propertyOf(props, 'new')),
        services: servicesProp?.$type === 'ServicesProperty' ? servicesProp.services.map(s => s.$refText) : [],
        accountsFrom: dataSource(props, 'accounts'),
        revenueFrom: dataSource(props, 'revenue'),
    };
}

/**
 * `new { MONTH COUNT … }` (spec section 16): each month's count, the first where a month is given
 * twice; an entry whose month or count the validator rejects (CAP027, CAP122) counts no accounts.
 * `new { }` names no month: no dated intake, as if `new` were not given.
 */
function intakeOf(prop: Property | undefined): Intake[] | null {
    if (prop?.$type !== 'NewProperty' || prop.entries.length === 0) return null;
    const intake: Intake[] = [];
    for (const entry of prop.entries) {
        const month = parseMonth(entry.month);
        const count = entry.count;
        if (month === undefined || intake.some(i => i.month === month)) continue;
        if (Number.isInteger(count) && count >= 0 && count <= LARGEST_QUANTITY) intake.push({ month, count });
    }
    return intake;
}

/** A share per time unit (`15% / year`) as the engine takes it; null unless it is one, within 0–100%. */
function ratePer(q: Quantity | undefined): RatePer | null {
    return q?.per && q.value >= 0 && q.value <= 1 ? { rate: q.value, months: MONTHS_PER[q.per] } : null;
}

/** The data block a property reads from (`accounts from crm`), by name. */
function dataSource(props: Block['props'], key: string): string | null {
    const p = propertyOf(props, key);
    return p?.$type === 'MeasureProperty' && p.data ? p.data.$refText : null;
}

export function lowerAgent(agent: Block): AgentSpec {
    const props = agent.props;
    const roleProp = propertyOf(props, 'role');
    const tiersProp = propertyOf(props, 'tiers');
    const startProp = propertyOf(props, 'start');
    const fte = monthly(measureOf(props, 'fte'), 1);
    const count = monthly(measureOf(props, 'count'), 1);
    return {
        name: agent.name,
        title: agent.title ?? null,
        role: roleProp?.$type === 'RoleProperty' ? (roleProp.role?.$refText ?? '') : '', // see lowerService
        tiers: tiersProp?.$type === 'TiersProperty' ? tiersProp.tiers.map(t => t.$refText) : null,
        fte: fte > 0 && fte <= 1 ? fte : 1,
        count: count >= 1 ? Math.floor(count) : 1,
        start: startProp?.$type === 'DateProperty' ? (parseMonth(startProp.date) ?? null) : null,
    };
}
