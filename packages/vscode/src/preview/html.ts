/**
 * HTML from model text: escaping, and the small pieces every section uses. Pure and free of
 * `vscode` and of the charting library, so that both the extension and the webview script can
 * import it, and vitest can test it.
 */

// Bidirectional controls (embedding, override, isolate) would let a title display reversed text,
// e.g. an "exe.txt" that reads as "txt.exe"; they are shown as their code point instead.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it replaces
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Model text as it may be shown anywhere: bidirectional controls as `[U+202E]`, other controls as U+FFFD. */
export function visibleText(value: unknown): string {
    return String(value ?? '')
        .replace(BIDI_CONTROLS, ch => `[U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`)
        .replace(CONTROL_CHARS, '\uFFFD');
}

/** Text for HTML content and double- or single-quoted attribute values, in HTML and in SVG. */
export function escapeHtml(value: unknown): string {
    return visibleText(value)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;')
        .replace(/`/g, '&#96;');
}

/**
 * A chart's figures as the value of a `data-` attribute: JSON whose every string is visible text
 * (the chart draws it as it arrives), then escaped for the attribute.
 */
export function dataAttribute(data: unknown): string {
    return escapeHtml(
        JSON.stringify(data, (_key, value: unknown) => (typeof value === 'string' ? visibleText(value) : value)),
    );
}

/** A table for screen readers (and "Show tables"): the first column heads each row. */
export function table(caption: string, head: string[], rows: string[][]): string {
    const headCells = head.map((h, i) => `<th scope="col"${i > 0 ? ' class="num"' : ''}>${escapeHtml(h)}</th>`);
    const cell = (c: string, i: number) =>
        i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td class="num">${escapeHtml(c)}</td>`;
    const bodyRows = rows.map(r => `<tr>${r.map(cell).join('')}</tr>`);
    return `<table><caption>${escapeHtml(caption)}</caption>
<thead><tr>${headCells.join('')}</tr></thead>
<tbody>${bodyRows.join('\n')}</tbody>
</table>`;
}
