/**
 * How the customisation checks report problems, and helpers they share.
 *
 * @module
 */

/** Reports a problem at a path (relative to the input's root). @internal */
export type Report = (message: string, path: (string | number)[], code?: 'EMPTY_INPUT') => void;

/** Ids quoted and joined, for messages. @internal */
export const list = (ids: Iterable<string>): string => [...ids].map((id) => `'${id}'`).join(', ');

/** Reports every repeated value of `values` (the second and later occurrences). @internal */
export function noRepeats(
  values: readonly string[],
  report: Report,
  path: (i: number) => (string | number)[],
): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    if (seen.has(value)) report(`repeats '${value}'`, path(i));
    seen.add(value);
  });
}
