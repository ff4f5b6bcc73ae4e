import { describe, expect, it } from 'vitest';
import { build, withCode } from '../helpers.js';

/** `file` and `separator`, which data (§14) and actuals (§15) blocks share, are checked alike. */
describe('the file a data or actuals block names', () => {
    it('an empty path is an error on the path, saying what the file is', async () => {
        const m = await build(
            'model M { start 2027-01 }\nrole CSM { hours 160h / month }\n' +
                'data crm { file ""  tier "Segment" }\n' +
                'actuals q { file ""  date "D"  agent "A"  hours "H"  service "S" }\n',
        );
        expect(withCode(m, 'CAP088').map(d => [d.line, d.column, d.text, d.message])).toEqual([
            [3, 17, '""', '`file` names the CSV export, relative to this file: `file "data/accounts.csv"`'],
        ]);
        expect(withCode(m, 'CAP090').map(d => [d.line, d.column, d.text, d.message])).toEqual([
            [4, 18, '""', '`file` names the time log, relative to this file: `file "data/time.csv"`'],
        ]);
    });

    it('a separator is one character or tab, in both blocks', async () => {
        const m = await build(
            'data crm { file "a.csv"  tier "Segment"  separator ";;" }\n' +
                'actuals q { file "t.csv"  date "D"  agent "A"  hours "H"  service "S"  separator ";;" }\n',
        );
        const lines = withCode(m, 'CAP088')
            .concat(withCode(m, 'CAP090'))
            .filter(d => d.text === '";;"')
            .map(d => d.line);
        expect(lines.sort()).toEqual([1, 2]);
    });
});
