import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Codes } from '@cap/language';
import { build, diagnostics } from '../helpers.js';

/**
 * docs/diagnostics.md explains every code, and its single-file examples print exactly the lines
 * it shows: the page a CI log links to cannot drift from what `cap check` says.
 */

const doc = readFileSync(resolve(__dirname, '../../docs/diagnostics.md'), 'utf-8');
const SEVERITY: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/** Each code's section: from its anchor to the next one. */
const sections = doc.split(/<a id="(cap\d{3})"><\/a>/).slice(1);
const byCode = new Map<string, string>();
for (let i = 0; i < sections.length; i += 2) byCode.set(sections[i].toUpperCase(), sections[i + 1]);

describe('docs/diagnostics.md', () => {
    it('has a section and a summary row for every code', () => {
        for (const code of Object.values(Codes)) {
            expect(byCode.has(code), code).toBe(true);
            expect(doc, code).toContain(`| [${code}](#${code.toLowerCase()}) |`);
        }
    });

    /**
     * Each single-file example: a `cap` block directly followed by the `text` block it prints. A
     * `csv` block right before the model is the `data/accounts.csv` it reads.
     */
    const examples: [string, number, string, string[], Record<string, string> | undefined][] = [];
    for (const [code, body] of byCode) {
        // A `csv` block is the file named just before it (`data/time.csv`:), `data/accounts.csv` by default.
        const blocks = [...body.matchAll(/(?:`([\w/.-]+\.csv)`:\s*)?```(cap|text|csv)\n([\s\S]*?)```/g)].map(b => ({
            path: b[1] ?? 'data/accounts.csv',
            lang: b[2],
            text: b[3],
        }));
        blocks.forEach((block, i) => {
            const next = blocks[i + 1];
            const multiFile = blocks[i - 1]?.lang === 'cap';
            if (block.lang !== 'cap' || next?.lang !== 'text' || multiFile || next.text.includes('looked for')) return;
            const csvs = blocks.slice(0, i).filter(b => b.lang === 'csv');
            const csv =
                blocks[i - 1]?.lang === 'csv' ? Object.fromEntries(csvs.map(b => [`/m/${b.path}`, b.text])) : undefined;
            examples.push([
                code,
                examples.filter(e => e[0] === code).length + 1,
                block.text,
                next.text.trim().split('\n'),
                csv,
            ]);
        });
    }

    it.each(examples)('%s, example %d, prints the lines shown', async (code, _n, source, shown, csv) => {
        const m = await build({ '/m/plan.cap': source, ...csv }, '/m/plan.cap');
        const printed = diagnostics(m)
            .filter(d => d.code === code)
            .map(
                d =>
                    `${d.file.slice('/m/'.length)}:${d.line}:${d.column} - ${SEVERITY[d.severity ?? 1]} ${d.code}: ${d.message}`,
            );
        expect(printed).toEqual(shown.filter(line => line.includes(` ${code}: `)));
    });
});
