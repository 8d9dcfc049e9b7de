/**
 * The schema of the options of {@link classifyCustomers}.
 *
 * @module
 */
import * as z from 'zod/mini';
import { MAX_DAYS, MAX_MULTIPLE } from '../../core/bounds.js';
import { describeValue } from '../../core/errors.js';
import {
  addIssue,
  boundedNumberSchema,
  daysSchema,
  nonNegativeMoneySchema,
  numberOptionSchema,
  strictObject,
} from '../../core/schemas.js';
import type { CustomerId } from '../../transactions/log.js';
import { asOfFields, checkAsOf } from '../as-of.js';
import {
  BUILT_IN_PRIORITIES,
  BUILT_IN_SEGMENTS,
  type CustomerFacts,
  type CustomRuleResult,
} from './types.js';

const functionSchema = <F>() =>
  z.unknown().check(
    z.superRefine((value, ctx) => {
      if (typeof value !== 'function') {
        addIssue(ctx, `must be a function (received ${describeValue(value)})`, []);
      }
    }),
  ) as unknown as z.ZodMiniType<F, F>;

const probability = numberOptionSchema('a number from 0 to 1', (n) => n >= 0 && n <= 1, {
  type: 'number',
  minimum: 0,
  maximum: 1,
});
const RESERVED = new Set<string>(BUILT_IN_SEGMENTS);
const BUILT_IN_PRIORITY_VALUES = new Set(Object.values(BUILT_IN_PRIORITIES));

/**
 * The schema of {@link ClassifyOptions}, with its parsed type (for `classifyCustomers`).
 *
 * @internal
 */
export const classifyOptionsParser = strictObject({
  ...asOfFields,
  vip: z.optional(
    strictObject({
      topShare: z.optional(
        numberOptionSchema('a share in (0, 1]', (n) => n > 0 && n <= 1, {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 1,
        }),
      ),
      minRevenue: z.optional(nonNegativeMoneySchema),
      minOrders: z.optional(
        numberOptionSchema('an integer ≥ 1', (n) => Number.isInteger(n) && n >= 1, {
          type: 'integer',
          minimum: 1,
        }),
      ),
    }),
  ),
  newWithinDays: z.optional(boundedNumberSchema(MAX_DAYS, { zero: true })),
  atRisk: z.optional(
    strictObject({
      multiple: z.optional(boundedNumberSchema(MAX_MULTIPLE)),
      fallbackIntervalDays: z.optional(daysSchema),
      aliveProbability: z.optional(
        strictObject({
          threshold: probability,
          probability: functionSchema<(customerId: CustomerId) => number>(),
        }),
      ),
    }),
  ),
  lostAfterDays: z.optional(daysSchema),
  rules: z.optional(
    z.array(
      strictObject({
        name: z.string().check(z.minLength(1)),
        segment: z.string().check(z.minLength(1)),
        priority: numberOptionSchema('a finite number', () => true),
        test: functionSchema<(customer: CustomerFacts) => CustomRuleResult>(),
      }),
    ),
  ),
  disable: z.optional(z.array(z.string())),
  reasons: z.optional(z.boolean()),
  form: z.optional(z.enum(['rows', 'table'])),
}).check(
  z.superRefine((o, ctx) => {
    checkAsOf(ctx, o);
    const vip = o.vip;
    if (vip !== undefined && vip.topShare !== undefined) {
      for (const key of ['minRevenue', 'minOrders'] as const) {
        if (vip[key] !== undefined) {
          addIssue(
            ctx,
            `give either vip.topShare or thresholds (vip.minRevenue, vip.minOrders), not both`,
            ['vip', key],
          );
        }
      }
    }
    const atRisk = o.atRisk;
    if (atRisk?.aliveProbability !== undefined) {
      for (const key of ['multiple', 'fallbackIntervalDays'] as const) {
        if (atRisk[key] !== undefined) {
          addIssue(
            ctx,
            `give either atRisk.aliveProbability or the interval rule (atRisk.multiple, atRisk.fallbackIntervalDays), not both`,
            ['atRisk', key],
          );
        }
      }
    }
    const names = new Map<string, number>();
    const priorities = new Map<number, number>();
    (o.rules ?? []).forEach((rule, i) => {
      if (RESERVED.has(rule.name)) {
        addIssue(ctx, `'${rule.name}' is the name of a built-in rule`, ['rules', i, 'name']);
      }
      const earlier = names.get(rule.name);
      if (earlier !== undefined) {
        addIssue(ctx, `'${rule.name}' repeats rules[${earlier}].name`, ['rules', i, 'name']);
      }
      names.set(rule.name, i);
      if (BUILT_IN_PRIORITY_VALUES.has(rule.priority)) {
        addIssue(
          ctx,
          `${rule.priority} is the priority of a built-in rule (new 400, lost 300, at-risk 200, vip 100): choose another`,
          ['rules', i, 'priority'],
        );
      }
      const same = priorities.get(rule.priority);
      if (same !== undefined) {
        addIssue(ctx, `${rule.priority} repeats rules[${same}].priority`, ['rules', i, 'priority']);
      }
      priorities.set(rule.priority, i);
    });
    (o.disable ?? []).forEach((name, i) => {
      if (!(name in BUILT_IN_PRIORITIES) && !names.has(name)) {
        const known = [...Object.keys(BUILT_IN_PRIORITIES), ...names.keys()];
        addIssue(
          ctx,
          `'${name}' is not a rule name (known: ${known.map((k) => `'${k}'`).join(', ')})`,
          ['disable', i],
        );
      }
    });
  }),
);

/**
 * The schema of {@link ClassifyOptions}.
 *
 * @category Schemas
 */
export const classifyOptionsSchema: z.ZodMiniType<unknown, unknown> = classifyOptionsParser;
