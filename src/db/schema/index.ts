export * from './catalogue.js';
export * from './access.js';
export * from './procurements.js';
export * from './stats.js';
export * from './imports.js';
export * from './collaboration.js';
export * from './serviceEditing.js';
export * from './quality.js';
