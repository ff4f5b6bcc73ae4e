import type { CapModel } from './model.js';
import type { Results } from './results.js';
import type { AssertionResult, AssertionSpec } from './assertions.js';
import type { Forecast } from './forecast.js';
import type { ResultsDelta } from './delta.js';
import { checkAssertions } from './assertions.js';
import { delta } from './delta.js';
import { evaluate } from './evaluate.js';
import { forecast } from './forecast.js';

/**
 * Everything one build computes, at once: the base model's snapshot and forecast, every scenario
 * in full (spec section 10) with its own forecast and its difference from the base, and every
 * assertion (section 11).
 */

/** A scenario as the language hands it over: the base model with its overrides already applied. */
export interface ScenarioSpec {
    name: string;
    title: string | null;
    model: CapModel;
}

export interface ScenarioResults extends ScenarioSpec {
    results: Results;
    forecast: Forecast | null;
    /** Scenario minus base for roles, tiers and totals, per month. */
    delta: ResultsDelta;
}

export interface PlanResults {
    results: Results;
    forecast: Forecast | null;
    /** By scenario name, in declaration order; a name given twice keeps its first scenario. */
    scenarios: ReadonlyMap<string, ScenarioResults>;
    /** In the order the assertions are written (entry file first, then its imports). */
    assertions: AssertionResult[];
}

export function evaluatePlan(
    model: CapModel,
    scenarios: readonly ScenarioSpec[] = [],
    assertions: readonly AssertionSpec[] = [],
): PlanResults {
    const results = evaluate(model);
    const byName = new Map<string, ScenarioResults>();
    for (const s of scenarios) {
        if (byName.has(s.name)) continue;
        const scenario = evaluate(s.model);
        byName.set(s.name, { ...s, results: scenario, forecast: forecast(s.model), delta: delta(results, scenario) });
    }
    return {
        results,
        forecast: forecast(model),
        scenarios: byName,
        assertions: checkAssertions(assertions, { results, scenarios: byName }),
    };
}
