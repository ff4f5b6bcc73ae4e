import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '@cap/language';

describe('did you mean', () => {
    it('counts an insertion, a deletion, a replacement and a swap of neighbours as one edit each', () => {
        expect(editDistance('tier', 'tier')).toBe(0);
        expect(editDistance('teir', 'tier')).toBe(1); // swap
        expect(editDistance('servces', 'services')).toBe(1); // insertion
        expect(editDistance('hourss', 'hours')).toBe(1); // deletion
        expect(editDistance('tiar', 'tier')).toBe(1); // replacement
        expect(editDistance('midmarkt', 'midmarket')).toBe(1);
        expect(editDistance('ca', 'abc')).toBe(3); // optimal string alignment: no edit of a swapped pair
        expect(editDistance('', 'abc')).toBe(3);
    });

    it('prefers a name that differs only in case, then the closest, then the first given', () => {
        expect(didYouMean('csm', ['CMS', 'CSM'])).toBe('CSM');
        expect(didYouMean('K', ['k', 'M'])).toBe('k');
        expect(didYouMean('Midmarket', ['Enterprise', 'MidMarket', 'SMB'])).toBe('MidMarket');
        expect(didYouMean('teir', ['role', 'service', 'tier', 'agent'])).toBe('tier');
        expect(didYouMean('hihg', ['high', 'low', 'tech'])).toBe('high');
        expect(didYouMean('CMS', ['CSM', 'Scale'])).toBe('CSM');
        // `Enterprice` is one edit from `Enterprise`, two from `Enterprises`.
        expect(didYouMean('Enterprice', ['Enterprises', 'Enterprise'])).toBe('Enterprise');
        expect(didYouMean('abcd', ['abce', 'abcf'])).toBe('abce');
    });

    it('allows two edits from five characters, one from three, only case below', () => {
        expect(didYouMean('Midmrkt', ['MidMarket'])).toBe('MidMarket'); // two edits, 7 characters
        expect(didYouMean('Mdmrkt', ['MidMarket'])).toBeUndefined(); // three edits
        expect(didYouMean('tere', ['tier'])).toBeUndefined(); // two edits, 4 characters
        expect(didYouMean('QBX', ['QBR'])).toBe('QBR');
        expect(didYouMean('ab', ['ac'])).toBeUndefined();
        expect(didYouMean('AB', ['ab'])).toBe('ab');
    });

    it('suggests nothing for the word itself, or when nothing is close', () => {
        expect(didYouMean('tier', ['tier'])).toBeUndefined();
        expect(didYouMean('Onboarding', ['CSM', 'Scale'])).toBeUndefined();
        expect(didYouMean('x', [])).toBeUndefined();
    });
});
