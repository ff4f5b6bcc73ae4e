import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The extension's README (its Marketplace and Open VSX page) shows how to install it, every setting and every command. */
const root = join(__dirname, '../..');
const readme = readFileSync(join(root, 'packages/vscode/README.md'), 'utf-8');
const manifest = JSON.parse(readFileSync(join(root, 'packages/vscode/package.json'), 'utf-8'));

describe('packages/vscode/README.md', () => {
    it('shows the install from the Visual Studio Marketplace and Open VSX', () => {
        expect(readme).toContain('code --install-extension cap-lang.cap-vscode');
        expect(readme).toContain(`marketplace.visualstudio.com/items?itemName=${manifest.publisher}.${manifest.name}`);
        expect(readme).toContain(`open-vsx.org/extension/${manifest.publisher}/${manifest.name}`);
    });

    it('names every setting, with its default', () => {
        const table = readme.slice(readme.indexOf('## Settings'));
        for (const [key, setting] of Object.entries<{ default: unknown }>(
            manifest.contributes.configuration.properties,
        )) {
            const [group, , last] = key.split('.');
            const row = table
                .split('\n')
                .find(line => line.includes(`\`${key}\``) || (group === 'cap' && line.includes(`\`.${last}\``)));
            expect(row, key).toBeDefined();
            expect(row, key).toContain(`\`${String(setting.default)}\``);
        }
    });

    it('names every command', () => {
        for (const command of manifest.contributes.commands)
            expect(readme, command.command).toContain(`\`Cap: ${command.title}\``);
    });
});
