import { createHash } from 'node:crypto';
import { dirname, relative, sep } from 'node:path';
import type { LoadedModel } from '@cap/language';
import type { Source } from './sheets.js';

/**
 * The model's `.cap` files with the sha256 of the text the figures were computed from, as UTF-8
 * (what `sha256sum` prints for the file as it was read), the entry file first, paths relative to
 * the entry file's folder with `/`, as the report's own `file` fields are (spec §13a): a finance
 * reader can tell exactly which version of the plan the figures come from.
 */
export function modelSources(model: LoadedModel): Source[] {
    const folder = dirname(model.documents[0].uri.fsPath);
    return model.documents.map(document => {
        const path = document.uri.fsPath;
        return {
            kind: 'model',
            file: relative(folder, path).split(sep).join('/'),
            sha256: createHash('sha256').update(document.textDocument.getText(), 'utf8').digest('hex'),
        };
    });
}
