import type { ConfigurationProvider } from 'langium';

/** The kinds of inlay hint a user can switch off (`cap.inlayHints.<kind>`: false). */
export type HintKind = 'roles' | 'services' | 'tiers' | 'agents' | 'scenarios' | 'assertions';

export const HINT_KINDS: readonly HintKind[] = ['roles', 'services', 'tiers', 'agents', 'scenarios', 'assertions'];

/**
 * The server's view of the `cap` settings section, read synchronously by providers. A client that
 * sends no configuration (many editors outside VS Code) gets the defaults: every hint on.
 */
export class CapSettings {
    private hints: Partial<Record<HintKind, unknown>> = {};

    constructor(config: ConfigurationProvider) {
        config.onConfigurationSectionUpdate(update => {
            if (update.section === 'cap') this.apply(update.configuration);
        });
        void config.ready.then(async () =>
            this.apply({ inlayHints: await config.getConfiguration('cap', 'inlayHints') }),
        );
    }

    hintEnabled(kind: HintKind): boolean {
        return this.hints[kind] !== false;
    }

    private apply(section: unknown): void {
        const hints = (section as { inlayHints?: unknown } | undefined)?.inlayHints;
        this.hints = typeof hints === 'object' && hints !== null ? (hints as Partial<Record<HintKind, unknown>>) : {};
    }
}
