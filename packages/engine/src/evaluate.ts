import type { AgentSpec, CapModel, NamePositions, RoleSpec, ServiceSpec, TierSpec } from './model.js';
import type { AgentResult, Finding, Results, RoleResult, ServiceResult, TierResult, Totals } from './results.js';
import { ceilTolerant, ratio, times } from './numeric.js';
import { compoundToMonthly, formatMonth, recurringPerMonth } from './units.js';

export interface EvaluateOptions {
    /**
     * false: leave demand unassigned to agents (no assigned hours, loads or unserved-demand
     * findings). The forecast reads only staffing and totals, and assignment is most of a
     * snapshot's cost on a large team.
     */
    assign?: boolean;
}

/**
 * Every formula of spec sections 3 to 8, once. Figures are per month; report.ts scales them to
 * the reporting period. Pure: the same model always gives the same results.
 *
 * Evaluation runs on every build and once per forecast month, so it is kept to one pass over each
 * list with declarations numbered by position: names are looked up once per reference, per-tier
 * sums go through scratch arrays rather than keyed reads of records, and the agents who may serve
 * a tier are grouped once per role rather than filtered per tier. Every sum is taken in the order
 * the formulas were first written in, so the figures are the same to the last bit.
 *
 * The name-keyed records (roles, services, agents, and each tier's figures by role) are the
 * results' shape for readers, not something the formulas need, so each is built the first time it
 * is read: on a plan of 10,000 agents, building them was half of an evaluation and most of its
 * garbage, while a keystroke's build reads none of them (its warnings are findings) and its inlay
 * hints read a screenful.
 */
export function evaluate(model: CapModel, options: EvaluateOptions = {}): Results {
    const findings: Finding[] = [];
    const distinct = model.distinctNames === true;
    const roles = rolesOf(model.roles, given(model.positions?.roles, model.roles, distinct));
    const services = servicesOf(model.services, given(model.positions?.services, model.services, distinct));
    const arena = arenaFor(model, roles.list.length);
    // Demand per tier and role (spec section 6), then the tier figures that follow from it.
    const tiers = tiersOf(model.tiers, services, roles, arena, findings);
    // Staffing at the snapshot (spec section 7).
    const staff = staffOf(model, roles, arena);
    staffRoles(roles.list, staff, findings);
    const assign = options.assign !== false;
    if (assign) {
        for (let t = 0; t < tiers.list.length; t++) assignTier(tiers.list[t], tiers, tiers.slotOf(tiers.list[t], t), roles.list, staff, findings);
        for (const i of staff.unique) {
            const load = ratio(staff.assigned[i], staff.capacity[i]);
            if (load === null || !(load > 1)) continue;
            const name = staff.specs[i].name;
            findings.push({
                code: 'agent-overloaded', severity: 'warning', subject: { kind: 'agent', name },
                message: `${name} is overloaded: load ${percent(load)} (${fmt(staff.assigned[i])} h assigned of ${fmt(staff.capacity[i])} h a month)`,
            });
        }
    }

    const header = {
        name: model.name, title: model.title, currency: model.currency, period: model.period,
        start: model.start === null ? null : formatMonth(model.start), horizonMonths: model.horizonMonths,
    };
    return new EvaluatedResults(header, totals(model, roles, tiers.list, staff), findings, { roles, serviceSpecs: model.services, tiers, staff, assign });
}

/** What the name-keyed records are built from when first read. */
interface Evaluated {
    roles: Roles;
    serviceSpecs: ServiceSpec[];
    tiers: Tiers;
    staff: Staff;
    assign: boolean;
}

/**
 * Results whose records are built when first read, and the same object on every read after.
 *
 * A class rather than an object literal with getters: a literal's getters are new closures on
 * every evaluation, which gives each results object a map of its own that the engine keeps alive
 * from old space, so every evaluation's working data survived the next minor collection. On the
 * smallest benchmark plan, a loop of evaluations paused 9 to 14 ms per scavenge, ran repeated full
 * collections and averaged 64 µs an evaluation; with shared prototype getters, 0.3 ms pauses, no
 * full collection, 24 µs (10,000 agents: 5.2 to 3.6 ms).
 *
 * The records are accessors on the prototype, so they are not own enumerable properties: a reader
 * names them (as the report, hints and deltas all do) rather than spreading or serialising the
 * object whole; toJSON gives the whole shape for the reader that does serialise it.
 */
class EvaluatedResults implements Results {
    #parts: Evaluated;
    #roles: Record<string, RoleResult> | undefined;
    #services: Record<string, ServiceResult> | undefined;
    #tiers: Record<string, TierResult> | undefined;
    #agents: Record<string, AgentResult> | undefined;

    constructor(readonly model: Results['model'], readonly totals: Totals, readonly findings: Finding[], parts: Evaluated) {
        this.#parts = parts;
    }

    get roles(): Record<string, RoleResult> {
        return this.#roles ??= byName(this.#parts.roles.list);
    }

    get services(): Record<string, ServiceResult> {
        return this.#services ??= serviceRecordsOf(this.#parts.serviceSpecs);
    }

    get tiers(): Record<string, TierResult> {
        return this.#tiers ??= tierRecords(this.#parts.tiers, this.#parts.roles.list);
    }

    get agents(): Record<string, AgentResult> {
        return this.#agents ??= byName(agentResults(this.#parts.staff, this.#parts.assign));
    }

    toJSON(): Results {
        return { model: this.model, roles: this.roles, services: this.services, tiers: this.tiers, agents: this.agents, totals: this.totals, findings: this.findings };
    }
}

/**
 * A record of results by name, from a list with each name once in its first position and its last
 * result: the same object as assigning every declaration's result in order would give.
 */
function byName<T extends { name: string }>(list: T[]): Record<string, T> {
    const records: Record<string, T> = {};
    for (const result of list) records[result.name] = result;
    return records;
}

/** Roles by position; a name given twice keeps its first position and its last declaration, as the records do. */
interface Roles {
    index: ReadonlyMap<string, number>;
    list: RoleResult[];
    specs: RoleSpec[];
    /** No name that a record keeps out of insertion order or does not keep at all (see plainKey). */
    plainNames: boolean;
}

/**
 * The producer's positions of a list's names (see CapModel.positions) when they describe this list
 * of distinct names; else undefined, and the engine keys the names itself. Keying them is most of
 * what an evaluation of a small plan does besides its figures: 70 insertions into maps that grow
 * as they come, where the lowering has just made the same maps.
 */
function given<T>(positions: NamePositions<T> | undefined, list: T[], distinct: boolean): ReadonlyMap<string, number> | undefined {
    return distinct && positions !== undefined && positions.list === list && positions.at.size === list.length ? positions.at : undefined;
}

function rolesOf(specs: RoleSpec[], positions: ReadonlyMap<string, number> | undefined): Roles {
    if (positions !== undefined) {
        const list = new Array<RoleResult>(specs.length);
        let plainNames = true;
        for (let r = 0; r < specs.length; r++) {
            list[r] = roleBase(specs[r]);
            if (!plainKey(specs[r].name)) plainNames = false;
        }
        return { index: positions, list, specs, plainNames };
    }
    const index = new Map<string, number>();
    const roles: Roles = { index, list: [], specs: [], plainNames: true };
    for (const role of specs) {
        const result = roleBase(role);
        const i = index.get(role.name);
        if (i === undefined) {
            index.set(role.name, roles.list.length);
            roles.list.push(result);
            roles.specs.push(role);
            if (!plainKey(role.name)) roles.plainNames = false;
        } else {
            roles.list[i] = result;
            roles.specs[i] = role;
        }
    }
    return roles;
}

/** Services by name: `specs[at.get(name)]` is the last declaration of a name given twice. */
interface Services {
    at: ReadonlyMap<string, number>;
    specs: ServiceSpec[];
}

function servicesOf(specs: ServiceSpec[], positions: ReadonlyMap<string, number> | undefined): Services {
    if (positions !== undefined) return { at: positions, specs };
    const at = new Map<string, number>();
    for (let s = 0; s < specs.length; s++) at.set(specs[s].name, s);
    return { at, specs };
}

function serviceRecordsOf(specs: ServiceSpec[]): Record<string, ServiceResult> {
    const records: Record<string, ServiceResult> = {};
    for (const service of specs) records[service.name] = serviceFigures(service);
    return records;
}

/**
 * Whether a plain object keeps `name` as an own key in insertion order: not `__proto__` (which
 * sets the prototype) and not an array index (listed first, in numeric order). Parsed names are
 * always plain; a model built by hand with other names takes a slower exact path.
 */
function plainKey(name: string): boolean {
    const c = name.charCodeAt(0);
    return !(c >= 48 && c <= 57) && name !== '__proto__';
}

/** Overhead O and effective availability E = H − O per FTE per month (spec section 3). */
export function availability(role: RoleSpec): { overhead: number; effective: number } {
    let overhead = 0;
    for (const o of role.overhead) {
        const hours = o.kind === 'hours' ? o.hoursPerMonth : o.share * role.hoursPerMonth;
        if (Number.isFinite(hours)) overhead += hours;
    }
    return { overhead, effective: role.hoursPerMonth - overhead };
}

function roleBase(role: RoleSpec): RoleResult {
    const { overhead, effective } = availability(role);
    return {
        name: role.name,
        hoursPerFte: role.hoursPerMonth,
        overheadPerFte: overhead,
        effectivePerFte: effective,
        costPerFte: role.costPerMonth,
        hourlyCost: ratio(role.costPerMonth, effective > 0 ? effective : null),
        rampMonths: role.rampMonths,
        demandHours: 0,
        requiredFte: null,
        staffedFte: 0,
        utilization: null,
        gapFte: null,
        hires: null,
    };
}

function serviceFigures(service: ServiceSpec): ServiceResult {
    const phi = recurringPerMonth(service.frequency);
    return {
        name: service.name,
        role: service.role,
        kind: service.frequency.kind,
        effortHours: service.effortHours,
        occurrencesPerMonth: phi,
        hoursPerAccount: service.seats === null ? service.effortHours * phi : 0,
        seats: service.seats,
        uptake: service.uptake,
    };
}

/** Monthly demand hours of one service in one tier (spec section 6, the four cases). */
export function serviceDemand(service: ServiceSpec, accounts: number, newPerMonth: number): { recurring: number; once: number } {
    const hours = serviceHours(service, accounts, newPerMonth);
    return service.frequency.kind === 'once' ? { recurring: 0, once: hours } : { recurring: hours, once: 0 };
}

/** serviceDemand's hours, recurring or once as the service's frequency says. */
function serviceHours(service: ServiceSpec, accounts: number, newPerMonth: number): number {
    const u = service.uptake;
    const x = service.effortHours;
    const seats = service.seats;
    if (service.frequency.kind === 'once') {
        const receivers = newPerMonth * u;
        return (seats === null ? receivers : sessions(receivers, seats)) * x;
    }
    const receivers = accounts * u;
    const phi = service.frequency.perMonth;
    return (seats === null ? receivers : sessions(receivers, seats)) * x * phi;
}

function sessions(receivers: number, seats: number): number {
    return seats > 0 ? ceilTolerant(receivers / seats) : 0;
}

/** Monthly add-on revenue of one service in one tier (spec section 8). */
export function addonRevenue(service: ServiceSpec, accounts: number, newPerMonth: number): number {
    if (service.price === null) return 0;
    const { amount, frequency } = service.price;
    return frequency.kind === 'once'
        ? newPerMonth * service.uptake * amount
        : accounts * service.uptake * amount * frequency.perMonth;
}

export function monthlyChurn(tier: TierSpec): number | null {
    const r = tier.retention;
    if (r.kind === 'churn') return compoundToMonthly(r.rate, r.months);
    if (r.kind === 'lifetime') return ratio(1, r.months);
    return null;
}

/** Expected lifetime in months; `churn` is the tier's monthly churn when already computed. */
export function lifetimeMonths(tier: TierSpec, churn: number | null = monthlyChurn(tier)): number | null {
    const r = tier.retention;
    if (r.kind === 'lifetime') return r.months > 0 ? r.months : null;
    return churn === null ? null : ratio(1, churn);
}

/**
 * The tiers as their records hold them, and each tier's roles in the order of its records with
 * their demand, for the assignment: tier slot s has `roles[from[s]]` up to `roles[from[s + 1]]`.
 */
interface Tiers {
    records: Record<string, TierResult>;
    /** As `Object.values(records)` lists them: the last of a name given twice, in its first position. */
    list: TierResult[];
    /** Every tier's result, by its position in the model: its slot in `from`. */
    all: TierResult[];
    /** A tier's slot in `from`, given its result and its position in `list`. */
    slotOf: (tier: TierResult, position: number) => number;
    from: Int32Array;
    /** The first `used` entries of `roles`, `hours` and `recurring` are the tiers' (role, demand) pairs. */
    used: number;
    roles: Int32Array;
    hours: Float64Array;
    /** Recurring demand hours of each slot's role in its tier: designed effort times accounts. */
    recurring: Float64Array;
}

/** Per-role sums of one tier, reused from tier to tier: `stamp` marks the roles the current tier touched. */
interface TierScratch {
    demand: Float64Array;
    recurring: Float64Array;
    stamp: Int32Array;
    /** The roles the current tier touched, in order. */
    touched: Int32Array;
}

function tiersOf(specs: TierSpec[], services: Services, roles: Roles, arena: Arena, findings: Finding[]): Tiers {
    const roleCount = roles.list.length;
    const scratch: TierScratch = { demand: arena.f64(roleCount), recurring: arena.f64(roleCount), stamp: arena.i32(roleCount), touched: arena.i32(roleCount) };
    const pairs = pairsOf(specs);
    const tiers: Tiers = {
        records: {}, list: [], all: [], slotOf: (_, position) => position,
        from: arena.i32(specs.length + 1), used: 0, roles: arena.i32(pairs), hours: arena.f64(pairs), recurring: arena.f64(pairs),
    };
    let plain = true;
    for (let t = 0; t < specs.length; t++) {
        const tier = specs[t];
        tiers.from[t] = tiers.used;
        const result = tierFigures(tier, t + 1, services, roles, scratch, tiers, findings);
        if (tiers.records[tier.name] !== undefined || !plainKey(tier.name)) plain = false;
        tiers.records[tier.name] = result;
        tiers.all.push(result);
    }
    tiers.from[specs.length] = tiers.used;
    tiers.list = tiers.all;
    if (!plain) {
        const slots = new Map(tiers.all.map((tier, i) => [tier, i]));
        tiers.list = Object.values(tiers.records);
        tiers.slotOf = tier => slots.get(tier)!;
    }
    return tiers;
}

function tierFigures(tier: TierSpec, stamp: number, services: Services, roles: Roles, scratch: TierScratch, tiers: Tiers, findings: Finding[]): TierResult {
    const { demand: dem, recurring: rec, touched } = scratch;
    let touchedCount = 0;
    let addons = 0;
    for (const name of tier.services) {
        const s = services.at.get(name);
        const service = s === undefined ? undefined : services.specs[s];
        const r = service === undefined ? undefined : roles.index.get(service.role);
        if (service === undefined || r === undefined) continue;
        const hours = serviceHours(service, tier.accounts, tier.newPerMonth);
        const once = service.frequency.kind === 'once';
        const recurring = once ? 0 : hours;
        if (scratch.stamp[r] !== stamp) {
            scratch.stamp[r] = stamp;
            touched[touchedCount++] = r;
            dem[r] = 0;
            rec[r] = 0;
        }
        dem[r] = dem[r] + recurring + (once ? hours : 0);
        rec[r] = rec[r] + recurring;
        addons += addonRevenue(service, tier.accounts, tier.newPerMonth);
    }

    let order: ArrayLike<number> = touched;
    if (!roles.plainNames) {
        // Whatever order and keys the records keep (see plainKey).
        const keys: Record<string, number> = {};
        for (let k = 0; k < touchedCount; k++) keys[roles.list[touched[k]].name] = touched[k];
        order = Object.keys(keys).map(name => roles.index.get(name)!);
        touchedCount = order.length;
    }

    let costToServe: number | null = 0;
    for (let k = 0; k < touchedCount; k++) {
        const r = order[k];
        const role = roles.list[r];
        const hours = dem[r];
        const d = ratio(rec[r], tier.accounts);
        const pair = tiers.used++;
        tiers.roles[pair] = r;
        tiers.hours[pair] = hours;
        tiers.recurring[pair] = rec[r];
        role.demandHours += hours;
        if (costToServe !== null) {
            const cost = d === null || role.hourlyCost === null ? NaN : d * role.hourlyCost;
            costToServe = Number.isFinite(cost) ? costToServe + cost : null;
        }
    }
    if (tier.accounts === 0) costToServe = null;

    // Compounding a churn rate is a power: once per tier, not once for each figure that reads it.
    const churn = monthlyChurn(tier);
    const lifetime = lifetimeMonths(tier, churn);
    const clv = times(tier.revenuePerMonth, tier.margin, lifetime);
    if (clv === null) {
        findings.push({
            code: 'clv-undefined', severity: 'warning', subject: { kind: 'tier', name: tier.name },
            message: `${tier.name} has no churn${tier.retention.kind === 'churn' ? ' (0%)' : ''} and no lifetime, so its expected lifetime and customer lifetime value are undefined: give a churn above 0, e.g. \`churn 8% / year\`, or \`lifetime 24 months\``,
        });
    }
    return {
        name: tier.name,
        touch: tier.touch,
        accounts: tier.accounts,
        newAccounts: tier.newPerMonth,
        revenuePerAccount: tier.revenuePerMonth,
        revenue: tier.accounts * tier.revenuePerMonth,
        churn,
        lifetimeMonths: lifetime,
        margin: tier.margin,
        expansion: tier.expansionPerMonth,
        clv,
        clvNet: clv === null || costToServe === null ? null : clv - costToServe * (lifetime as number),
        costToServe,
        addonRevenue: addons,
        // The figures by role are added when the results' `tiers` is first read (see tierRecords).
    } as TierResult;
}

/**
 * The tiers' records, each tier with its figures by role, the last four of its keys: built on
 * first read, since a build's checks and most hints read none of them.
 */
function tierRecords(tiers: Tiers, roles: RoleResult[]): Record<string, TierResult> {
    for (let slot = 0; slot < tiers.all.length; slot++) {
        const tier = tiers.all[slot];
        const designedEffort: Record<string, number | null> = {};
        const accountsPerFte: Record<string, number | null> = {};
        const demandHours: Record<string, number> = {};
        const requiredFte: Record<string, number | null> = {};
        for (let k = tiers.from[slot]; k < tiers.from[slot + 1]; k++) {
            const role = roles[tiers.roles[k]];
            const name = role.name;
            const hours = tiers.hours[k];
            const d = ratio(tiers.recurring[k], tier.accounts);
            const effective = role.effectivePerFte > 0 ? role.effectivePerFte : null;
            designedEffort[name] = d;
            accountsPerFte[name] = ratio(effective, d);
            demandHours[name] = hours;
            requiredFte[name] = ratio(hours, effective);
        }
        tier.designedEffort = designedEffort;
        tier.accountsPerFte = accountsPerFte;
        tier.demandHours = demandHours;
        tier.requiredFte = requiredFte;
    }
    return tiers.records;
}

/** Ramp factor in the agent's k-th month for a role ramping over `rampMonths` (spec section 7). */
export function rampFactor(monthsIn: number, rampMonths: number): number {
    if (rampMonths <= 0) return 1;
    return Math.min(1, (monthsIn + 1) / rampMonths);
}

/**
 * The agents, one column per figure and a row per declaration, and grouped by role: role r's
 * agents are `staff[start[r]]` up to `staff[start[r + 1]]`. The agents' figures are the largest
 * part of a plan (10,000 rows on the largest), so they stay in typed arrays, which the garbage
 * collector never copies, and become AgentResult objects only when the results' `agents` is read.
 */
interface Staff {
    specs: AgentSpec[];
    /** The row each declaration counts with: its own, or the last of its name given twice. */
    last: Int32Array;
    /** The rows reported, each name once in its first position (with its last row), in order. */
    unique: Int32Array;
    /** Each declaration's role position, or -1. */
    roleOf: Int32Array;
    started: Uint8Array;
    /** Months since the agent's start at the snapshot; NaN for null (no dated start, or not started). */
    monthsIn: Float64Array;
    ramp: Float64Array;
    capacity: Float64Array;
    assigned: Float64Array;
    /** Each declaration's share of its role's work: its row's fte · count · ramp (0 before its start). */
    weights: Float64Array;
    start: Int32Array;
    /** Agent rows grouped by role; role r's run is `staff[start[r]]` up to `staff[start[r + 1]]`. */
    staff: Int32Array;
    /** Per role, built when one of its tiers first needs it: who may serve which tier. */
    serving: (RoleServing | undefined)[];
    /** Role r's agents who serve any tier: `serves[start[r]]` up to `serves[start[r] + anyCount]` (see RoleServing). */
    serves: Int32Array;
}

/**
 * Every number column of one evaluation (the agents', the roles' scratch sums, the tiers' demand by
 * role), as views on one buffer: typed arrays, which the garbage collector never copies or scans.
 * The doubles come first, then the 32-bit integers, then the bytes, so that every view starts on a
 * multiple of its element size whatever order they are cut in.
 *
 * A small plan's columns are cut from a shared block rather than a buffer of their own: making an
 * ArrayBuffer costs about 4 µs whatever its size up to 64 KB (the engine counts its memory outside
 * the heap, and a loop of evaluations made a collection every few hundred), a third of an
 * evaluation of a 100-agent plan. A block is 64 KB and is never written twice, so every cut starts
 * zeroed; it is freed when no results view it any more, so a kept evaluation holds at most 64 KB
 * more.
 */
class Arena {
    #block = new ArrayBuffer(BLOCK_BYTES);
    #blockUsed = 0;
    #buffer: ArrayBuffer = this.#block;
    #doubles = 0;
    #ints = 0;
    #bytes = 0;

    /** Starts the columns of one evaluation, which cuts exactly this many of each kind. */
    open(doubles: number, ints: number, bytes: number): this {
        const size = 8 * doubles + 4 * ints + bytes;
        let at = 0;
        if (size > BLOCK_BYTES / 4) {
            this.#buffer = new ArrayBuffer(size);
        } else {
            if (this.#blockUsed + size > BLOCK_BYTES) {
                this.#block = new ArrayBuffer(BLOCK_BYTES);
                this.#blockUsed = 0;
            }
            this.#buffer = this.#block;
            at = this.#blockUsed;
            this.#blockUsed += (size + 7) & ~7;
        }
        this.#doubles = at;
        this.#ints = at + 8 * doubles;
        this.#bytes = this.#ints + 4 * ints;
        return this;
    }

    f64(n: number): Float64Array {
        const view = new Float64Array(this.#buffer, this.#doubles, n);
        this.#doubles += 8 * n;
        return view;
    }

    i32(n: number): Int32Array {
        const view = new Int32Array(this.#buffer, this.#ints, n);
        this.#ints += 4 * n;
        return view;
    }

    u8(n: number): Uint8Array {
        const view = new Uint8Array(this.#buffer, this.#bytes, n);
        this.#bytes += n;
        return view;
    }
}

const BLOCK_BYTES = 64 * 1024;

/**
 * The one arena, for the module's life: an evaluation is synchronous, so it has cut all its columns
 * before the next one opens. One long-lived object rather than one per evaluation also keeps its
 * hidden class alive: V8 holds the class an object reaches by adding fields only weakly, so when
 * no arena was alive at a full collection the class died with the last one, and the optimised code
 * of every function that cut columns was thrown away with it (`node --trace-deopt`: "weak
 * objects"). The next few hundred evaluations then ran unoptimised at two to three times the cost.
 */
const arena = new Arena();

/** The columns tiersOf and staffOf cut, counted: what each cuts must add up to these. */
function arenaFor(model: CapModel, roleCount: number): Arena {
    const agents = model.agents.length;
    const pairs = pairsOf(model.tiers);
    return arena.open(
        5 * agents + 2 * roleCount + 2 * pairs,
        4 * agents + 2 * roleCount + (model.tiers.length + 1) + pairs + (roleCount + 1) + roleCount,
        agents,
    );
}

/** At most one (role, demand) pair per service a tier lists. */
function pairsOf(tiers: TierSpec[]): number {
    let pairs = 0;
    for (const tier of tiers) pairs += tier.services.length;
    return pairs;
}

function staffOf(model: CapModel, roles: Roles, arena: Arena): Staff {
    const specs = model.agents;
    const count = specs.length;
    const ramp = arena.f64(count);
    const capacity = arena.f64(count);
    const assigned = arena.f64(count);
    const weights = arena.f64(count);
    const monthsIn = arena.f64(count);
    const roleOf = arena.i32(count);
    const identity = arena.i32(count);
    const staff = arena.i32(count);
    const serves = arena.i32(count);
    const started = arena.u8(count);
    const snapshot = model.start;
    for (let i = 0; i < count; i++) {
        const agent = specs[i];
        const r = roles.index.get(agent.role) ?? -1;
        roleOf[i] = r;
        let isStarted = true;
        let months: number | null = null;
        let factor = 1;
        if (agent.start !== null && snapshot !== null) {
            months = snapshot - agent.start;
            isStarted = months >= 0;
            factor = isStarted ? rampFactor(months, r < 0 ? 0 : roles.specs[r].rampMonths) : 0;
        }
        const effective = r >= 0 && roles.list[r].effectivePerFte > 0 ? roles.list[r].effectivePerFte : 0;
        started[i] = isStarted ? 1 : 0;
        monthsIn[i] = isStarted && months !== null ? months : NaN;
        ramp[i] = factor;
        capacity[i] = agent.fte * agent.count * factor * effective;
    }
    const { last, unique } = namesOf(specs, model.distinctNames === true, identity);
    for (let i = 0; i < count; i++) {
        const k = last[i];
        weights[i] = started[k] === 1 ? specs[k].fte * specs[k].count * ramp[k] : 0;
    }

    // A counting sort by role keeps each role's agents in declaration order.
    const roleCount = roles.list.length;
    const start = arena.i32(roleCount + 1);
    for (let i = 0; i < count; i++) if (roleOf[i] >= 0) start[roleOf[i] + 1]++;
    for (let r = 0; r < roleCount; r++) start[r + 1] += start[r];
    const fill = arena.i32(roleCount);
    fill.set(start.subarray(0, roleCount));
    for (let i = 0; i < count; i++) if (roleOf[i] >= 0) staff[fill[roleOf[i]]++] = i;

    return { specs, last, unique, roleOf, started, monthsIn, ramp, capacity, assigned, weights, start, staff, serving: [], serves };
}

/**
 * A name given twice counts every declaration of it with its last declaration's figures, and is
 * reported once, in its first position. The language gives the engine distinct names (a second
 * declaration of a name is an error, and lowering keeps the first), and says so with
 * `distinctNames`: checking 10,000 names costs more than the rest of the agents' figures.
 */
function namesOf(specs: AgentSpec[], distinct: boolean, identity: Int32Array): { last: Int32Array; unique: Int32Array } {
    const count = specs.length;
    for (let i = 0; i < count; i++) identity[i] = i;
    if (distinct) return { last: identity, unique: identity };
    const lastOf = new Map<string, number>();
    for (let i = 0; i < count; i++) lastOf.set(specs[i].name, i);
    if (lastOf.size === count) return { last: identity, unique: identity };
    const last = new Int32Array(count);
    for (let i = 0; i < count; i++) last[i] = lastOf.get(specs[i].name)!;
    return { last, unique: Int32Array.from(lastOf.values()) };
}

/** The reported agents, as objects (see Staff). */
function agentResults(staff: Staff, assigned: boolean): AgentResult[] {
    const out = new Array<AgentResult>(staff.unique.length);
    for (let u = 0; u < staff.unique.length; u++) {
        const i = staff.unique[u];
        const spec = staff.specs[i];
        out[u] = {
            name: spec.name,
            role: spec.role,
            fte: spec.fte,
            count: spec.count,
            started: staff.started[i] === 1,
            monthsIn: Number.isNaN(staff.monthsIn[i]) ? null : staff.monthsIn[i],
            rampFactor: staff.ramp[i],
            capacityHours: staff.capacity[i],
            assignedHours: staff.assigned[i],
            load: assigned ? ratio(staff.assigned[i], staff.capacity[i]) : null,
        };
    }
    return out;
}

/** Required and staffed FTE, utilization, gap and hires per role (spec section 7). */
function staffRoles(roles: RoleResult[], staff: Staff, findings: Finding[]): void {
    for (let r = 0; r < roles.length; r++) {
        const role = roles[r];
        let staffed = 0;
        for (let k = staff.start[r]; k < staff.start[r + 1]; k++) {
            const w = staff.weights[staff.staff[k]];
            if (Number.isFinite(w)) staffed += w;
        }
        role.requiredFte = ratio(role.demandHours, role.effectivePerFte > 0 ? role.effectivePerFte : null);
        role.staffedFte = staffed;
        role.utilization = ratio(role.demandHours, role.staffedFte > 0 && role.effectivePerFte > 0 ? role.staffedFte * role.effectivePerFte : null);
        role.gapFte = role.requiredFte === null ? null : role.requiredFte - role.staffedFte;
        role.hires = role.gapFte === null ? null : role.gapFte <= 0 ? 0 : ceilTolerant(role.gapFte);
        if (role.utilization !== null && role.utilization > 1) {
            findings.push({
                code: 'role-over-capacity', severity: 'warning', subject: { kind: 'role', name: role.name },
                message: `${role.name} is over capacity: utilization ${percent(role.utilization)} (${fmt(role.requiredFte ?? 0)} FTE required, ${fmt(role.staffedFte)} staffed)`,
            });
        }
    }
}

/**
 * Who may serve a role's demand (spec section 7): agents that have started (weight above 0) and
 * list a tier, by tier name; else those listing no tiers, counted with their total weight. The
 * latter are listed in the role's run of `Staff.serves`, which every tier the role serves reads.
 */
interface RoleServing {
    byTier: Map<string, { agents: number[]; total: number }> | null;
    anyCount: number;
    anyTotal: number;
}

function servingOf(r: number, staff: Staff): RoleServing {
    const known = staff.serving[r];
    if (known) return known;
    const { weights, specs } = staff;
    let anyCount = 0;
    let anyTotal = 0;
    let listed: Map<string, number[]> | null = null;
    for (let k = staff.start[r]; k < staff.start[r + 1]; k++) {
        const i = staff.staff[k];
        if (!(weights[i] > 0)) continue;
        const tiers = specs[i].tiers;
        if (tiers === null) {
            staff.serves[staff.start[r] + anyCount] = i;
            anyCount++;
            if (Number.isFinite(weights[i])) anyTotal += weights[i];
            continue;
        }
        listed ??= new Map();
        for (const name of tiers) {
            const list = listed.get(name);
            if (!list) listed.set(name, [i]);
            else if (list[list.length - 1] !== i) list.push(i);
        }
    }
    let byTier: RoleServing['byTier'] = null;
    if (listed) {
        byTier = new Map();
        for (const [name, agents] of listed) {
            let total = 0;
            for (const i of agents) if (Number.isFinite(weights[i])) total += weights[i];
            byTier.set(name, { agents, total });
        }
    }
    const serving = { byTier, anyCount, anyTotal };
    staff.serving[r] = serving;
    return serving;
}

/**
 * Splits a tier's demand for each role among the agents that serve it, in proportion to their
 * weight. Demand nobody serves is reported as unserved, also in a model with no agents at all (the
 * spec makes no exception for it).
 */
function assignTier(tier: TierResult, tiers: Tiers, slot: number, roles: RoleResult[], staff: Staff, findings: Finding[]): void {
    const { weights, last, assigned } = staff;
    for (let k = tiers.from[slot]; k < tiers.from[slot + 1]; k++) {
        const h = tiers.hours[k];
        if (h <= 0) continue;
        const r = tiers.roles[k];
        const serving = servingOf(r, staff);
        const listing = serving.byTier?.get(tier.name);
        if (listing) {
            for (const i of listing.agents) assigned[last[i]] += h * weights[i] / listing.total;
        } else if (serving.anyCount > 0) {
            const serves = staff.serves;
            for (let j = staff.start[r], end = j + serving.anyCount; j < end; j++) {
                const i = serves[j];
                assigned[last[i]] += h * weights[i] / serving.anyTotal;
            }
        } else {
            const roleName = roles[r].name;
            findings.push({
                code: 'unserved-demand', severity: 'warning', subject: { kind: 'tier', name: tier.name },
                message: `${fmt(h)} h a month of ${roleName} work in ${tier.name} is unserved: no ${roleName} agent serves this tier`,
            });
        }
    }
}

function totals(model: CapModel, roles: Roles, tiers: TierResult[], staff: Staff): Totals {
    let accounts = 0;
    let revenue = 0;
    for (const t of tiers) {
        if (Number.isFinite(t.accounts)) accounts += t.accounts;
        const r = t.revenue + t.addonRevenue;
        if (Number.isFinite(r)) revenue += r;
    }
    let teamCost = 0;
    if (model.agents.length > 0) {
        // Ramp does not cut pay: a started agent costs its full fte from its first month.
        for (const i of staff.unique) {
            if (staff.started[i] !== 1) continue;
            const a = staff.specs[i];
            const r = staff.roleOf[i];
            const cost = a.fte * a.count * (r < 0 ? 0 : roles.list[r].costPerFte);
            if (Number.isFinite(cost)) teamCost += cost;
        }
    } else {
        for (const r of roles.list) {
            const cost = times(r.requiredFte, r.costPerFte);
            if (cost !== null && Number.isFinite(cost)) teamCost += cost;
        }
    }
    let requiredFte = 0;
    let staffedFte = 0;
    for (const r of roles.list) {
        if (r.requiredFte !== null && Number.isFinite(r.requiredFte)) requiredFte += r.requiredFte;
        if (Number.isFinite(r.staffedFte)) staffedFte += r.staffedFte;
    }
    return {
        accounts,
        revenue,
        teamCost,
        crc: ratio(teamCost, accounts),
        costToRevenue: ratio(teamCost, revenue),
        requiredFte,
        staffedFte,
    };
}

function percent(x: number): string {
    return `${(x * 100).toFixed(1)}%`;
}

function fmt(x: number): string {
    return Number.isInteger(x) ? String(x) : x.toFixed(2);
}
