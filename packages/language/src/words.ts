/** How messages put words together. */

/** `a tier`, `an agent` */
export function a(word: string): string {
    return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** `a, b or c`, `a, b and c` */
export function words(list: string[], conjunction: 'or' | 'and'): string {
    return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} ${conjunction} ${list[list.length - 1]}`;
}

/** What messages and hovers call each kind of declaration (`Duplicate tier name`, `**role CSM**`). */
const DECLARATION_WORDS: Record<string, string> = {
    ModelDecl: 'model',
    Role: 'role',
    Service: 'service',
    Tier: 'tier',
    Agent: 'agent',
    Scenario: 'scenario',
    Data: 'data block',
    Actuals: 'actuals block',
};

/** The word for a declaration node, or undefined for any other node. */
export function declarationWord(node: { $type: string }): string | undefined {
    return DECLARATION_WORDS[node.$type];
}
