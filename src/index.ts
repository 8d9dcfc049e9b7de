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
  type JsonSchema,
  moneySchema,
  nonNegativeMoneySchema,
  nonNegativeSchema,
  numericSchema,
  positiveSchema,
  rateSchema,
  timestampSchema,
  toJsonSchema,
} from './core/schemas.js';
export type { AmountList } from './core/sum.js';
export type { CalendarUnit, TimeZone } from './core/time.js';
export {
  type AverageCustomerLifespanInput,
  averageCustomerLifespan,
  averageCustomerLifespanInputSchema,
  type ChurnPeriodsInput,
  type ChurnUnitsInput,
  type ConvertChurnRateInput,
  convertChurnRate,
  convertChurnRateInputSchema,
  PERIOD_LENGTH_IN_DAYS,
  type PeriodUnit,
} from './metrics/churn.js';
export {
  type CustomerLifetimeValueInput,
  customerLifetimeValue,
  customerLifetimeValueInputSchema,
  type DiscountedClvInput,
  type HistoricalClvInput,
  type MarginMultipleClvInput,
  type MarginTiming,
  type SimpleClvInput,
} from './metrics/clv.js';
export {
  type FormatMoneyOptions,
  type FormatNumberOptions,
  type FormatPercentOptions,
  formatMoney,
  formatMoneyInputSchema,
  formatNumber,
  formatPercent,
  formatPercentInputSchema,
  type RoundingMode,
  type RoundingOptions,
} from './metrics/format.js';
export {
  type AmountsInput,
  type AverageOrderValueInput,
  type AverageRevenuePerUserInput,
  averageOrderValue,
  averageOrderValueInputSchema,
  averageRevenuePerUser,
  averageRevenuePerUserInputSchema,
  type PurchaseFrequencyInput,
  purchaseFrequency,
  purchaseFrequencyInputSchema,
  type RepeatPurchaseRateInput,
  type RevenueOrdersInput,
  repeatPurchaseRate,
  repeatPurchaseRateInputSchema,
} from './metrics/orders.js';
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
export {
  type CacPaybackInput,
  cacPaybackInputSchema,
  cacPaybackPeriod,
  grossRevenueChurnRate,
  grossRevenueRetention,
  type LtvToCacInput,
  ltvToCacInputSchema,
  ltvToCacRatio,
  netRevenueChurnRate,
  netRevenueRetention,
  type QuickRatioInput,
  quickRatioInputSchema,
  type RevenueMovementsInput,
  revenueMovementsInputSchema,
  saasQuickRatio,
} from './metrics/revenue.js';
export type {
  CustomerSummary,
  SummaryAccumulator,
  SummaryAccumulatorJSON,
} from './transactions/accumulator.js';
export {
  type CustomerCounts,
  type CustomerCountsOptions,
  customerCounts,
  customerCountsOptionsSchema,
} from './transactions/counts.js';
export {
  type Column,
  type CustomerId,
  type DurationUnit,
  type Granularity,
  type SummaryOptions,
  summaryOptionsSchema,
  type Timestamp,
  type Transaction,
  type TransactionColumns,
  type TransactionLog,
} from './transactions/log.js';
export {
  type CalibrationHoldoutOptions,
  type CalibrationHoldoutResult,
  type CalibrationHoldoutSummary,
  calibrationHoldoutOptionsSchema,
  calibrationHoldoutSummary,
  compressSummaries,
  createSummaryAccumulator,
  summarizeTransactions,
  summaryAccumulatorFromJSON,
  summaryAccumulatorJSONSchema,
  type WeightedSummary,
} from './transactions/summarize.js';
