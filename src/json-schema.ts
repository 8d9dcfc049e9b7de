/**
 * `retention-metrics/json-schema`: the JSON Schema of the library's exported schemas, for
 * services that publish or store them. A separate entry so that a bundle that only validates does
 * not carry zod's JSON Schema generator; the schemas themselves are exported by the main entry.
 *
 * @module retention-metrics/json-schema
 */
export { toJsonSchema } from './core/json-schema.js';
export type { JsonSchema } from './core/schemas.js';
