export * from './catalogue.js';
export * from './stats.js';
