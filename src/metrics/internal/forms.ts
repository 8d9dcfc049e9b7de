import { RetentionMetricsError } from '../../core/errors.js';
import { hasField } from '../../core/own.js';

/** One of the alternative forms of a metric's input. */
export interface InputForm {
  /** How the message names the form, e.g. `'{ revenue, orders }'`. */
  readonly label: string;
  /** The fields of the form (fields shared with the other form included). */
  readonly fields: readonly string[];
}

const quoted = (fields: readonly string[]): string => fields.map((f) => `'${f}'`).join(', ');

/**
 * Throws `INVALID_INPUT` naming the conflict when `input` has a field that only form `a` has and
 * a field that only form `b` has ("give either … or …, not both"); the error's path is the first
 * such field of `b`.
 *
 * @internal
 */
export function rejectMixedForms(fn: string, input: unknown, a: InputForm, b: InputForm): void {
  if (typeof input !== 'object' || input === null) return;
  const present = (own: InputForm, other: InputForm): string[] =>
    own.fields.filter((f) => !other.fields.includes(f) && hasField(input, f));
  const onlyA = present(a, b);
  const onlyB = present(b, a);
  const [first] = onlyB;
  if (onlyA.length === 0 || first === undefined) return;
  throw new RetentionMetricsError(
    'INVALID_INPUT',
    `${fn}: give either ${a.label} or ${b.label}, not both (received ${quoted(onlyA)} and ${quoted(onlyB)})`,
    { path: [first] },
  );
}

/**
 * Throws `INVALID_INPUT` when `input` has a field that was renamed, naming the new name.
 *
 * @internal
 */
export function rejectRenamedField(
  fn: string,
  input: unknown,
  old: string,
  now: string,
  meaning: string,
): void {
  if (typeof input !== 'object' || input === null || !hasField(input, old)) return;
  throw new RetentionMetricsError(
    'INVALID_INPUT',
    `${fn}: ${old} is now called ${now} (${meaning}); rename the field`,
    { path: [old] },
  );
}
