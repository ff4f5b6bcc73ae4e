import { it } from 'vitest';
import { evaluate } from '@cap/engine';
import { agent, model, monthly, role, service, tier, ym } from '/work/wt-plan/test/engine/build.js';
it('bench', () => {
    const roles = Array.from({ length: 10 }, (_, i) => role(`R${i}`, { costPerMonth: 5000, rampMonths: 3 }));
    const services = Array.from({ length: 50 }, (_, i) => service(`S${i}`, `R${i % 10}`, { effortHours: 1, frequency: monthly }));
    const tiers = Array.from({ length: 100 }, (_, i) => tier(`T${i}`, { accounts: 100 + i, newPerMonth: 5, retention: { kind: 'churn', rate: 0.02, months: 1 }, services: services.slice(i % 40, i % 40 + 10).map(s => s.name) }));
    const agents = Array.from({ length: 5000 }, (_, i) => agent(`a${i}`, `R${i % 10}`, { tiers: i % 3 === 0 ? [`T${i % 100}`] : null, start: ym(2026, 1 + (i % 24)) }));
    const m = model({ start: ym(2027, 1), horizonMonths: 36, roles, services, tiers, agents });
    for (let k = 0; k < 5; k++) { const t = performance.now(); const r = evaluate(m); console.log('snapshot', (performance.now() - t).toFixed(1), 'ms', r.findings.length); }
});
