/**
 * Puts the tables of a results file into README.md, between the `bench:results` markers of the
 * Performance section: `npm run bench:readme` after a full `npm run bench`.
 *
 *   node --experimental-strip-types bench/readme.ts [results.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderTables } from './report.ts';
import type { BenchResults } from './report.ts';

const readme = fileURLToPath(new URL('../README.md', import.meta.url));
const file = process.argv[2] ?? fileURLToPath(new URL('results/latest.json', import.meta.url));
const results = JSON.parse(readFileSync(file, 'utf-8')) as BenchResults;
if (results.options.quick) throw new Error(`${file} is a quick run: its figures are not for the README`);
const start = '<!-- bench:results:start -->';
const end = '<!-- bench:results:end -->';
const text = readFileSync(readme, 'utf-8');
const from = text.indexOf(start);
const to = text.indexOf(end);
if (from < 0 || to < from) throw new Error(`README.md has no ${start} ... ${end} block`);
writeFileSync(readme, `${text.slice(0, from + start.length)}\n${renderTables(results)}${text.slice(to)}`);
process.stdout.write(`README.md: tables of ${results.date}\n`);
