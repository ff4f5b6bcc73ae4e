/**
 * Spec section 4 (and the time units of section 1): services. The engine reports each service's
 * role, kind, occurrences per month φ, seats and uptake. The frequency helpers turn
 * `every N u` into 1 / (N·len(u)) and `N times / u` into N / len(u); a week is 12/52 month.
 */
import { describe, expect, it } from 'vitest';
import { MONTHS_PER, evaluate, everyPerMonth, periodMonths, timesPerMonth } from '@cap/engine';
import { model, once, perMonth, role, service } from './build.js';

describe('§1 time units', () => {
    it('week = 12/52 month, month = 1, quarter = 3, year = 12', () => {
        expect(MONTHS_PER.week).toBeCloseTo(0.230769230769, 12); // 12 ÷ 52 = 0.2307692307…
        expect(MONTHS_PER.month).toBe(1);
        expect(MONTHS_PER.quarter).toBe(3);
        expect(MONTHS_PER.year).toBe(12);
    });

    it('reporting periods have the same lengths', () => {
        expect(periodMonths('month')).toBe(1);
        expect(periodMonths('quarter')).toBe(3);
        expect(periodMonths('year')).toBe(12);
    });
});

describe('§4 frequencies: occurrences per month φ', () => {
    it('every N u is 1 / (N·len(u))', () => {
        expect(everyPerMonth(1, 'month')).toBe(1); // 1 ÷ (1 × 1)
        expect(everyPerMonth(1, 'quarter')).toBeCloseTo(0.333333333333, 12); // 1 ÷ (1 × 3)
        expect(everyPerMonth(1, 'year')).toBeCloseTo(0.083333333333, 12); // 1 ÷ (1 × 12)
        expect(everyPerMonth(2, 'week')).toBeCloseTo(2.166666666667, 12); // 1 ÷ (2 × 12/52) = 52/24
        expect(everyPerMonth(6, 'month')).toBeCloseTo(0.166666666667, 12); // 1 ÷ (6 × 1)
    });

    it('N times / u is N / len(u)', () => {
        expect(timesPerMonth(4, 'year')).toBeCloseTo(0.333333333333, 12); // 4 ÷ 12
        expect(timesPerMonth(2, 'quarter')).toBeCloseTo(0.666666666667, 12); // 2 ÷ 3
        expect(timesPerMonth(3, 'week')).toBeCloseTo(13, 12); // 3 ÷ (12/52) = 3 × 52 / 12 = 13
    });
});

describe('§4 services: reported figures', () => {
    const m = model({
        roles: [role('CSM'), role('Onboarding'), role('Scale')],
        services: [
            service('QBR', 'CSM', { effortHours: 4, frequency: perMonth(1 / 3) }), // 4h every quarter
            service('Kickoff', 'Onboarding', {
                effortHours: 12,
                frequency: once,
                price: { amount: 2500, frequency: once },
            }),
            service('Workshop', 'CSM', {
                effortHours: 8,
                frequency: perMonth(1 / 12),
                uptake: 0.25,
                price: { amount: 1500, frequency: perMonth(1 / 12) },
            }),
            service('Webinar', 'Scale', { effortHours: 3, frequency: perMonth(1), seats: 200 }),
        ],
    });
    const s = evaluate(m).services;

    it('each service keeps its delivering role', () => {
        expect(s.QBR.role).toBe('CSM');
        expect(s.Kickoff.role).toBe('Onboarding');
        expect(s.Webinar.role).toBe('Scale');
    });

    it('kind is recurring for `every`/`times` and once for `once`', () => {
        expect(s.QBR.kind).toBe('recurring');
        expect(s.Workshop.kind).toBe('recurring');
        expect(s.Webinar.kind).toBe('recurring');
        expect(s.Kickoff.kind).toBe('once');
    });

    it('occurrences per month: φ for recurring services, 0 for once (it happens per new account, not per month)', () => {
        expect(s.QBR.occurrencesPerMonth).toBeCloseTo(0.333333333333, 12); // every quarter: 1 ÷ 3
        expect(s.Workshop.occurrencesPerMonth).toBeCloseTo(0.083333333333, 12); // every year: 1 ÷ 12
        expect(s.Webinar.occurrencesPerMonth).toBe(1); // every month
        expect(s.Kickoff.occurrencesPerMonth).toBe(0);
    });

    it('designed hours per receiving account: X·φ for recurring one-to-one services', () => {
        expect(s.QBR.hoursPerAccount).toBeCloseTo(1.333333333333, 12); // 4 h × 1/3 = 1.333… h
        expect(s.Workshop.hoursPerAccount).toBeCloseTo(0.666666666667, 12); // 8 h × 1/12 = 0.666… h
        expect(s.Kickoff.hoursPerAccount).toBe(0); // once: no monthly per-account effort
    });

    it('uptake defaults to 100% and keeps a declared share', () => {
        expect(s.QBR.uptake).toBe(1);
        expect(s.Workshop.uptake).toBe(0.25);
    });

    it('seats are null for one-to-one services and S for one-to-many ones', () => {
        expect(s.QBR.seats).toBeNull();
        expect(s.Webinar.seats).toBe(200);
    });

    it('effort hours per occurrence are kept as declared', () => {
        expect(s.QBR.effortHours).toBe(4);
        expect(s.Kickoff.effortHours).toBe(12);
    });
});
