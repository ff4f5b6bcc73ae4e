/**
 * A workload for `node --cpu-prof`: builds one generated plan again and again, as the benchmark
 * does, so that a profile shows where a build spends its time.
 *
 *   npm run bench:profile -- L 5            # writes bench/results/profile/*.cpuprofile, prints the top
 *
 * Arguments: size (S, M, L or a scale such as 2.75) and the number of builds.
 */
import { URI } from 'langium';
import { createCapServices } from '@cap/language';
import { SIZES, generateModel } from './generate.ts';

const size = process.argv[2] ?? 'M';
const builds = Number(process.argv[3] ?? 10);
const text = generateModel(SIZES[size] ?? Number(size));
const { shared, Cap } = createCapServices();
void Cap.parser.LangiumParser;

for (let i = 0; i < builds; i++) {
    const uri = URI.file(`/profile/plan-${i}.cap`);
    const start = performance.now();
    const doc = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
    shared.workspace.LangiumDocuments.addDocument(doc);
    await shared.workspace.DocumentBuilder.build([doc], { validation: true });
    process.stdout.write(`build ${i + 1}: ${(performance.now() - start).toFixed(1)} ms\n`);
    await shared.workspace.DocumentBuilder.update([], [uri]);
}
