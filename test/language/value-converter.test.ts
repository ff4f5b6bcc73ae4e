import { describe, expect, it } from 'vitest';
import { ValueConverter } from 'langium';
import { convertCapString } from '@cap/language';

describe('strings', () => {
    it('unquote as Langium unquotes them, escapes included', () => {
        for (const s of ['""', '"Quarterly business review"', '"a\\"b"', '"\\\\"', '"\\n\\t x"', '"Über €£ 🚀"']) {
            expect(convertCapString(s), s).toBe(ValueConverter.convertString(s));
        }
    });
});
