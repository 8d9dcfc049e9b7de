/**
 * The property of the hostile-input battery (test/fuzz/exports.test.ts), shared with the longer
 * runs: one hostile case of one entry, with every check of the battery.
 */
import { inspect, isDeepStrictEqual } from 'node:util';
import { MAX_ISSUES } from '../../src/core/errors.js';
import { publicApi as api } from '../support/public-api.js';
import { badValues, decimalSettings, snapshot, ZOD_WORDS } from './check.js';
import type { Entry } from './exports.js';
import {
  CallerError,
  deepFreeze,
  FIELD_NAMES,
  type HostileCase,
  hostileValue,
  mutate,
} from './hostile.js';

/** The exported functions, taken from the module at run time. */
export const exportedFunctions = Object.entries(api)
  .filter(([, value]) => typeof value === 'function' && !/^[A-Z]/.test(value.name))
  .map(([name]) => name)
  .sort();

export type Outcome =
  | { readonly threw: true; readonly error: unknown }
  | { readonly threw: false; readonly value: unknown };

/** The exports by name, read once. */
const FUNCTIONS = new Map(Object.entries(api));

export function run(name: string, entry: Entry, args: unknown[]): unknown {
  const fn = FUNCTIONS.get(name.split('#')[0] as string) as (...a: unknown[]) => unknown;
  const result = entry.call === undefined ? fn(...args) : entry.call(args);
  return entry.exercise === undefined ? result : [result, entry.exercise(result as never)];
}

export function evaluate(thunk: () => unknown): Outcome {
  try {
    return { threw: false, value: thunk() };
  } catch (error) {
    return { threw: true, error };
  }
}

/** A comparable form of an outcome: errors by name, code and message; values by content. */
function comparable(outcome: Outcome): unknown {
  if (outcome.threw) {
    const e = outcome.error as { name?: unknown; code?: unknown; message?: unknown };
    return { name: e?.name, code: e?.code, message: e?.message };
  }
  const stack = new Set<unknown>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : v;
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'function') return 'function';
    if (typeof v !== 'object' || v === null) return v;
    if (v instanceof Date) return `Date ${v.getTime()}`;
    if ((v as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'Decimal') {
      return `Decimal ${String(v)}`;
    }
    if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<unknown>, walk);
    // Only a true cycle (an ancestor) is cut; shared objects are compared by content.
    if (stack.has(v)) return 'cycle';
    stack.add(v);
    const record = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record)) out[key] = walk(record[key]);
    if (typeof record.toRows === 'function') {
      out['toRows()'] = walk((record.toRows as () => unknown).call(record));
    }
    stack.delete(v);
    return out;
  };
  return walk(outcome.value);
}

function withPollution<T>(
  pollute: NonNullable<HostileCase['pollute']>,
  caller: CallerError,
  thunk: () => T,
): T {
  const target: object = Object.prototype;
  const key = FIELD_NAMES[pollute.key] as string;
  if (Object.hasOwn(target, key)) return thunk();
  Object.defineProperty(target, key, {
    value: hostileValue(pollute.value, caller),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  try {
    return thunk();
  } finally {
    delete (target as Record<string, unknown>)[key];
  }
}

function describeCase(args: unknown[], c: HostileCase): string {
  const shown = inspect(args, {
    showProxy: true,
    getters: false,
    depth: 5,
    maxArrayLength: 8,
    maxStringLength: 60,
    breakLength: 120,
  });
  const pollution =
    c.pollute === null
      ? ''
      : ` with Object.prototype.${FIELD_NAMES[c.pollute.key]} = ${inspect(hostileValue(c.pollute.value, new CallerError()), { maxStringLength: 40 })}`;
  return `${c.freeze ? 'frozen ' : ''}${shown}${pollution}`;
}

function checkOutcome(outcome: Outcome, caller: CallerError, label: string): void {
  if (outcome.threw) {
    const error = outcome.error;
    if (error === caller) return;
    if (!(error instanceof api.RetentionMetricsError)) {
      throw new Error(`a foreign error escaped: ${inspect(error, { depth: 1 })}\nin ${label}`);
    }
    for (const text of [error.message, ...error.issues.map((i) => i.message)]) {
      if (ZOD_WORDS.test(text))
        throw new Error(`zod's words reached the user: ${text}\nin ${label}`);
    }
    if (error.issues.length > MAX_ISSUES) {
      throw new Error(`${error.issues.length} issues, more than ${MAX_ISSUES}\nin ${label}`);
    }
    return;
  }
  const problems = badValues(outcome.value);
  if (problems.length > 0) throw new Error(`${problems.join('; ')}\nin ${label}`);
}

/**
 * Exports whose outcome under a polluted prototype is zod's, not the library's: zod's JSON Schema
 * converter enumerates the inherited fields of a shape and of its own option bags. A known limit,
 * stated in docs/numbers-and-errors.md (test/core/own-fields.test.ts leaves it out likewise).
 */
const ZOD_CONVERTER: ReadonlySet<string> = new Set(['toJsonSchema']);

export function property(name: string, entry: Entry) {
  return (c: HostileCase): void => {
    const caller = new CallerError();
    const args = mutate(entry.args(), c.mutations, caller);
    if (c.freeze) deepFreeze(args);
    const label = `${name}(${describeCase(args, c)})`;
    const before = snapshot(args);
    const settings = decimalSettings();
    const outcome = evaluate(() => run(name, entry, args));
    checkOutcome(outcome, caller, label);
    if (entry.changes === undefined && !isDeepStrictEqual(snapshot(args), before))
      throw new Error(`the input changed\nin ${label}`);
    if (!isDeepStrictEqual(decimalSettings(), settings)) {
      throw new Error(`decimal.js settings changed\nin ${label}`);
    }
    const pollute = c.pollute;
    if (pollute !== null && !ZOD_CONVERTER.has(name)) {
      const polluted = evaluate(() => withPollution(pollute, caller, () => run(name, entry, args)));
      const [a, b] = [comparable(polluted), comparable(outcome)];
      // A throwing proxy throws on whatever is read first; reading more under pollution is fine.
      const callers =
        (polluted.threw && polluted.error === caller) ||
        (outcome.threw && outcome.error === caller);
      if (!callers && !isDeepStrictEqual(a, b)) {
        throw new Error(
          `a polluted prototype changed the outcome: ${inspect(a, { depth: 3 })} instead of ${inspect(b, { depth: 3 })}\nin ${label}`,
        );
      }
    }
  };
}
