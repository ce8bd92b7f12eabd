export * from './catalogue.js';
export * from './imports.js';
