import { formatFte, formatHours, formatMoney, formatNumber, formatPercent, UNDEFINED_FIGURE } from '@cap/engine';
import { isNum } from './num.js';
import type { CapReport } from './report.js';

export type PeriodChoice = 'model' | 'month' | 'quarter' | 'year';
export type CurrencyFormat = 'symbol' | 'code' | 'compact';

/** The user's display settings (`cap.preview.*`); they change how figures read, never the report. */
export interface DisplayOptions {
    period: PeriodChoice;
    currencyFormat: CurrencyFormat;
}

export const DEFAULT_DISPLAY: DisplayOptions = { period: 'model', currencyFormat: 'symbol' };

const MONTHS: Record<string, number> = { month: 1, quarter: 3, year: 12 };
const SUFFIX: Record<string, string> = { month: '/mo', quarter: '/qtr', year: '/yr' };
const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£' };

/**
 * Figures of one report as the user asked to read them. A report's per-time figures are per the
 * model's reporting period; a display period other than the model's rescales them by the ratio of
 * the two periods' lengths, as `report.ts` scales months to the period.
 */
export class Figures {
    readonly currency: string;
    readonly period: string;
    /** Multiplies a per-report-period figure into a per-display-period one. */
    readonly scale: number;

    constructor(
        report: CapReport,
        readonly options: DisplayOptions = DEFAULT_DISPLAY,
    ) {
        this.currency = typeof report.model?.currency === 'string' ? report.model.currency : 'USD';
        const modelPeriod = report.model?.period && MONTHS[report.model.period] ? report.model.period : 'month';
        this.period = options.period !== 'model' && MONTHS[options.period] ? options.period : modelPeriod;
        this.scale = MONTHS[this.period] / MONTHS[modelPeriod];
    }

    get suffix(): string {
        return SUFFIX[this.period];
    }

    /** A per-time figure of the report in the display period. */
    perPeriod(x: number | null | undefined): number | null {
        return isNum(x) ? x * this.scale : null;
    }

    money(x: number | null | undefined): string {
        if (!isNum(x)) return UNDEFINED_FIGURE;
        switch (this.options.currencyFormat) {
            case 'code':
                return `${x < 0 ? '-' : ''}${grouped(Math.abs(x), Math.abs(x) >= 100 ? 0 : 2)} ${this.currency}`;
            case 'compact':
                return compactMoney(x, this.currency);
            default:
                return formatMoney(x, this.currency);
        }
    }

    moneyPerPeriod(x: number | null | undefined): string {
        const v = this.perPeriod(x);
        return v === null ? UNDEFINED_FIGURE : `${this.money(v)}${this.suffix}`;
    }

    hoursPerPeriod(x: number | null | undefined): string {
        const v = this.perPeriod(x);
        return v === null ? UNDEFINED_FIGURE : `${formatHours(v)}${this.suffix}`;
    }

    fte(x: number | null | undefined): string {
        return formatFte(isNum(x) ? x : null);
    }

    number(x: number | null | undefined, decimals = 2): string {
        return formatNumber(isNum(x) ? x : null, decimals);
    }

    percent(x: number | null | undefined): string {
        return formatPercent(isNum(x) ? x : null);
    }
}

export { isNum };

function grouped(x: number, decimals: number): string {
    return x.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** `$9.5k`, `€1.2M`: for dashboards where the order of magnitude matters more than the cents. */
function compactMoney(x: number, currency: string): string {
    const abs = Math.abs(x);
    const [div, unit] = abs >= 1e9 ? [1e9, 'B'] : abs >= 1e6 ? [1e6, 'M'] : abs >= 1e3 ? [1e3, 'k'] : [1, ''];
    const body = `${formatNumber(abs / div, div === 1 ? 2 : 1)}${unit}`;
    const symbol = SYMBOLS[currency];
    const sign = x < 0 ? '-' : '';
    return symbol ? `${sign}${symbol}${body}` : `${sign}${body} ${currency}`;
}
