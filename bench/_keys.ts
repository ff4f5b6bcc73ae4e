import { generateModel, EDIT_SCALE } from './generate.ts';
import { LspClient } from './lsp-client.ts';
import { DigitToggle } from './edit.ts';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path'; import { tmpdir } from 'node:os'; import { pathToFileURL } from 'node:url';
const text = generateModel(EDIT_SCALE);
const dir = mkdtempSync(join(tmpdir(), 'cb-')); writeFileSync(join(dir, 'p.cap'), text);
const uri = pathToFileURL(join(dir, 'p.cap')).toString();
const c = new LspClient(process.argv[2] ? ['--cpu-prof', '--cpu-prof-dir=' + process.argv[2]] : []); await c.initialize();
await c.open(uri, text);
const t = new DigitToggle(text, 'accounts', 1000); let v = 1;
const range = { start: { line: t.line - 30, character: 0 }, end: { line: t.line + 30, character: 0 } };
const times: number[] = [];
for (let i = 0; i < Number(process.argv[3] ?? 80); i++) {
  const before = c.publications(uri);
  const s = performance.now();
  const d = t.next(); await c.change(uri, ++v, { start: { line: t.line, character: t.character }, end: { line: t.line, character: t.character + 1 } }, d);
  await c.hints(uri, range); times.push(performance.now() - s);
  await c.publishedAfter(uri, before); await new Promise(r => setTimeout(r, 30));
}
const sorted = [...times].sort((a, b) => a - b);
console.log('median', sorted[Math.floor(sorted.length / 2)].toFixed(1), 'min', sorted[0].toFixed(1), times.map(x => x.toFixed(0)).join(' '));
await c.stop();
