export * from './catalogue.js';
export * from './access.js';
export * from './procurements.js';
export * from './collaboration.js';
