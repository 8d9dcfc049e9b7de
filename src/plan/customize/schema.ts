/**
 * The field-by-field zod schema of a plan's customisation; the checks across fields are in
 * `resolve.ts`.
 *
 * @module
 */
import * as z from 'zod';
import type { Decimal } from '../../core/numeric.js';
import {
  nonNegativeMoneySchema,
  nonNegativeSchema,
  numericSchema,
  rateSchema,
} from '../../core/schemas.js';
import {
  PLAN_METRIC_IDS,
  PLAN_ROLE_IDS,
  PLAN_STEP_IDS,
  type PlanMetricId,
} from '../catalog/types.js';
import { planIdSchema } from '../internal/schemas.js';
import { KPI_DIRECTIONS, KPI_UNITS, MAX_PLAN_TEXT_LENGTH, REVIEW_PERIODS } from '../model.js';

/** A non-blank text of at most {@link MAX_PLAN_TEXT_LENGTH} code units, taken as written. */
const userText = z
  .string()
  .refine((s) => s.trim() !== '', { message: 'must not be blank' })
  .refine((s) => s.length <= MAX_PLAN_TEXT_LENGTH, {
    message: `must be at most ${MAX_PLAN_TEXT_LENGTH} characters long`,
  });

const customId = planIdSchema;

const metricRefs = z.array(customId).optional();

const stepFields = {
  title: userText,
  description: userText,
  tasks: z.array(userText).min(1),
  example: userText.optional(),
  owners: z.array(z.enum(PLAN_ROLE_IDS)).min(1),
  consumes: metricRefs,
  produces: metricRefs,
  kpis: metricRefs,
};

const TARGET_SCHEMAS: Readonly<Record<PlanMetricId, z.ZodType<Decimal, unknown>>> = {
  churnRate: rateSchema,
  retentionRate: rateSchema,
  repeatPurchaseRate: rateSchema,
  positiveReviews: rateSchema,
  averageOrderValue: nonNegativeMoneySchema,
  purchaseFrequency: nonNegativeSchema,
  customerLifetimeValue: nonNegativeMoneySchema,
};

/** The schema of `PlanCustomization`, before the checks across fields. @internal */
export const customizationSchema = z.strictObject({
  remove: z.array(z.enum(PLAN_STEP_IDS)).optional(),
  replace: z.array(z.strictObject({ id: z.enum(PLAN_STEP_IDS), ...stepFields })).optional(),
  add: z
    .array(z.strictObject({ id: customId, after: customId.optional(), ...stepFields }))
    .optional(),
  order: z.array(customId).optional(),
  owners: z
    .array(z.strictObject({ step: customId, roles: z.array(z.enum(PLAN_ROLE_IDS)).min(1) }))
    .optional(),
  cadence: z.enum(REVIEW_PERIODS).optional(),
  targets: z
    .strictObject(
      Object.fromEntries(PLAN_METRIC_IDS.map((m) => [m, TARGET_SCHEMAS[m].optional()])) as {
        [M in PlanMetricId]: z.ZodOptional<z.ZodType<Decimal, unknown>>;
      },
    )
    .optional(),
  kpis: z
    .array(
      z.strictObject({
        metric: customId,
        name: userText,
        description: userText,
        unit: z.enum(KPI_UNITS),
        direction: z.enum(KPI_DIRECTIONS),
        baseline: numericSchema.optional(),
        target: numericSchema.optional(),
        steps: z.array(customId).optional(),
      }),
    )
    .optional(),
});

/** A customisation after parsing. @internal */
export type ParsedCustomization = z.output<typeof customizationSchema>;

/** A user's step after parsing. @internal */
export type ParsedStep = NonNullable<ParsedCustomization['add']>[number];

/** A custom KPI after parsing, its values not yet checked against its unit. @internal */
export type ParsedKpi = NonNullable<ParsedCustomization['kpis']>[number];
