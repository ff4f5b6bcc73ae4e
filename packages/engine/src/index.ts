export * from './model.js';
export * from './results.js';
export * from './units.js';
export * from './numeric.js';
export * from './evaluate.js';
export * from './report.js';
export * from './format.js';
