/**
 * Former home of `quotientDecimal`, kept so that imports of this path keep working; the function
 * lives in `decimal-internals.ts`, the one module that knows decimal.js's digit fields.
 *
 * @module
 */
export { quotientDecimal } from './decimal-internals.js';
