/**
 * The files a model may read as data (spec section 14: a CRM export) that the client synchronises
 * with the server while they are open, so that unsaved edits count. A file saved again on disk
 * reaches the server through the file watcher the server registers for every file of the
 * workspace. They stay what they are to the editor: the server gives them no Cap features.
 */
export const DATA_FILES = '**/*.{csv,tsv}';
