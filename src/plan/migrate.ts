/**
 * The migration of stored plans of earlier format versions to the current one
 * ({@link PLAN_FORMAT_VERSION}), before they are checked by the plan schema.
 *
 * @module
 */
import { describeValue } from '../core/errors.js';
import { PLAN_METRIC_IDS, type PlanMetricId } from './catalog/types.js';
import {
  PLAN_FORMAT,
  PLAN_FORMAT_VERSION,
  PLAN_FORMAT_VERSIONS_READ,
  PLAN_METRIC_UNITS,
} from './model.js';

type Json = Record<string, unknown>;

const BUILT_IN_METRICS: ReadonlySet<string> = new Set(PLAN_METRIC_IDS);

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `list` with `each` applied to its objects; anything else is left for the schema to report. */
function mapObjects(list: unknown, each: (item: Json) => Json): unknown {
  return Array.isArray(list) ? list.map((item) => (isRecord(item) ? each(item) : item)) : list;
}

/** A version 1 KPI with the unit version 2 gives its metric (only built-in metrics existed). */
function withUnit(kpi: Json): Json {
  if (Object.hasOwn(kpi, 'unit')) return kpi;
  const { metric, ...rest } = kpi;
  if (typeof metric !== 'string' || !BUILT_IN_METRICS.has(metric)) return kpi;
  return { metric, unit: PLAN_METRIC_UNITS[metric as PlanMetricId], ...rest };
}

/**
 * Version 1 → 2: `period: null` (no period), a unit on every KPI (the built-in metric's unit),
 * `figures: null` on every segment and `segmentPriorityNote: null` (no segment report).
 */
function fromVersion1(plan: Json): Json {
  const { locale, title, steps, roles, kpis, cadence, segments, ...rest } = plan;
  return {
    locale,
    title,
    period: null,
    steps: mapObjects(steps, (step) => ({ ...step, kpis: mapObjects(step.kpis, withUnit) })),
    roles,
    kpis: mapObjects(kpis, withUnit),
    cadence,
    segments: mapObjects(segments, (segment) => ({ ...segment, figures: null })),
    segmentPriorityNote: null,
    ...rest,
  };
}

/** The fields that only plans of version 2 and later have. */
const VERSION_2_FIELDS = ['period', 'segmentPriorityNote'] as const;

/**
 * The format version of an untagged stored plan: 2 when it has a field that version 1 did not
 * write (a period, a segment priority note, a KPI unit), else 1.
 */
function untaggedVersion(plan: Json): 1 | 2 {
  if (VERSION_2_FIELDS.some((field) => Object.hasOwn(plan, field))) return 2;
  const kpis = plan.kpis;
  if (Array.isArray(kpis) && kpis.some((k) => isRecord(k) && Object.hasOwn(k, 'unit'))) return 2;
  return 1;
}

/** A problem found while reading a stored plan's version: a message and the path it names. */
export interface MigrationIssue {
  readonly message: string;
  readonly path: (string | number)[];
}

/**
 * Migrates a stored plan to the current format version. A plan without `format` and `version`
 * is of version 1 or 2 (told apart by the fields version 2 added) and gets the fields it lacks,
 * then the tag; a tagged plan is returned as it is, after checking that its version is one this
 * library reads. Nothing else is checked here (the plan schema does), and `value` is not changed:
 * a migrated plan is a new object.
 *
 * @internal
 */
export function migrateStoredPlan(
  value: unknown,
  report: (issue: MigrationIssue) => void,
): unknown {
  if (!isRecord(value)) return value;
  const tagged = Object.hasOwn(value, 'format') || Object.hasOwn(value, 'version');
  if (tagged) {
    const version = value.version;
    if (
      Object.hasOwn(value, 'version') &&
      version !== PLAN_FORMAT_VERSION &&
      typeof version === 'number'
    ) {
      const read = PLAN_FORMAT_VERSIONS_READ.join(', ');
      const hint =
        Number.isInteger(version) && version > PLAN_FORMAT_VERSION
          ? ', a newer library wrote it'
          : '';
      report({
        message: `is ${describeValue(version)}, a plan format version this library does not read${hint}; it reads versions ${read} (1 and 2 without a format tag, ${PLAN_FORMAT_VERSION} with format '${PLAN_FORMAT}')`,
        path: ['version'],
      });
    }
    return value;
  }
  const v2 = untaggedVersion(value) === 1 ? fromVersion1(value) : value;
  return { format: PLAN_FORMAT, version: PLAN_FORMAT_VERSION, ...v2 };
}
