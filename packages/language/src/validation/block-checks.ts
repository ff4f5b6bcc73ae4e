import type { ValidationAcceptor } from 'langium';
import type { NewProperty, Measure, Property, Role, Tier } from '../generated/ast.js';
import { isMeasureProperty, isOverheadProperty } from '../generated/ast.js';
import type { Period } from '@cap/engine';
import { availability, parseMonth, periodMonths } from '@cap/engine';
import { lowerRole } from '../lowering/lower.js';
import type { Interpretation } from '../quantities.js';
import {
    LARGEST_QUANTITY,
    describeDimension,
    interpretFrequency,
    interpretMeasure,
    isCurrencyCode,
    perMonth,
} from '../quantities.js';
import type { HasProps } from '../lowering/properties.js';
import { propertyOf } from '../lowering/properties.js';
import { didYouMean, didYouMeanText } from '../did-you-mean.js';
import { a } from '../words.js';
import { Codes } from './codes.js';
import { checkDataSource } from './data-checks.js';
import type { BlockKind, MeasureRule, PropertyRule } from './property-rules.js';
import { OVERHEAD_HOURS, OVERHEAD_SHARE, PROPERTY_RULES, REVENUE_KEYS, rangeWords } from './property-rules.js';

export interface BlockContext {
    kind: BlockKind;
    /** The model's currency, which every money amount must use. */
    currency: string;
    /** Scenario overrides list only what they change: required properties do not apply. */
    isOverride: boolean;
    /** The model's reporting period, in which messages quote hours. */
    period: Period;
    /** A block inside a scenario (an override or a new declaration). */
    inScenario?: boolean;
}

/** Each kind's required properties, in the order of its rules. */
const REQUIRED = Object.fromEntries(
    Object.entries(PROPERTY_RULES).map(([kind, rules]) => [
        kind,
        Object.entries(rules).filter(([, rule]) => rule.required),
    ]),
) as Record<BlockKind, [string, PropertyRule][]>;

/** Checks every property of one block: allowed, given once, present when required, well-formed. */
export function checkBlock(block: HasProps & { name?: string }, ctx: BlockContext, accept: ValidationAcceptor): void {
    const rules = PROPERTY_RULES[ctx.kind];
    // A block has a handful of properties: a list is cheaper than a map per block.
    const seen: string[] = [];
    for (const prop of block.props) {
        const key = prop.key;
        const rule = rules[key];
        if (!rule) {
            const suggestion = didYouMean(key, Object.keys(rules));
            accept(
                'error',
                suggestion
                    ? `\`${key}\` is not a property of ${a(ctx.kind)}${didYouMeanText(suggestion)}`
                    : `\`${key}\` is not a property of ${a(ctx.kind)}; ` +
                          `${a(ctx.kind)} takes ${Object.keys(rules).join(', ')}`,
                { node: prop, property: 'key', code: Codes.PropertyNotAllowed },
            );
            continue;
        }
        const sameGroup = REVENUE_KEYS.includes(key)
            ? REVENUE_KEYS.find(k => seen.includes(k))
            : seen.includes(key)
              ? key
              : undefined;
        if (sameGroup !== undefined) {
            const what =
                sameGroup === key
                    ? `\`${key}\` is given twice`
                    : `revenue is given twice (\`${sameGroup}\` and \`${key}\`)`;
            accept('error', `${what} in ${ctx.kind} ${block.name ?? ''}; keep one`.replace(' ;', ';'), {
                node: prop,
                property: 'key',
                code: Codes.DuplicateProperty,
            });
            continue;
        }
        seen.push(key);
        const measure = prop.$type === 'MeasureProperty' || prop.$type === 'NewProperty' ? prop.value : undefined;
        if (rule.measure && measure) checkMeasure(measure, key, rule.measure, ctx, accept);
        checkDataSource(prop, ctx.kind, ctx.inScenario === true, block.props, accept);
        checkStructured(prop, ctx, accept);
    }
    if (!ctx.isOverride) {
        for (const [key, rule] of REQUIRED[ctx.kind]) {
            if (!seen.includes(key)) {
                const example = rule.measure ? ` ${rule.measure.example}` : key === 'role' ? ' CSM' : '';
                accept(
                    'error',
                    `${[capitalise(ctx.kind), block.name].filter(Boolean).join(' ')} needs \`${key}\`, ` +
                        `e.g. \`${key}${example}\``,
                    { node: block, property: 'name', code: Codes.MissingProperty },
                );
            }
        }
    }
}

/**
 * Checks a measure's unit, its `/ time unit`, its currency and its range. `perIsFrequency`: the
 * `/ month` of `effort 4h / month` is its frequency, not a rate, so it is not checked as one.
 */
export function checkMeasure(
    m: Measure | undefined,
    key: string,
    rule: MeasureRule,
    ctx: BlockContext,
    accept: ValidationAcceptor,
    perIsFrequency = false,
    interpretation?: Interpretation,
): void {
    if (!m) return;
    const i = interpretation ?? interpretMeasure(m);
    if (!i.ok) {
        if (i.on !== 'value') accept('error', i.message, { node: m, property: i.on, code: Codes.UnknownUnit });
        return;
    }
    const q = i;
    const bareZero = rule.zeroBare && q.dimension === 'count' && q.written === 0 && q.per === undefined;
    if (q.dimension !== rule.dimension && !bareZero) {
        const message =
            q.dimension === 'count'
                ? `\`${key}\` needs a unit: write \`${key} ${rule.example}\``
                : `\`${key}\` takes ${describeDimension(rule.dimension)} such as \`${rule.example}\`, ` +
                  `not ${describeDimension(q.dimension)}`;
        accept('error', message, { node: m, code: Codes.WrongUnit });
        return;
    }
    if (rule.rate && q.per === undefined && !bareZero) {
        accept('error', `\`${key}\` is a rate: add its time unit, e.g. \`${key} ${rule.example}\``, {
            node: m,
            code: Codes.MissingTimeUnit,
        });
    } else if (!rule.rate && q.per !== undefined && !perIsFrequency) {
        accept(
            'error',
            `\`${key}\` is not per unit of time: remove \`/ ${m.per}\`` +
                `${key === 'arr' ? ' (arr is already yearly)' : key === 'mrr' ? ' (mrr is already monthly)' : ''}`,
            { node: m, property: 'per', code: Codes.MissingTimeUnit },
        );
    }
    if (q.dimension === 'money') checkCurrency(m, q.currency, ctx, accept);
    checkRange(m, key, q.written, rule, accept);
}

/**
 * A quantity whose expected unit depends on something else (an assertion's right side, whose unit
 * is the figure's): only its words and its size are checked here. False when it cannot be read.
 */
export function checkReadableMeasure(m: Measure | undefined, accept: ValidationAcceptor): boolean {
    if (!m) return false;
    const i = interpretMeasure(m);
    if (!i.ok) {
        if (i.on !== 'value') accept('error', i.message, { node: m, property: i.on, code: Codes.UnknownUnit });
        return false;
    }
    if (Math.abs(i.written) > LARGEST_QUANTITY) {
        accept('error', `The value is too large for a plan: at most ${LARGEST_QUANTITY.toLocaleString('en-US')}`, {
            node: m,
            property: 'value',
            code: Codes.InvalidValue,
        });
        return false;
    }
    return true;
}

function checkRange(m: Measure, key: string, value: number, rule: MeasureRule, accept: ValidationAcceptor): void {
    if (Math.abs(value) > LARGEST_QUANTITY) {
        accept('error', `\`${key}\` is too large for a plan: at most ${LARGEST_QUANTITY.toLocaleString('en-US')}`, {
            node: m,
            property: 'value',
            code: Codes.InvalidValue,
        });
        return;
    }
    const low = rule.min !== undefined && (rule.minExclusive ? value <= rule.min : value < rule.min);
    const high = rule.max !== undefined && value > rule.max;
    const fractional = rule.integer === true && !Number.isInteger(value);
    if (!low && !high && !fractional) return;
    const unit = rule.dimension === 'percent' ? '%' : '';
    accept('error', `\`${key}\` must be ${rangeWords(rule)}, not ${value}${unit}`, {
        node: m,
        property: 'value',
        code: rule.rangeCode ?? Codes.InvalidValue,
    });
}

function checkCurrency(m: Measure, currency: string | undefined, ctx: BlockContext, accept: ValidationAcceptor): void {
    if (currency !== undefined && currency !== ctx.currency) {
        accept(
            'error',
            `Amount in ${currency}, but the model's currency is ${ctx.currency}: ` +
                `every amount must be in ${ctx.currency}`,
            { node: m, code: Codes.CurrencyMismatch },
        );
    }
}

/** An overhead item is a share of the contracted hours (`25%`) or hours per time unit. */
function checkOverheadPart(
    name: string,
    value: Measure | undefined,
    ctx: BlockContext,
    accept: ValidationAcceptor,
): void {
    if (!value) return;
    const i = interpretMeasure(value);
    checkMeasure(
        value,
        name,
        i.ok && i.dimension === 'percent' ? OVERHEAD_SHARE : OVERHEAD_HOURS,
        ctx,
        accept,
        false,
        i,
    );
}

const EFFORT: MeasureRule = { dimension: 'hours', rate: false, example: '4h every quarter', min: 0 };
const PRICE: MeasureRule = { dimension: 'money', rate: false, example: '$1,500 every year', min: 0 };

/**
 * The properties that are not a plain measure. By node type: none of these types has a subtype,
 * and the reflection's `isOverheadProperty` and kin cost a lookup each, for every property.
 */
const FREQUENCIES = '`every month`, `every 2 weeks`, `4 times / year` or `once`';

function checkStructured(prop: Property, ctx: BlockContext, accept: ValidationAcceptor): void {
    switch (prop.$type) {
        case 'OverheadProperty': {
            if (prop.value) checkOverheadPart('overhead', prop.value, ctx, accept);
            else for (const item of prop.items) checkOverheadPart(item.name, item.value, ctx, accept);
            break;
        }
        case 'EffortProperty':
        case 'PriceProperty': {
            if (prop.$type === 'PriceProperty' && prop.included) return;
            const rule = prop.$type === 'EffortProperty' ? EFFORT : PRICE;
            const value = prop.value;
            // `4h / month` reads as `4h every month` (checkMeasure has already checked its time unit).
            const shorthand = value !== undefined && !prop.frequency && value.per !== undefined;
            if (value) checkMeasure(value, prop.key, rule, ctx, accept, shorthand);
            if (prop.frequency) {
                const f = interpretFrequency(prop.frequency);
                if (!f.ok)
                    accept('error', f.message, {
                        node: prop.frequency,
                        property: f.onUnit ? 'unit' : undefined,
                        code: f.outOfRange ? Codes.InvalidValue : Codes.UnknownUnit,
                    });
            } else if (!shorthand) {
                accept('error', `\`${prop.key}\` needs a frequency: ${FREQUENCIES}`, {
                    node: prop,
                    property: 'value',
                    code: Codes.MissingFrequency,
                });
            }
            break;
        }
        case 'DateProperty':
            if (parseMonth(prop.date) === undefined)
                accept('error', `\`${prop.date}\` is not a month: write YYYY-MM with a month from 01 to 12`, {
                    node: prop,
                    property: 'date',
                    code: Codes.InvalidDate,
                });
            break;
        case 'CurrencyProperty':
            if (!isCurrencyCode(prop.code))
                accept(
                    'error',
                    `\`${prop.code}\` is not a currency code: use a three-letter ISO 4217 code such as USD, EUR or GBP`,
                    { node: prop, property: 'code', code: Codes.InvalidCurrency },
                );
            break;
        case 'PeriodProperty':
            if (!['month', 'quarter', 'year'].includes(prop.unit))
                accept('error', `The reporting period is month, quarter or year, not \`${prop.unit}\``, {
                    node: prop,
                    property: 'unit',
                    code: Codes.UnknownUnit,
                });
            break;
        case 'NewProperty':
            checkIntake(prop, accept);
            break;
        case 'ServicesProperty': {
            const seen = new Set<string>();
            prop.services.forEach((ref, index) => {
                if (seen.has(ref.$refText))
                    accept('warning', `\`${ref.$refText}\` is listed twice; its demand counts once per listing`, {
                        node: prop,
                        property: 'services',
                        index,
                        code: Codes.DuplicateProperty,
                    });
                seen.add(ref.$refText);
            });
            break;
        }
    }
}

/** A dated intake's entries: real months, each once, each with a whole number of accounts ≥ 0 (§16). */
function checkIntake(prop: NewProperty, accept: ValidationAcceptor): void {
    const seen = new Set<number>();
    for (const entry of prop.entries) {
        const at = (property: 'month' | 'count', code: string) => ({ node: entry, property, code });
        const most = LARGEST_QUANTITY.toLocaleString('en-US');
        const month = parseMonth(entry.month);
        if (month === undefined) {
            const message = `\`${entry.month}\` is not a month: write YYYY-MM with a month from 01 to 12`;
            accept('error', message, at('month', Codes.InvalidDate));
        } else if (seen.has(month)) {
            const message = `${entry.month} is given twice in this intake: give each month once, with its total`;
            accept('error', message, at('month', Codes.IntakeMonthTwice));
        }
        if (month !== undefined) seen.add(month);
        const count = entry.count;
        if (typeof count !== 'number' || Number.isNaN(count)) continue; // a syntax error says why
        if (Math.abs(count) > LARGEST_QUANTITY) {
            const message = `An intake count is too large for a plan: at most ${most}`;
            accept('error', message, at('count', Codes.InvalidValue));
        } else if (!Number.isInteger(count) || count < 0) {
            const message = `The accounts won in ${entry.month} must be a whole number of at least 0, not ${count}`;
            accept('error', message, at('count', Codes.InvalidIntakeCount));
        }
    }
}

/**
 * Effective availability must stay positive: overhead cannot eat every contracted hour. Checked
 * only when hours and every overhead item are well-formed, so a unit error is not reported twice.
 */
export function checkEffectiveAvailability(role: Role, period: Period, accept: ValidationAcceptor): void {
    const hours = propertyOf(role.props, 'hours');
    const overhead = propertyOf(role.props, 'overhead');
    if (!hours || !isMeasureProperty(hours) || !overhead || !isOverheadProperty(overhead)) return;
    const h = interpretMeasure(hours.value);
    if (!h.ok || h.dimension !== 'hours' || !h.per) return;
    const values = overhead.value ? [overhead.value] : overhead.items.map(i => i.value);
    const wellFormed = values.every(v => {
        const i = v ? interpretMeasure(v) : undefined;
        return i?.ok && (i.dimension === 'percent' || (i.dimension === 'hours' && i.per !== undefined));
    });
    if (!wellFormed) return;
    const { overhead: o, effective } = availability(lowerRole(role));
    if (effective <= 0) {
        accept('error', `${role.name} ${noTimeLeft(o, effective, period)}`, {
            node: overhead,
            property: 'key',
            code: Codes.NoEffectiveTime,
        });
    }
}

/** `has no time left for customers: overhead …`, in hours per reporting period. */
export function noTimeLeft(overhead: number, effective: number, period: Period): string {
    const k = periodMonths(period);
    return (
        `has no time left for customers: overhead ${round(overhead * k)} h a ${period} takes all ` +
        `${round((overhead + effective) * k)} contracted hours (effective availability ${round(effective * k)} h)`
    );
}

/** The most hours a month has: 31 days of 24 hours. */
const HOURS_IN_A_MONTH = 31 * 24;

/**
 * More contracted hours than a month has is a typo in the number or in its time unit
 * (`160h / week` for `/ month`): each FTE would have impossible capacity.
 */
export function checkContractedHours(role: Role, accept: ValidationAcceptor): void {
    const hours = propertyOf(role.props, 'hours');
    if (!hours || !isMeasureProperty(hours) || !hours.value) return;
    const h = interpretMeasure(hours.value);
    // A number too large for a plan has its error (CAP026) already.
    if (!h.ok || h.dimension !== 'hours' || !h.per || Math.abs(h.written) > LARGEST_QUANTITY) return;
    const monthly = perMonth(h);
    if (monthly <= HOURS_IN_A_MONTH) return;
    const written = hours.value.$cstNode?.text.replace(/\s+/g, ' ') ?? '';
    const monthlyWords = h.per === 'month' ? '' : ` ${round(monthly)} h a month,`;
    accept(
        'warning',
        `\`hours ${written}\` is${monthlyWords} more than a month has (31 days × 24 h = ${HOURS_IN_A_MONTH} h): ` +
            'check the number and its time unit',
        { node: hours.value, code: Codes.ImplausibleHours },
    );
}

const LIFETIME_FROM_CHURN = 'lifetime follows from churn (1 / monthly churn), so keep one';

export function checkChurnAndLifetime(tier: Tier, accept: ValidationAcceptor): void {
    const churn = propertyOf(tier.props, 'churn');
    const lifetime = propertyOf(tier.props, 'lifetime');
    if (churn && lifetime) {
        const second = tier.props.indexOf(churn) > tier.props.indexOf(lifetime) ? churn : lifetime;
        accept('error', `${tier.name} gives both \`churn\` and \`lifetime\`: ${LIFETIME_FROM_CHURN}`, {
            node: second,
            property: 'key',
            code: Codes.ChurnAndLifetime,
        });
    }
}

function round(x: number): string {
    return Number.isInteger(x) ? String(x) : x.toFixed(2);
}

function capitalise(s: string): string {
    return s.charAt(0).toUpperCase() + s.slice(1);
}
