/**
 * The dashboard's charts, in the order the preview shows them. The extension renders each one's
 * section from the report; the webview script draws each one's chart. A new chart is a module
 * exporting a `Chart` (see chart.ts), added here.
 */
import { actualsChart } from './actuals.js';
import { agentsChart } from './agents.js';
import { booksChart } from './books.js';
import type { Chart } from './chart.js';
import { forecastChart } from './forecast.js';
import { rolesChart } from './roles.js';
import { tiersChart } from './tiers.js';

// Each chart's figures are its own type; the list holds them alike, as the webview gets them: JSON.
// biome-ignore lint/suspicious/noExplicitAny: each chart's figures are its own type
export const CHARTS: readonly Chart<any>[] = [
    rolesChart,
    tiersChart,
    agentsChart,
    booksChart,
    actualsChart,
    forecastChart,
];
