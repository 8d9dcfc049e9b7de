/**
 * The arrangement of a customised plan's steps: remove, add, reorder.
 *
 * @module
 */
import { PLAN_STEP_IDS } from '../catalog/types.js';
import { list, noRepeats, type Report } from './report.js';
import type { ParsedCustomization } from './schema.js';

const BUILT_IN_STEPS: ReadonlySet<string> = new Set(PLAN_STEP_IDS);

/**
 * The ids of the steps of the customised plan, in order, after `remove`, `add` and `order`
 * (`replace` keeps ids and places). Problems are reported, and the arrangement goes on as if the
 * offending entry were not there.
 *
 * @internal
 */
export function arrangeSteps(c: ParsedCustomization, report: Report): string[] {
  const removed = new Set<string>(c.remove ?? []);
  noRepeats(c.remove ?? [], report, (i) => ['customize', 'remove', i]);
  const ids: string[] = PLAN_STEP_IDS.filter((id) => !removed.has(id));

  const replaced = new Set<string>();
  (c.replace ?? []).forEach((step, i) => {
    const path = ['customize', 'replace', i, 'id'];
    if (replaced.has(step.id)) report(`repeats '${step.id}'`, path);
    else if (removed.has(step.id)) {
      report(`is '${step.id}', which customize.remove also removes`, path);
    }
    replaced.add(step.id);
  });

  const added = new Set<string>();
  /** The step last added after each anchor, so that additions after one step keep their order. */
  const lastAfter = new Map<string, string>();
  (c.add ?? []).forEach((step, i) => {
    const path = ['customize', 'add', i];
    if (BUILT_IN_STEPS.has(step.id)) {
      report(
        `is '${step.id}', the id of a built-in step; give the new step its own id, or use customize.replace to change the built-in one`,
        [...path, 'id'],
      );
      return;
    }
    if (added.has(step.id)) {
      report(`repeats '${step.id}', the id of an earlier added step`, [...path, 'id']);
      return;
    }
    let at = ids.length;
    if (step.after !== undefined) {
      if (!ids.includes(step.after)) {
        report(
          `is '${step.after}', which is not a step of the plan at this point (a built-in step that is not removed, or a step added earlier)`,
          [...path, 'after'],
        );
        return;
      }
      at = ids.indexOf(lastAfter.get(step.after) ?? step.after) + 1;
      lastAfter.set(step.after, step.id);
    }
    ids.splice(at, 0, step.id);
    added.add(step.id);
  });

  if (ids.length === 0) {
    report(
      'removes every step and adds none; a plan needs at least one step',
      ['customize', 'remove'],
      'EMPTY_INPUT',
    );
  }

  const order = c.order ?? [];
  const present = new Set(ids);
  const listed = new Set<string>();
  let valid = true;
  order.forEach((id, i) => {
    if (listed.has(id)) {
      report(`repeats '${id}'`, ['customize', 'order', i]);
      valid = false;
    } else if (!present.has(id)) {
      report(`is '${id}', which is not a step of the plan (known: ${list(ids)})`, [
        'customize',
        'order',
        i,
      ]);
      valid = false;
    }
    listed.add(id);
  });
  if (!valid || order.length === 0) return ids;
  const slots = ids.flatMap((id, i) => (listed.has(id) ? [i] : []));
  const arranged = [...ids];
  slots.forEach((slot, k) => {
    arranged[slot] = order[k] as string;
  });
  return arranged;
}
