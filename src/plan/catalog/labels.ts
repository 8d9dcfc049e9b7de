/**
 * The headings and labels of a rendered plan (see `renderRetentionPlan`), in every locale. They
 * are kept apart from the plan's content catalogue (`en.ts`, `ru.ts`) because they belong to the
 * document, not to the plan: a stored plan carries its content but not these.
 *
 * @module
 */

/** The labels of a rendered plan in one language. */
export interface RenderLabels {
  /** Heading of the cadence section, followed by `: ` and the cadence (`monthly`). */
  readonly cadence: string;
  /** Heading of the KPI table. */
  readonly kpis: string;
  /** Column headings of the KPI table. */
  readonly metric: string;
  readonly baseline: string;
  readonly target: string;
  readonly direction: string;
  /** Label of a step's owners. */
  readonly owners: string;
  /** Label of a step's tasks. */
  readonly tasks: string;
  /** Label of a step's practice example. */
  readonly inPractice: string;
  /** Heading of the analysis methods of the churn-analysis step. */
  readonly methods: string;
  readonly pros: string;
  readonly cons: string;
  /** Label of a method's example. */
  readonly example: string;
  /** Heading of the segment tactics. */
  readonly segments: string;
  /** Label of a segment's goal. */
  readonly goal: string;
}

/**
 * The labels of a rendered plan, by plan locale.
 *
 * @internal
 */
export const labels: Readonly<Record<'en' | 'ru', RenderLabels>> = {
  en: {
    cadence: 'Review cadence',
    kpis: 'Key metrics',
    metric: 'Metric',
    baseline: 'Baseline',
    target: 'Target',
    direction: 'Direction',
    owners: 'Owners',
    tasks: 'Tasks',
    inPractice: 'In practice',
    methods: 'Ways to find the causes of churn',
    pros: 'Pros',
    cons: 'Cons',
    example: 'Example',
    segments: 'Tactics by segment',
    goal: 'Goal',
  },
  ru: {
    cadence: 'Пересмотр плана',
    kpis: 'Ключевые показатели',
    metric: 'Показатель',
    baseline: 'Исходное значение',
    target: 'Цель',
    direction: 'Направление',
    owners: 'Ответственные',
    tasks: 'Задачи',
    inPractice: 'Как это выглядит на практике',
    methods: 'Как искать причины оттока',
    pros: 'Плюсы',
    cons: 'Минусы',
    example: 'Пример',
    segments: 'Тактики по сегментам',
    goal: 'Цель',
  },
};
