import { describe, expect, it } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { expectFindReferences, expectGoToDefinition, expectSymbols } from 'langium/test';
import { createCapLspServices } from '@cap/language/lsp';

/** The single-file cases through Langium's own test helpers (ranges marked in the text). */
const services = createCapLspServices(EmptyFileSystem).Cap;

describe('navigation within a file (langium/test)', () => {
    it('goes to the role a service names', async () => {
        await expectGoToDefinition(services)({
            text: 'role <|CSM|> { hours 160h / month }\nservice QBR { role C<|>SM effort 1h every month }',
            index: 0,
            rangeIndex: 0,
            disposeAfterCheck: true,
        });
    });

    it('finds the declaration and every use of a tier', async () => {
        await expectFindReferences(services)({
            text: 'role CSM { hours 160h / month }\ntier <|<|>SMB|> { accounts 1 }\nagent a { role CSM tiers <|SMB|> }\nagent b { role CSM tiers <|SMB|> }',
            includeDeclaration: true,
            disposeAfterCheck: true,
        });
    });

    it('outlines declarations and the overhead items of a role', async () => {
        await expectSymbols(services)({
            text: 'model M {}\nrole CSM { hours 160h / month overhead { meetings 24h / month } }\ntier SMB { accounts 1 }\nscenario Up { tier SMB { accounts 2 } }',
            assert: symbols => {
                expect(symbols.map(s => s.name)).toEqual(['M', 'CSM', 'SMB', 'Up']);
                expect(symbols[1].children?.map(s => s.name)).toEqual(['meetings']);
                expect(symbols[3].children?.map(s => s.name)).toEqual(['SMB']);
            },
            disposeAfterCheck: true,
        });
    });
});
