export {
  isRetentionMetricsError,
  RetentionMetricsError,
  type RetentionMetricsErrorCode,
  type RetentionMetricsErrorOptions,
  type RetentionMetricsIssue,
} from './core/errors.js';
export type { Decimal, Numeric } from './core/numeric.js';
export {
  countSchema,
  moneySchema,
  nonNegativeMoneySchema,
  nonNegativeSchema,
  numericSchema,
  positiveSchema,
  rateSchema,
  timestampSchema,
  toJsonSchema,
} from './core/schemas.js';
export {
  type ChurnRateInput,
  churnRate,
  churnRateInputSchema,
  type LostCustomersInput,
  lostCustomersInputSchema,
  type RetentionRateInput,
  retentionRate,
  retentionRateInputSchema,
} from './metrics/retention.js';
