import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The preview's colours, read from media/preview.css as each theme sets them: every colour that
 * tells two things apart must do so for people with each kind of colour blindness too, and keep
 * its contrast against the theme's background (WCAG 1.4.11: 3:1 for graphics; 4.5:1 for the text
 * on a tile). Colour blindness is simulated with Machado, Oliveira and Fernandes (2009) at full
 * severity, in linear RGB; distances are CIE76 ΔE in CIELAB (about 2.3 is just noticeable).
 */

const css = readFileSync(resolve(__dirname, '../../packages/vscode/media/preview.css'), 'utf-8');

/** The `--cap-*` declarations of the block whose selector is exactly `selector`. */
function block(selector: string): Record<string, string> {
    const at = css.indexOf(`\n${selector} {`);
    if (at < 0) return {};
    const body = css.slice(css.indexOf('{', at) + 1, css.indexOf('}', at));
    return Object.fromEntries([...body.matchAll(/(--cap-[a-z-]+)\s*:\s*([^;]+);/g)].map(m => [m[1], m[2].trim()]));
}

/** Each theme: its body class, and the editor background of VS Code's default theme of that kind. */
const THEMES = {
    light: { vars: block('body'), background: '#ffffff' },
    dark: { vars: { ...block('body'), ...block('body.vscode-dark') }, background: '#1f1f1f' },
    'high contrast': { vars: { ...block('body'), ...block('body.vscode-high-contrast') }, background: '#000000' },
    'high contrast light': {
        vars: { ...block('body'), ...block('body.vscode-high-contrast-light') },
        background: '#ffffff',
    },
};

function resolveColor(vars: Record<string, string>, name: string): string {
    let value = vars[name];
    for (let i = 0; value?.startsWith('var(') && i < 5; i++) value = vars[/var\((--cap-[a-z-]+)/.exec(value)![1]];
    if (!value || !/^#[0-9a-f]{6}$/i.test(value)) throw new Error(`${name} is not a colour in preview.css: ${value}`);
    return value;
}

type Rgb = [number, number, number];
const linear = (hex: string): Rgb =>
    [1, 3, 5].map(i => {
        const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as Rgb;
const luminance = ([r, g, b]: Rgb) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
const contrast = (a: string, b: string) => {
    const [x, y] = [luminance(linear(a)), luminance(linear(b))].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
};

const SIMULATIONS: Record<string, number[][]> = {
    normal: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
    ],
    protanopia: [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ],
    deuteranopia: [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.01182, 0.04294, 0.968881],
    ],
    tritanopia: [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.3039],
    ],
};

function lab(rgb: Rgb): Rgb {
    const [r, g, b] = rgb.map(c => Math.min(1, Math.max(0, c)));
    const xyz = [
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    ].map(t => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116));
    return [116 * xyz[1] - 16, 500 * (xyz[0] - xyz[1]), 200 * (xyz[1] - xyz[2])];
}

function distance(a: string, b: string, matrix: number[][]): number {
    const seen = (hex: string) => lab(matrix.map(row => row.reduce((s, m, i) => s + m * linear(hex)[i], 0)) as Rgb);
    const [p, q] = [seen(a), seen(b)];
    return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

/** Colours that must be told apart, because one chart shows them side by side. */
const GROUPS = {
    'load bands': ['--cap-band-low', '--cap-band-ok', '--cap-band-high', '--cap-band-over'],
    'demand and capacity': ['--cap-demand', '--cap-capacity'],
    'required and staffed FTE, hires': ['--cap-required', '--cap-staffed', '--cap-hire'],
    'cost to serve and CLV': ['--cap-cost', '--cap-clv'],
};
/** Marks drawn on the page's background. */
const GRAPHICS = [
    '--cap-demand',
    '--cap-capacity',
    '--cap-cost',
    '--cap-clv',
    '--cap-accounts',
    '--cap-required',
    '--cap-staffed',
    '--cap-hire',
];
/** A clear difference at a glance, for every kind of vision. */
const MIN_DELTA_E = 12;

describe.each(Object.entries(THEMES))("the preview's colours in the %s theme", (_theme, { vars, background }) => {
    it.each(Object.entries(GROUPS))(
        '%s: every pair stays apart for normal vision and each colour blindness',
        (_group, names) => {
            const colors = names.map(n => resolveColor(vars, n));
            for (const [kind, matrix] of Object.entries(SIMULATIONS)) {
                for (let i = 0; i < colors.length; i++) {
                    for (let j = i + 1; j < colors.length; j++) {
                        expect(
                            distance(colors[i], colors[j], matrix),
                            `${names[i]} ${colors[i]} against ${names[j]} ${colors[j]}, ${kind}`,
                        ).toBeGreaterThanOrEqual(MIN_DELTA_E);
                    }
                }
            }
        },
    );

    it('lines and bars keep 3:1 against the background; tile text 4.5:1 on every band', () => {
        for (const name of GRAPHICS)
            expect(contrast(resolveColor(vars, name), background), name).toBeGreaterThanOrEqual(3);
        const text = resolveColor(vars, '--cap-tile-text');
        for (const band of GROUPS['load bands'])
            expect(contrast(text, resolveColor(vars, band)), band).toBeGreaterThanOrEqual(4.5);
    });
});
