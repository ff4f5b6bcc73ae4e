import { describe, expect, it } from 'vitest';
import { createCapServices, fileUri, loadModel, memoryFileReader } from '@cap/language';
import { previewsOf } from '../../packages/language/src/lsp/preview-notification.js';

/**
 * The preview's report lists a time log's own problems (spec §15: cells that cannot be read are
 * errors in the CSV) like `cap build`'s report does, not only a CRM export's.
 */
describe('cap/preview: the diagnostics of the data files a model reads', () => {
    it("include the time log's cells, as cap build's report does", async () => {
        const services = createCapServices();
        const files = {
            '/m/plan.cap':
                'model M { start 2027-01 }\nrole CSM { hours 160h / month }\n' +
                'service QBR { role CSM  effort 8h every quarter }\n' +
                'tier T { accounts 30  services QBR }\nagent a "Ann" { role CSM }\n' +
                'actuals q { file "time.csv"  date "Date"  agent "Who"  hours "Hours"  service "Type" }\n',
            // Row 3's date is not a date: CAP110 at line 3, column 1 of time.csv.
            '/m/time.csv': 'Date,Who,Hours,Type\n2027-01-05,Ann,2,QBR\nlater,Ann,1,QBR\n',
        };
        const model = await loadModel(services, fileUri('/m/plan.cap'), memoryFileReader(files));
        const [preview] = previewsOf(services.Cap, model.documents);
        const fromLog = preview.report.diagnostics.filter(d => d.file === 'time.csv');
        expect(fromLog.map(d => [d.code, d.line, d.column])).toEqual([['CAP110', 3, 1]]);
    });
});
