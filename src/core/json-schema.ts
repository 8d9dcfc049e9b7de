/**
 * The JSON Schema generator of the library's schemas: the `retention-metrics/json-schema` entry
 * (zod's generator is some 6 KB gzipped, which a bundle that only validates does not need).
 *
 * @module
 */
import * as z from 'zod/mini';
import { describeValue, RetentionMetricsError } from './errors.js';
import { type JsonSchema, jsonFragmentOf } from './schemas.js';

/**
 * Whether `value` is a zod 4 schema, of the mini or the classic build: zod lists `$ZodType` among
 * every schema's traits. (Not `instanceof z.core.$ZodType`: a bundler cannot tree-shake that
 * reference to zod's core namespace, and would pull all of it, locales included.)
 */
function isZodSchema(value: unknown): value is z.core.$ZodType {
  if (typeof value !== 'object' || value === null) return false;
  const traits: unknown = (value as Partial<z.core.$ZodType>)._zod?.traits;
  return traits instanceof Set && traits.has('$ZodType');
}

/**
 * The JSON Schema (draft 2020-12) of the JSON form of a schema's input: numbers as JSON numbers
 * or decimal strings, timestamps as ISO-8601 strings or epoch milliseconds.
 *
 * @param schema - One of the library's exported schemas.
 * @returns A plain JSON Schema object.
 *
 * @throws {RetentionMetricsError} INVALID_INPUT when `schema` is not a zod schema.
 * @example
 * ```ts
 * import { retentionRateInputSchema } from 'retention-metrics';
 * import { toJsonSchema } from 'retention-metrics/json-schema';
 * const schema = toJsonSchema(retentionRateInputSchema);
 * schema.required; // => ['startCustomers', 'endCustomers']
 * ```
 * @category Schemas
 */
export function toJsonSchema(schema: z.core.$ZodType): JsonSchema {
  if (!isZodSchema(schema)) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `toJsonSchema: schema must be one of the library's exported schemas (received ${describeValue(schema)})`,
      { path: ['schema'] },
    );
  }
  return z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override(ctx) {
      const fragment = jsonFragmentOf(ctx.zodSchema as unknown as z.core.$ZodType);
      if (fragment === undefined) return;
      const target = ctx.jsonSchema as JsonSchema;
      for (const key of Object.keys(target)) delete target[key];
      Object.assign(target, JSON.parse(JSON.stringify(fragment)));
    },
  }) as JsonSchema;
}
