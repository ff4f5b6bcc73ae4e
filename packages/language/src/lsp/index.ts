export * from './cap-lsp-module.js';
export * from './server.js';
export * from './settings.js';
export * from './code-lens.js';
export * from './preview-notification.js';
export { describeMeasure } from './hover.js';
