/**
 * The field-by-field zod schema of a plan's customisation; the checks across fields are in
 * `resolve.ts`.
 *
 * @module
 */
import * as z from 'zod/mini';
import type { Decimal } from '../../core/numeric.js';
import {
  nonNegativeMoneySchema,
  nonNegativeSchema,
  numericSchema,
  rateSchema,
  strictObject,
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
const userText = z.string().check(
  z.refine((s) => s.trim() !== '', { message: 'must not be blank' }),
  z.refine((s) => s.length <= MAX_PLAN_TEXT_LENGTH, {
    message: `must be at most ${MAX_PLAN_TEXT_LENGTH} characters long`,
  }),
);

const customId = planIdSchema;

const metricRefs = z.optional(z.array(customId));

const stepFields = {
  title: userText,
  description: userText,
  tasks: z.array(userText).check(z.minLength(1)),
  example: z.optional(userText),
  owners: z.array(z.enum(PLAN_ROLE_IDS)).check(z.minLength(1)),
  consumes: metricRefs,
  produces: metricRefs,
  kpis: metricRefs,
};

const TARGET_SCHEMAS: Readonly<Record<PlanMetricId, z.ZodMiniType<Decimal, unknown>>> = {
  churnRate: rateSchema,
  retentionRate: rateSchema,
  repeatPurchaseRate: rateSchema,
  positiveReviews: rateSchema,
  averageOrderValue: nonNegativeMoneySchema,
  purchaseFrequency: nonNegativeSchema,
  customerLifetimeValue: nonNegativeMoneySchema,
};

/** The schema of `PlanCustomization`, before the checks across fields. @internal */
export const customizationSchema = strictObject({
  remove: z.optional(z.array(z.enum(PLAN_STEP_IDS))),
  replace: z.optional(z.array(strictObject({ id: z.enum(PLAN_STEP_IDS), ...stepFields }))),
  add: z.optional(
    z.array(strictObject({ id: customId, after: z.optional(customId), ...stepFields })),
  ),
  order: z.optional(z.array(customId)),
  owners: z.optional(
    z.array(
      strictObject({
        step: customId,
        roles: z.array(z.enum(PLAN_ROLE_IDS)).check(z.minLength(1)),
      }),
    ),
  ),
  cadence: z.optional(z.enum(REVIEW_PERIODS)),
  targets: z.optional(
    strictObject(
      Object.fromEntries(PLAN_METRIC_IDS.map((m) => [m, z.optional(TARGET_SCHEMAS[m])])) as {
        [M in PlanMetricId]: z.ZodMiniOptional<z.ZodMiniType<Decimal, unknown>>;
      },
    ),
  ),
  kpis: z.optional(
    z.array(
      strictObject({
        metric: customId,
        name: userText,
        description: userText,
        unit: z.enum(KPI_UNITS),
        direction: z.enum(KPI_DIRECTIONS),
        baseline: z.optional(numericSchema),
        target: z.optional(numericSchema),
        steps: z.optional(z.array(customId)),
      }),
    ),
  ),
});

/** A customisation after parsing. @internal */
export type ParsedCustomization = z.output<typeof customizationSchema>;

/** A user's step after parsing. @internal */
export type ParsedStep = NonNullable<ParsedCustomization['add']>[number];

/** A custom KPI after parsing, its values not yet checked against its unit. @internal */
export type ParsedKpi = NonNullable<ParsedCustomization['kpis']>[number];
