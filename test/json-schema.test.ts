/**
 * The JSON Schemas of the exported schemas, as a service publishing them sees them: every field
 * says what it accepts. A field whose schema is `{}` (or only a description) accepts anything in
 * JSON; the time and amount fields, read by the library's own readers, once came out that way.
 */
import { describe, expect, it } from 'vitest';
import { publicApi } from './support/public-api.js';

const { toJsonSchema } = publicApi;

type Node = Record<string, unknown>;

/** The paths of the properties, at any depth, whose schema constrains nothing. */
function unconstrained(node: unknown, path: string, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const [i, child] of node.entries()) unconstrained(child, `${path}[${i}]`, out);
    return out;
  }
  if (typeof node !== 'object' || node === null) return out;
  const schema = node as Node;
  if (typeof schema.properties === 'object' && schema.properties !== null) {
    for (const [name, child] of Object.entries(schema.properties as Node)) {
      const keys = Object.keys(child as Node).filter((key) => key !== 'description');
      if (keys.length === 0) out.push(`${path}.${name}`);
      unconstrained(child, `${path}.${name}`, out);
    }
  }
  for (const key of ['items', 'anyOf', 'oneOf', 'allOf', 'prefixItems']) {
    if (key in schema) unconstrained(schema[key], `${path}/${key}`, out);
  }
  return out;
}

const schemas = Object.entries(publicApi).filter(
  ([name, value]) => name.endsWith('Schema') && typeof value === 'object',
);

describe('toJsonSchema of every exported schema', () => {
  it('finds the exported schemas', () => {
    expect(schemas.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'transactionSchema',
        'summaryOptionsSchema',
        'planMetricsFromLogOptionsSchema',
        'segmentationInputSchema',
      ]),
    );
  });

  it('constrains every field but the two function hooks, which JSON cannot carry', () => {
    const found = schemas.flatMap(([name, schema]) =>
      unconstrained(toJsonSchema(schema as Parameters<typeof toJsonSchema>[0]), name),
    );
    expect(found).toEqual([
      'classifyOptionsSchema.atRisk.aliveProbability.probability',
      'classifyOptionsSchema.rules/items.test',
    ]);
  });
});

describe('toJsonSchema of time and amount fields', () => {
  const properties = (schema: unknown) =>
    toJsonSchema(schema as Parameters<typeof toJsonSchema>[0]).properties as Record<string, Node>;
  const types = (field: Node | undefined): unknown[] => {
    if (field === undefined) return [];
    if (Array.isArray(field.anyOf)) return (field.anyOf as Node[]).map((branch) => branch.type);
    return Array.isArray(field.type) ? field.type : [field.type];
  };

  it("describes a transaction's fields: id, time and amount as JSON carries them", () => {
    const row = properties(publicApi.transactionSchema);
    expect(types(row.customerId)).toEqual(['string', 'number']);
    expect(types(row.at)).toEqual(['string', 'string', 'string', 'number']);
    expect(types(row.amount)).toEqual(['number', 'string']);
    const [number, text] = (row.amount?.anyOf ?? []) as Node[];
    // A refund (a negative amount) is refused by the readers, so by the schema too.
    expect(number).toMatchObject({ type: 'number', minimum: 0 });
    const pattern = new RegExp(text?.pattern as string);
    expect(['10.50', '0', '+3', '1e2'].map((s) => pattern.test(s))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['-3', '1,234.50', '$12', ' 12.5 ', ''].some((s) => pattern.test(s))).toBe(false);
  });

  it.each([
    ['summaryOptionsSchema', ['asOf']],
    ['cohortRetentionOptionsSchema', ['asOf']],
    ['customerCountsOptionsSchema', ['periodStart', 'periodEnd']],
    ['calibrationHoldoutOptionsSchema', ['calibrationEnd', 'observationEnd']],
    ['planMetricsFromLogOptionsSchema', ['periodStart', 'periodEnd', 'previousPeriodStart']],
  ] as const)('%s: %j are strings or numbers', (name, fields) => {
    const props = properties(publicApi[name]);
    for (const field of fields) {
      expect(types(props[field])).toEqual(['string', 'string', 'string', 'number']);
    }
  });

  it("planMetricsFromLog's activeWithin is whole days, as customerCounts' is", () => {
    // 1 to 300 years of 365.25 days = 109,575 days (src/core/bounds.ts MAX_DAYS).
    expect(properties(publicApi.planMetricsFromLogOptionsSchema).activeWithin).toMatchObject({
      type: 'integer',
      exclusiveMinimum: 0,
      maximum: 109_575,
    });
    expect(properties(publicApi.customerCountsOptionsSchema).activeWithin).toEqual({
      type: 'integer',
      exclusiveMinimum: 0,
      maximum: 109_575,
    });
  });
});
