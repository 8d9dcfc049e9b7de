import * as z from 'zod/mini';
import { parseInput, RetentionMetricsError } from '../core/errors.js';
import { deepFreeze } from '../core/freeze.js';
import { strictObject } from '../core/schemas.js';
import { formatNumber, formatPercent } from '../metrics/format.js';
import { fill, NUMBER_LOCALE } from './catalog/index.js';
import type { PlanCatalog, RenderLabels } from './catalog/types.js';
import {
  ENGLISH_PLAN_PACK,
  type EnglishLocaleTag,
  type PlanLanguagePack,
  packHint,
  planLocaleSchema,
} from './language-pack.js';
import type { KpiUnit, PlanLocale, PlanPeriod, RetentionPlan } from './model.js';
import { parseRetentionPlan } from './schema.js';

/**
 * The document formats {@link renderRetentionPlan} writes.
 *
 * @category Plan
 */
export const PLAN_RENDER_FORMATS = deepFreeze(['markdown', 'text'] as const);

/** A document format of {@link renderRetentionPlan}. */
export type PlanRenderFormat = (typeof PLAN_RENDER_FORMATS)[number];

/** Options of {@link renderRetentionPlan}. */
export interface RenderRetentionPlanOptions {
  /**
   * `'markdown'` (default): headings, a KPI table and `- [ ]` task checklists (GitHub-flavoured
   * Markdown). `'text'`: plain text with underlined headings, space-aligned columns and `[ ]`
   * checklists, without Markdown syntax.
   */
  readonly format?: PlanRenderFormat;
  /**
   * The texts of the plan's language: needed for a plan in a language that is not built in (a
   * Russian plan: `ru` from `retention-metrics/locale/ru`); for an English plan, omit it or give a
   * tag of English (`'en-GB'`). Its language must be the plan's.
   */
  readonly locale?: EnglishLocaleTag | PlanLanguagePack;
}

/**
 * The schema of the options of {@link renderRetentionPlan}.
 *
 * @category Schemas
 */
export const renderRetentionPlanOptionsSchema = strictObject({
  format: z.optional(z.enum(PLAN_RENDER_FORMATS)),
  locale: z.optional(planLocaleSchema),
});

/** Shown in place of a baseline or target that is not known. */
const MISSING = '—';

/** A rate as a percentage with one decimal, rounded once, with the locale's separators. */
function percent(value: string, locale: PlanLocale): string {
  return formatPercent(value, {
    locale: NUMBER_LOCALE[locale],
    decimals: 1,
    rounding: 'half-even',
  });
}

/** A baseline or target as the reader sees it: rounded once, with the locale's separators. */
function formatValue(unit: KpiUnit, value: string | null, locale: PlanLocale): string {
  if (value === null) return MISSING;
  return unit === 'rate'
    ? percent(value, locale)
    : formatNumber(value, { locale: NUMBER_LOCALE[locale], decimals: 2, rounding: 'half-even' });
}

/** The line stating the plan's period, dates written out in the plan's language. */
function periodLine(period: PlanPeriod, catalog: PlanCatalog): string {
  const date = (iso: string): string => {
    const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
    return fill(catalog.dates.date, {
      day: String(day),
      month: catalog.dates.months[month - 1] ?? '',
      year: String(year),
    });
  };
  return fill(catalog.dates.period, { start: date(period.start), end: date(period.end) });
}

interface KpiRow {
  readonly name: string;
  readonly baseline: string;
  readonly target: string;
  readonly direction: string;
}

function kpiRows(plan: RetentionPlan, catalog: PlanCatalog): KpiRow[] {
  return plan.kpis.map((kpi) => ({
    name: kpi.name,
    baseline: formatValue(kpi.unit, kpi.baseline, plan.locale),
    target: formatValue(kpi.unit, kpi.target, plan.locale),
    direction: catalog.plan[kpi.direction],
  }));
}

/** The text of a plan, by section, shared by both formats. */
interface Document {
  readonly plan: RetentionPlan;
  readonly label: RenderLabels;
  /** The period line; `null` without a period. */
  readonly period: string | null;
  readonly rows: readonly KpiRow[];
  readonly cadence: string;
  readonly measureFirst: readonly string[];
  readonly ownersOf: (owners: readonly string[]) => string;
  /** The names of a step's KPIs, joined; `''` when it has none. */
  readonly kpisOf: (kpis: readonly { readonly metric: string }[]) => string;
  /** The figures line of each segment (by index); `null` without figures. */
  readonly figures: readonly (string | null)[];
}

function documentOf(plan: RetentionPlan, catalog: PlanCatalog): Document {
  const kpiNames = new Map<string, string>(plan.kpis.map((k) => [k.metric, k.name]));
  const roleNames = new Map<string, string>(plan.roles.map((r) => [r.id, r.name]));
  const numberLocale = NUMBER_LOCALE[plan.locale];
  return {
    plan,
    label: catalog.render,
    period: plan.period === null ? null : periodLine(plan.period, catalog),
    rows: kpiRows(plan, catalog),
    cadence: catalog.cadence[plan.cadence.every],
    measureFirst: plan.measureFirst.map((m) => kpiNames.get(m) ?? catalog.kpis[m].name),
    ownersOf: (owners) => owners.map((o) => roleNames.get(o) ?? o).join(', '),
    kpisOf: (kpis) => kpis.map((k) => kpiNames.get(k.metric) ?? k.metric).join(', '),
    figures: plan.segments.map((segment) =>
      segment.figures === null
        ? null
        : fill(catalog.render.segmentFigures, {
            customers: formatNumber(segment.figures.customers, { locale: numberLocale }),
            customerShare: percent(segment.figures.customerShare, plan.locale),
            revenueShare: percent(segment.figures.revenueShare, plan.locale),
          }),
    ),
  };
}

/** The pack a plan of `language` is rendered with: the given one, or the built-in English. */
function packFor(language: PlanLocale, given: PlanLanguagePack | undefined): PlanLanguagePack {
  if (given === undefined) {
    if (language === 'en') return ENGLISH_PLAN_PACK;
    const message = `renderRetentionPlan: locale is required: the plan is in ${packHint(language)}`;
    throw new RetentionMetricsError('INVALID_INPUT', message, { path: ['locale'] });
  }
  if (given.language !== language) {
    const message = `renderRetentionPlan: locale is of the language '${given.language}', but the plan is in '${language}'; give the pack of the plan's language${language === 'en' ? ', or omit locale' : ''}`;
    throw new RetentionMetricsError('INVALID_INPUT', message, { path: ['locale'] });
  }
  return given;
}

/** Line breaks of any kind (CommonMark ends a line at LF, CR or CR LF; Unicode has two more). */
const LINE_BREAKS = /[\r\n\u2028\u2029]+/g;

/**
 * User text as one line of plain text: line breaks become spaces and the ends are trimmed, so
 * that a title stays one heading and an item one line.
 */
function oneLine(value: string): string {
  return value.replace(LINE_BREAKS, ' ').trim();
}

/** The ASCII punctuation that starts or ends a Markdown construct anywhere in a line. */
const MARKDOWN_INLINE = /[\\`*_[\]<>#|~&!]/g;

/**
 * User text as literal Markdown inline text, in any position (a heading, a paragraph, a list item,
 * a table cell): one line (see {@link oneLine}); every character that could open or close a
 * construct (code spans and fences, emphasis, links, raw HTML and comments, entities, table pipes,
 * headings' `#`, blockquotes) is backslash-escaped; a leading `-`, `+`, `=` or an ordered-list
 * number is escaped so that the text cannot start a list or underline a heading. CommonMark renders
 * every escaped character as itself.
 */
function md(value: string): string {
  const escaped = oneLine(value).replace(MARKDOWN_INLINE, (c) => `\\${c}`);
  return escaped.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

function markdown(doc: Document): string {
  const { plan, label } = doc;
  const blocks: string[] = [`# ${md(plan.title)}`];
  if (doc.period !== null) blocks.push(md(doc.period));
  blocks.push(`## ${label.cadence}: ${doc.cadence}`, md(plan.cadence.reason));
  if (plan.measureFirstNote !== null) blocks.push(md(plan.measureFirstNote));
  if (doc.measureFirst.length > 0)
    blocks.push(doc.measureFirst.map((m) => `- ${md(m)}`).join('\n'));

  blocks.push(`## ${label.kpis}`);
  blocks.push(
    [
      `| ${label.metric} | ${label.baseline} | ${label.target} | ${label.direction} |`,
      '| --- | ---: | ---: | --- |',
      ...doc.rows.map(
        (r) => `| ${md(r.name)} | ${r.baseline} | ${r.target} | ${md(r.direction)} |`,
      ),
    ].join('\n'),
  );

  plan.steps.forEach((step, i) => {
    blocks.push(`## ${i + 1}. ${md(step.title)}`, md(step.description));
    blocks.push(`**${label.owners}:** ${md(doc.ownersOf(step.owners))}`);
    blocks.push(`**${label.tasks}:**`, step.tasks.map((t) => `- [ ] ${md(t)}`).join('\n'));
    if (step.kpis.length > 0) blocks.push(`**${label.stepKpis}:** ${md(doc.kpisOf(step.kpis))}`);
    if (step.example !== undefined) blocks.push(`**${label.inPractice}:** ${md(step.example)}`);
    if (step.methods !== undefined && step.methods.length > 0) {
      blocks.push(`### ${label.methods}`);
      for (const method of step.methods) {
        blocks.push(`#### ${md(method.name)}`, `**${label.example}:** ${md(method.example)}`);
        blocks.push(
          [
            `- **${label.pros}:**`,
            ...method.pros.map((p) => `  - ${md(p)}`),
            `- **${label.cons}:**`,
            ...method.cons.map((c) => `  - ${md(c)}`),
          ].join('\n'),
        );
      }
    }
  });

  blocks.push(`## ${label.segments}`);
  if (plan.segmentPriorityNote !== null) blocks.push(md(plan.segmentPriorityNote));
  plan.segments.forEach((segment, i) => {
    blocks.push(`### ${md(segment.name)}`);
    const figures = doc.figures[i];
    if (figures !== null && figures !== undefined) blocks.push(md(figures));
    blocks.push(`**${label.goal}:** ${md(segment.goal)}`);
    blocks.push(segment.tactics.map((t) => `- ${md(t)}`).join('\n'));
  });
  return `${blocks.filter((b) => b !== '').join('\n\n')}\n`;
}

function underline(title: string, mark: '=' | '-'): string {
  return `${title}\n${mark.repeat(title.length)}`;
}

/** The width of each column: its longest value. */
function columnWidths(rows: readonly (readonly string[])[]): number[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((value, c) => {
      widths[c] = Math.max(widths[c] ?? 0, value.length);
    });
  }
  return widths;
}

/** Columns separated by two spaces; `right` marks right-aligned columns; no trailing spaces. */
function aligned(rows: readonly (readonly string[])[], right: readonly boolean[]): string {
  const widths = columnWidths(rows);
  return rows
    .map((row) =>
      row
        .map((value, c) => {
          const width = widths[c] ?? 0;
          return right[c] === true ? value.padStart(width) : value.padEnd(width);
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function text(doc: Document): string {
  const { plan, label } = doc;
  const blocks: string[] = [underline(oneLine(plan.title), '=')];
  if (doc.period !== null) blocks.push(doc.period);
  blocks.push(underline(`${label.cadence}: ${doc.cadence}`, '-'), oneLine(plan.cadence.reason));
  if (plan.measureFirstNote !== null) blocks.push(oneLine(plan.measureFirstNote));
  if (doc.measureFirst.length > 0)
    blocks.push(doc.measureFirst.map((m) => `- ${oneLine(m)}`).join('\n'));

  const header = [label.metric, label.baseline, label.target, label.direction];
  const body = doc.rows.map((r) => [oneLine(r.name), r.baseline, r.target, r.direction]);
  const rule = columnWidths([header, ...body]).map((width) => '-'.repeat(width));
  const table = aligned([header, rule, ...body], [false, true, true, false]);
  blocks.push(underline(label.kpis, '-'), table);

  plan.steps.forEach((step, i) => {
    blocks.push(underline(`${i + 1}. ${oneLine(step.title)}`, '-'), oneLine(step.description));
    blocks.push(`${label.owners}: ${oneLine(doc.ownersOf(step.owners))}`);
    blocks.push(`${label.tasks}:\n${step.tasks.map((t) => `[ ] ${oneLine(t)}`).join('\n')}`);
    if (step.kpis.length > 0) blocks.push(`${label.stepKpis}: ${oneLine(doc.kpisOf(step.kpis))}`);
    if (step.example !== undefined) blocks.push(`${label.inPractice}: ${oneLine(step.example)}`);
    if (step.methods !== undefined && step.methods.length > 0) {
      const methods = step.methods.map((method) =>
        [
          `  ${oneLine(method.name)}`,
          `    ${label.example}: ${oneLine(method.example)}`,
          `    ${label.pros}:`,
          ...method.pros.map((p) => `      + ${oneLine(p)}`),
          `    ${label.cons}:`,
          ...method.cons.map((c) => `      - ${oneLine(c)}`),
        ].join('\n'),
      );
      blocks.push(`${label.methods}:\n${methods.join('\n\n')}`);
    }
  });

  blocks.push(underline(label.segments, '-'));
  if (plan.segmentPriorityNote !== null) blocks.push(oneLine(plan.segmentPriorityNote));
  plan.segments.forEach((segment, i) => {
    const figures = doc.figures[i];
    blocks.push(
      [
        oneLine(segment.name),
        ...(figures === null || figures === undefined ? [] : [`  ${figures}`]),
        `  ${label.goal}: ${oneLine(segment.goal)}`,
        ...segment.tactics.map((t) => `  - ${oneLine(t)}`),
      ].join('\n'),
    );
  });
  return `${blocks.filter((b) => b !== '').join('\n\n')}\n`;
}

/**
 * Renders a {@link RetentionPlan} as a readable document in the plan's own language: the title;
 * the planning period, when the plan has one; the review cadence and why it was chosen; what to
 * measure first, when baselines are missing; a table of the KPIs (custom ones by their own names)
 * with baseline, target and direction; each step with its description, owners, a task checklist,
 * its KPIs and a practice example when it has one (and, for the churn-analysis step, the analysis
 * methods with their pros and cons); then the tactics for each customer segment, with the priority
 * rule and each segment's customers and shares when the plan was built from a segment report.
 *
 * Numbers are rounded for display only, once, half to even, and written with the separators of
 * the plan's locale (`en-US` or `ru-RU`): rates (KPIs of unit `'rate'`, segment shares) as
 * percentages with one decimal (`0.114` → `11.4%`, `11,4 %` in Russian); quantities and scores
 * (AOV, CLV, purchase frequency, custom KPIs) as numbers with two decimals (`40` → `40.00`,
 * `40,00`). A missing baseline or target is shown as `—`. Dates are written out with the month's
 * name (`1 January 2025`, `1 января 2025 г.`). The plan itself keeps its exact decimal strings.
 *
 * The output depends only on the plan and the format (no clock, no randomness), ends with one
 * newline, and is the same for a plan and its JSON round trip.
 *
 * @param plan - A plan from {@link buildRetentionPlan}, or one read back from JSON; validated with
 *   {@link retentionPlanSchema} first.
 * @param options - `format`: `'markdown'` (default) or `'text'`.
 * @returns The document.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when `plan` is not a valid plan (the error names
 *   the field, as {@link validateRetentionPlan} does), or `format` is not `'markdown'` or `'text'`
 *   (or `options` has another field).
 *
 * @example
 * ```ts
 * import { buildRetentionPlan, renderRetentionPlan } from 'retention-metrics';
 * const plan = buildRetentionPlan({ locale: 'en', metrics: { churnRate: '0.12' } });
 * const markdown = renderRetentionPlan(plan, { format: 'markdown' });
 * markdown.split('\n')[0]; // => '# Customer retention plan'
 * markdown.includes('\n| Churn rate | 12.0% | 11.4% | lower is better |\n'); // => true
 * markdown.includes('\n- [ ] Export the full order history'); // => true
 * renderRetentionPlan(plan, { format: 'text' }).split('\n').slice(0, 2); // => ['Customer retention plan', '=======================']
 * renderRetentionPlan(plan, { format: 'html' }); // => throws INVALID_INPUT
 * ```
 * @category Plan
 */
export function renderRetentionPlan(
  plan: RetentionPlan,
  options: RenderRetentionPlanOptions = {},
): string {
  const o = parseInput('renderRetentionPlan', renderRetentionPlanOptionsSchema, options, 'options');
  const valid = parseRetentionPlan('renderRetentionPlan', plan);
  const doc = documentOf(valid, packFor(valid.locale, o.locale).texts);
  return o.format === 'text' ? text(doc) : markdown(doc);
}
