/** How messages put words together. */

/** `a tier`, `an agent` */
export function a(word: string): string {
    return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** `a, b or c`, `a, b and c` */
export function words(list: string[], conjunction: 'or' | 'and'): string {
    return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} ${conjunction} ${list[list.length - 1]}`;
}
