export * from './enums.js';
export * from './errors.js';
export * from './fiscal-code.js';
export * from './lifecycle.js';
export * from './case-number.js';
export * from './validity.js';
export * from './api.js';
export * from './api-portal.js';
