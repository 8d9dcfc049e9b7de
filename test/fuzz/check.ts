/**
 * The checks of the battery: a deep snapshot of an input (without calling its getters or touching
 * its proxies), a deep scan of an output for non-finite numbers, invalid Dates and non-finite
 * Decimals, and the settings of decimal.js' global constructor.
 */
import { types } from 'node:util';
import { Decimal as GlobalDecimal } from 'decimal.js';
import { Decimal } from '../../src/index.js';

function isDecimal(value: unknown): value is { isFinite(): boolean; toString(): string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'Decimal'
  );
}

/**
 * A JSON-comparable picture of `value`: own property descriptors (a getter is recorded by
 * identity, never called), typed arrays by content, Dates by time, Decimals by their fields,
 * frozen-ness and prototypes included, cycles as back references.
 */
export function snapshot(value: unknown): unknown {
  const seen = new Map<object, number>();
  const getters = new Map<unknown, number>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'number') return Object.is(v, -0) ? '-0' : Number.isNaN(v) ? 'NaN' : v;
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'symbol') return v.toString();
    if (typeof v === 'function') return { fn: v.name };
    if (typeof v !== 'object' || v === null) return v;
    if (types.isProxy(v)) return { proxy: true };
    const back = seen.get(v);
    if (back !== undefined) return { ref: back };
    seen.set(v, seen.size);
    const base = {
      proto: Object.getPrototypeOf(v)?.constructor?.name ?? null,
      frozen: Object.isFrozen(v),
      extensible: Object.isExtensible(v),
    };
    if (v instanceof Date) return { ...base, time: String(v.getTime()) };
    if (ArrayBuffer.isView(v)) {
      return { ...base, content: Array.from(v as unknown as ArrayLike<unknown>, (x) => walk(x)) };
    }
    if (v instanceof Map) return { ...base, entries: [...v].map(([k, x]) => [walk(k), walk(x)]) };
    if (v instanceof Set) return { ...base, entries: [...v].map(walk) };
    const props: unknown[] = [];
    for (const key of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, key) as PropertyDescriptor;
      let shown: unknown;
      if ('value' in d) shown = walk(d.value);
      else {
        if (!getters.has(d.get)) getters.set(d.get, getters.size);
        shown = { getter: getters.get(d.get) };
      }
      props.push([String(key), shown, d.enumerable, d.writable, d.configurable]);
    }
    return { ...base, props };
  };
  return walk(value);
}

/** Problems of an output: each non-finite number, invalid Date or non-finite Decimal, by path. */
export function badValues(output: unknown): string[] {
  const problems: string[] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown, path: string, depth: number): void => {
    if (problems.length > 5 || depth > 12) return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) problems.push(`${path} is ${v}`);
      return;
    }
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (v instanceof Date) {
      if (Number.isNaN(v.getTime())) problems.push(`${path} is an invalid Date`);
      return;
    }
    if (isDecimal(v)) {
      if (!v.isFinite()) problems.push(`${path} is Decimal ${v.toString()}`);
      return;
    }
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const items = v as unknown as ArrayLike<unknown>;
      for (let i = 0; i < items.length && i < 10_000; i++)
        walk(items[i], `${path}[${i}]`, depth + 1);
      return;
    }
    const record = v as Record<string, unknown>;
    // A money column's `cents` marks with NaN the rows whose value is not whole cents below 2^53
    // (documented in transactions/money-column.ts): its values are checked through `at(i)` below.
    const moneyColumn = 'cents' in record && typeof record.at === 'function';
    for (const key of Object.keys(record)) {
      if (moneyColumn && key === 'cents') continue;
      walk(record[key], `${path}.${key}`, depth + 1);
    }
    // Columns of tables: a Decimal column reads its values through `at(i)`.
    if (typeof record.at === 'function' && typeof record.length === 'number') {
      const at = record.at as (i: number) => unknown;
      for (let i = 0; i < record.length && i < 10_000; i++) {
        walk(at.call(record, i), `${path}.at(${i})`, depth + 1);
      }
    }
    // A table's getters (columns, options) and its rows.
    for (const key of ['columns', 'options']) {
      if (!Object.hasOwn(record, key) && key in record)
        walk(record[key], `${path}.${key}`, depth + 1);
    }
    if (typeof record.toRows === 'function') {
      walk((record.toRows as () => unknown).call(record), `${path}.toRows()`, depth + 1);
    }
  };
  walk(output, 'output', 0);
  return problems;
}

/** The settings of decimal.js' global constructor and of the library's own clone. */
export function decimalSettings(): unknown {
  const read = (D: typeof GlobalDecimal) => [
    D.precision,
    D.rounding,
    D.toExpNeg,
    D.toExpPos,
    D.minE,
    D.maxE,
    D.modulo,
    D.crypto,
  ];
  return [read(GlobalDecimal), read(Decimal as unknown as typeof GlobalDecimal)];
}

/** Words of zod's own messages, which must never reach a user. */
export const ZOD_WORDS =
  /Invalid input|Invalid option|Invalid element|Invalid key|Unrecognized key|Too small|Too big|expected (?:string|number|object|array|int|boolean|bigint|date|nonoptional), received|Expected (?:string|number|object|array)|Invalid (?:string|format|union|discriminator)/;
