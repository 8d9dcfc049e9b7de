/**
 * `retention-metrics`, the main entry: every metric, the transaction-log functions, segments,
 * models, SQL, charts and the retention plan (in English). The JSON Schema generator and the
 * plan's Russian texts are entries of their own, `retention-metrics/json-schema` and
 * `retention-metrics/locale/ru`, so that a bundle carries them only when it imports them.
 *
 * @module retention-metrics
 */
export {
  type CohortHeatmapDatum,
  type CohortHeatmapOptions,
  type CohortHeatmapSpec,
  cohortHeatmapOptionsSchema,
  cohortHeatmapSpec,
} from './charts/cohort-heatmap.js';
export {
  type SegmentChartDatum,
  type SegmentChartOptions,
  type SegmentChartSpec,
  segmentChartOptionsSchema,
  segmentChartSpec,
} from './charts/segment-chart.js';
export { type Boundary, timeZoneSchema } from './core/boundary.js';
export { Decimal } from './core/decimal.js';
export {
  isRetentionMetricsError,
  RetentionMetricsError,
  type RetentionMetricsErrorCode,
  type RetentionMetricsErrorOptions,
  type RetentionMetricsIssue,
} from './core/errors.js';
export type { DeepReadonly } from './core/freeze.js';
export { TIME_UNITS, type TimeUnit, timeUnitSchema } from './core/instant.js';
export type { Numeric } from './core/numeric.js';
export { CALENDAR_UNITS, type CalendarUnit } from './core/period.js';
export type { FormOption } from './core/row-view.js';
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
} from './core/schemas.js';
export type { AmountList } from './core/sum.js';
export { sumExact } from './core/sum-exact.js';
export type { TimeZone } from './core/time.js';
export {
  type AverageCustomerLifespanInput,
  averageCustomerLifespan,
  averageCustomerLifespanInputSchema,
  type ChurnLengthRatioInput,
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
export {
  type AliveHookCustomer,
  type AliveHookOptions,
  type AliveProbabilityFunction,
  aliveProbabilityHook,
} from './models/alive-hook.js';
export { fitBgNbd } from './models/bg-nbd.js';
export type { FitOptions, PurchaseFitOptions } from './models/fit.js';
export {
  type CustomerForecast,
  type ForecastCustomer,
  type ForecastOptions,
  forecastCustomers,
} from './models/forecast.js';
export { fitGammaGamma, type SpendRow } from './models/gamma-gamma.js';
export { fitModifiedBgNbd } from './models/mbg-nbd.js';
export {
  type BetaGeometricParams,
  type BgNbdModel,
  FIT_WARNING_CODES,
  type FitDiagnostics,
  type FittedModel,
  type FitWarning,
  type FitWarningCode,
  type GammaGammaModel,
  type GammaGammaParams,
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  type ModifiedBgNbdModel,
  type ParetoNbdModel,
  type ParetoNbdParams,
  type PurchaseModel,
} from './models/model.js';
export { fitParetoNbd } from './models/pareto-nbd.js';
export {
  conditionalExpectedPurchases,
  conditionalExpectedSpend,
  expectedPurchases,
  type ModelLike,
  probabilityAlive,
  purchaseCountProbability,
} from './models/predictions.js';
export type { FitRow, PurchaseHistory } from './models/rows.js';
export { fittedModelFromJSON, fittedModelSchema } from './models/schema.js';
export { type SimulationOptions, simulateBgNbd, simulateParetoNbd } from './models/simulate.js';
export {
  buildRetentionPlan,
  DEFAULT_CHURN_REDUCTION,
  DEFAULT_CRISIS_CHURN_RATE,
  DEFAULT_GROWTH,
} from './plan/build.js';
export {
  ANALYSIS_METHOD_IDS,
  type AnalysisMethodId,
  CADENCE_REASON_CODES,
  type CadenceReasonCode,
  type CadenceText,
  type DateTexts,
  type KpiText,
  type MethodText,
  PLAN_METRIC_IDS,
  PLAN_ROLE_IDS,
  PLAN_STEP_IDS,
  type PlanCatalog,
  type PlanMetricId,
  type PlanRoleId,
  type PlanStepId,
  type PlanTexts,
  type RenderLabels,
  type RoleText,
  type SegmentTacticText,
  type StepText,
  TACTIC_SEGMENTS,
  type TacticSegment,
} from './plan/catalog/types.js';
export type { CustomKpi } from './plan/customize/kpis.js';
export type { ResolvedCustomization } from './plan/customize/resolve.js';
export type {
  PlanCustomization,
  PlanCustomKpi,
  PlanOwnersOverride,
  PlanStepAddition,
  PlanStepInput,
  PlanStepReplacement,
  PlanTargetOverrides,
} from './plan/customize/types.js';
export {
  type PlanMetricsSnapshot,
  type RetentionPlanInput,
  type RetentionPlanOptions,
  retentionPlanInputSchema,
} from './plan/input.js';
export type { EnglishLocaleTag, PlanLanguagePack } from './plan/language-pack.js';
export {
  type PlanMetricsFromLog,
  type PlanMetricsFromLogOptions,
  type PlanMetricsFromSummaries,
  type PlanMetricsFromSummariesOptions,
  planMetricsFromLog,
  planMetricsFromLogOptionsSchema,
  planMetricsFromSummaries,
  planMetricsFromSummariesOptionsSchema,
} from './plan/metrics.js';
export {
  type AnyPlanMetricId,
  type AnyPlanStepId,
  KPI_DIRECTIONS,
  KPI_UNITS,
  type KpiDirection,
  type KpiUnit,
  MAX_PLAN_GROWTH,
  MAX_PLAN_TEXT_LENGTH,
  MAX_PLAN_VALUE_EXPONENT,
  PLAN_CUSTOM_ID_PATTERN,
  PLAN_FORMAT,
  PLAN_FORMAT_VERSION,
  PLAN_FORMAT_VERSIONS_READ,
  PLAN_LOCALES,
  PLAN_METRIC_DIRECTIONS,
  PLAN_METRIC_UNITS,
  PLAN_RATE_METRICS,
  type PlanAnalysisMethod,
  type PlanCadence,
  type PlanKpi,
  type PlanKpiSummary,
  type PlanLocale,
  type PlanPeriod,
  type PlanRole,
  type PlanSegmentFigures,
  type PlanSegmentTactics,
  type PlanStep,
  REVIEW_PERIODS,
  type RetentionPlan,
  type ReviewPeriod,
} from './plan/model.js';
export type { PlanSegmentReport, PlanSegmentReportRow } from './plan/priority.js';
export {
  PLAN_RENDER_FORMATS,
  type PlanRenderFormat,
  type RenderRetentionPlanOptions,
  renderRetentionPlan,
  renderRetentionPlanOptionsSchema,
} from './plan/render.js';
export { retentionPlanSchema, validateRetentionPlan } from './plan/schema.js';
export type { AsOfOptions, TableOptions } from './segments/as-of.js';
export type {
  ClassificationCatalog,
  PluralForms,
} from './segments/classify/catalog/types.js';
export {
  CLASS_SEGMENT_CODES,
  type CustomerClassColumns,
  type CustomerClassTable,
  type CustomerClassTableOptions,
} from './segments/classify/class-table.js';
export { classifyCustomers } from './segments/classify/classify.js';
export { CLASSIFICATION_MESSAGES } from './segments/classify/messages.js';
export { classifyOptionsSchema } from './segments/classify/options.js';
export { type FormatReasonOptions, formatReason } from './segments/classify/reasons.js';
export {
  type AliveProbabilityHook,
  type AtRiskOptions,
  BUILT_IN_PRIORITIES,
  BUILT_IN_SEGMENTS,
  type BuiltInRule,
  type BuiltInSegment,
  type ClassificationLocale,
  type ClassificationReason,
  type ClassifiedCustomer,
  type ClassifyOptions,
  type CustomerFacts,
  type CustomRule,
  type CustomRuleResult,
  type IntervalSource,
  type ReasonValue,
  type SegmentName,
  type VipOptions,
} from './segments/classify/types.js';
export {
  type SegmentationColumns,
  type SegmentationInput,
  type SegmentationSummary,
  segmentationInputSchema,
} from './segments/input.js';
export {
  type SegmentedCustomer,
  type SegmentReport,
  type SegmentReportOptions,
  type SegmentReportRow,
  segmentReport,
  segmentReportOptionsSchema,
} from './segments/report.js';
export {
  DEFAULT_RFM_SEGMENTS,
  type RfmOptions,
  type RfmScore,
  type RfmSegmentRule,
  type RfmThresholds,
  rfmOptionsSchema,
  rfmScores,
} from './segments/rfm.js';
export type {
  RfmScoreColumns,
  RfmScoreTable,
  RfmScoreTableOptions,
} from './segments/rfm-table.js';
export {
  type LogCheck,
  logCheckSql,
  logCheckSqlOptionsSchema,
  readLogCheckRows,
} from './sql/check.js';
export {
  type CohortRetentionSqlOptions,
  cohortRetentionSql,
  cohortRetentionSqlOptionsSchema,
  readCohortRows,
} from './sql/cohorts.js';
export {
  type CustomerCountsSqlOptions,
  customerCountsSql,
  customerCountsSqlOptionsSchema,
  readCustomerCountsRows,
} from './sql/counts.js';
export {
  SQL_DIALECTS,
  SQL_TIME_TYPES,
  type SqlDialect,
  type SqlQuery,
  type SqlTimeType,
} from './sql/dialect.js';
export {
  readCalibrationHoldoutRows,
  readSummaryRows,
  readWeightedRows,
} from './sql/read.js';
export type {
  SqlDurationUnit,
  SqlGranularity,
  SqlLogColumns,
  SqlLogOptions,
} from './sql/source.js';
export {
  type CalibrationHoldoutSqlOptions,
  calibrationHoldoutSql,
  calibrationHoldoutSqlOptionsSchema,
  compressedSummarySql,
  type SqlBoundary,
  type SummarySqlOptions,
  summarySql,
  summarySqlOptionsSchema,
} from './sql/summary.js';
export type { SqlRow } from './sql/values.js';
export type { SummaryAccumulator } from './transactions/accumulator.js';
export type { SummaryAccumulatorBinary } from './transactions/accumulator-binary.js';
export {
  type SummaryAccumulatorJSON,
  type SummaryAccumulatorJSONInput,
  summaryAccumulatorJSONSchema,
} from './transactions/accumulator-json.js';
export {
  type CohortMeasure,
  type CohortMode,
  type CohortRetentionOptions,
  type CohortRow,
  type CohortTable,
  cohortRetentionOptionsSchema,
  type PeriodBracket,
} from './transactions/cohorts/options.js';
export { cohortRetention } from './transactions/cohorts/table.js';
export {
  type CompressibleSummary,
  compressSummaries,
  type WeightedSummary,
} from './transactions/compress.js';
export {
  type CustomerCounts,
  type CustomerCountsOptions,
  customerCounts,
  customerCountsOptionsSchema,
} from './transactions/counts.js';
export type { CustomerSummary } from './transactions/customer-summary.js';
export {
  type CalibrationHoldoutOptions,
  type CalibrationHoldoutResult,
  type CalibrationHoldoutSummary,
  calibrationHoldoutOptionsSchema,
  calibrationHoldoutSummary,
} from './transactions/holdout.js';
export {
  type Amount,
  type Column,
  type CustomerId,
  type DurationUnit,
  type Granularity,
  type ScaledDecimal,
  type SummarizeOptions,
  type SummaryOptions,
  summaryOptionsSchema,
  type Timestamp,
  type Transaction,
  type TransactionColumns,
  type TransactionLog,
} from './transactions/log.js';
export {
  createSummaryAccumulator,
  summarizeTransactions,
  summaryAccumulatorFromBinary,
  summaryAccumulatorFromJSON,
} from './transactions/summarize.js';
export type {
  CustomerSummaryColumns,
  CustomerSummaryTable,
  CustomerSummaryTableOptions,
  DecimalColumn,
  MoneyColumn,
} from './transactions/summary-table.js';
export type { CustomerSummaryTableBinary } from './transactions/summary-table-binary.js';
export { summaryTableFromBinary } from './transactions/summary-table-from-binary.js';
export { transactionSchema } from './transactions/transaction-schema.js';
