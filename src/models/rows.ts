/**
 * Validation and compression of the rows a purchase model is fitted to: customers with identical
 * `(frequency, recency, T)` become one weighted row, so fitting cost grows with distinct rows,
 * not customers (2,357 CDNOW customers → 1,016 rows). Rows are kept in typed arrays, with the
 * distinct frequencies indexed so that a likelihood evaluates its gamma-function terms once per
 * distinct frequency.
 *
 * @module
 */

import { MAX_MODEL_TIME, MAX_PURCHASES } from '../core/bounds.js';
import { describeValue, invalidElement, RetentionMetricsError } from '../core/errors.js';
import type { Decimal } from '../core/numeric.js';
import { ownField } from '../core/own.js';
import type { CustomerId } from '../transactions/log.js';
import { type CustomerSummaryTable, summaryTableParts } from '../transactions/summary-table.js';

/**
 * One customer's purchase history in a model's time unit: the `x`, `t_x` and `T` of the papers.
 * Summaries of {@link summarizeTransactions} have these fields.
 */
export interface PurchaseHistory {
  /** Repeat purchases x (orders − 1), a whole number ≥ 0. */
  readonly frequency: number;
  /** Time from the first to the last purchase, t_x, in [0, T]; ignored when frequency is 0. */
  readonly recency: number;
  /** Time from the first purchase to the end of observation (the customer's age), ≥ 0. */
  readonly T: number;
}

/** A row to fit: a purchase history and, optionally, how many customers share it. */
export interface FitRow extends PurchaseHistory {
  /** Customers with exactly this history: a positive number, default 1. */
  readonly weight?: number;
}

/** Distinct weighted rows in columns. @internal */
export interface CompressedRows {
  readonly size: number;
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly w: Float64Array;
  /** Σ weights: the number of customers. */
  readonly customers: number;
  /** Index of each row's frequency in `xs`. */
  readonly xIndex: Int32Array;
  /** The distinct frequencies, ascending. */
  readonly xs: Float64Array;
  /** Σ weights of the rows of each distinct frequency. */
  readonly xWeight: Float64Array;
  /** Index of each row's T in `Ts`. */
  readonly TIndex: Int32Array;
  /** The distinct values of T. */
  readonly Ts: Float64Array;
  /** The largest T. */
  readonly maxT: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The list argument as an array, or the error for it. A fit of nothing is `EMPTY_INPUT`; a function
 * that maps customers to results passes `allowEmpty` and returns an empty result
 * (docs/conventions.md, convention 4).
 *
 * @internal
 */
export function requireList(
  fn: string,
  name: string,
  value: unknown,
  allowEmpty = false,
): readonly unknown[] {
  if (!Array.isArray(value)) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: ${name} must be an array (received ${describeValue(value)})`,
      { path: [name] },
    );
  }
  if (value.length === 0 && !allowEmpty) {
    throw new RetentionMetricsError('EMPTY_INPUT', `${fn}: ${name} must not be empty`, {
      path: [name],
    });
  }
  return value;
}

/** The requirement of a frequency: a purchase count within {@link MAX_PURCHASES}. */
const FREQUENCY = `a whole number from 0 to ${MAX_PURCHASES}`;
/** The requirement of a T or a recency: a model time within {@link MAX_MODEL_TIME}. */
const TIME = `a finite number from 0 to ${MAX_MODEL_TIME}`;

/**
 * Reads one purchase history, validated: frequency a whole number from 0 to
 * {@link MAX_PURCHASES}, recency and T finite with 0 ≤ recency ≤ T ≤ {@link MAX_MODEL_TIME}
 * (recency is taken as 0 when frequency is 0), so that no row makes a fit or a prediction
 * non-finite.
 *
 * @internal
 */
export function readHistory(
  fn: string,
  list: string,
  index: number,
  row: unknown,
): { x: number; tx: number; T: number } {
  if (!isRecord(row)) throw invalidElement(fn, list, index, '', 'an object', row);
  const x = ownField(row, 'frequency');
  if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > MAX_PURCHASES) {
    throw invalidElement(fn, list, index, 'frequency', FREQUENCY, x);
  }
  const T = ownField(row, 'T');
  if (typeof T !== 'number' || !Number.isFinite(T) || T < 0 || T > MAX_MODEL_TIME) {
    throw invalidElement(fn, list, index, 'T', TIME, T);
  }
  const tx = ownField(row, 'recency');
  if (typeof tx !== 'number' || !Number.isFinite(tx) || tx < 0 || tx > MAX_MODEL_TIME) {
    throw invalidElement(fn, list, index, 'recency', TIME, tx);
  }
  if (tx > T) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: ${list}[${index}].recency (${tx}) must not exceed T (${T})`,
      { path: [list, index, 'recency'] },
    );
  }
  return { x, tx: x === 0 ? 0 : tx, T };
}

/** The purchase histories of a summary table, scanned. @internal */
export interface TableHistories {
  readonly table: CustomerSummaryTable;
  readonly size: number;
  readonly ids: readonly CustomerId[];
  /** Repeat purchases. */
  readonly x: Float64Array;
  /** Recency, 0 where x is 0. */
  readonly tx: Float64Array;
  readonly T: Float64Array;
  /** The exact mean repeat spend of row `i`. */
  monetaryValue(i: number): Decimal;
}

/**
 * The purchase histories of a summary table the library produced (the result of
 * `summarizeTransactions`), or `undefined` for anything else. No row objects are built: one scan of the
 * typed columns, which a caller can still write into, checks what {@link readHistory} checks of a
 * row (frequency a whole number ≥ 0, T finite ≥ 0, recency finite in [0, T]), naming
 * `list[i].field`.
 *
 * @internal
 */
export function tableHistories(
  fn: string,
  list: string,
  value: unknown,
): TableHistories | undefined {
  if (summaryTableParts(value) === undefined) return undefined;
  const table = value as CustomerSummaryTable;
  const c = table.columns;
  const size = table.length;
  const x = new Float64Array(size);
  const tx = new Float64Array(size);
  const T = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const xi = c.frequency[i] as number;
    if (!(xi >= 0 && xi <= MAX_PURCHASES)) {
      throw invalidElement(fn, list, i, 'frequency', FREQUENCY, xi);
    }
    const Ti = c.T[i] as number;
    if (!(Ti >= 0 && Ti <= MAX_MODEL_TIME)) throw invalidElement(fn, list, i, 'T', TIME, Ti);
    const ri = c.recency[i] as number;
    if (!(ri >= 0 && ri <= Ti)) {
      throw invalidElement(fn, list, i, 'recency', `a finite number from 0 to T (${Ti})`, ri);
    }
    x[i] = xi;
    tx[i] = xi === 0 ? 0 : ri;
    T[i] = Ti;
  }
  return {
    table,
    size,
    ids: c.customerId,
    x,
    tx,
    T,
    monetaryValue: (i) => c.monetaryValue.at(i),
  };
}

/**
 * Validates `rows` and groups identical `(frequency, recency, T)` into weighted rows.
 *
 * @throws {RetentionMetricsError} INVALID_INPUT for a bad row (named `rows[i].field`),
 *   EMPTY_INPUT for an empty list.
 * @internal
 */
export function compressRows(fn: string, rows: unknown): CompressedRows {
  const histories = tableHistories(fn, 'rows', rows);
  const list = histories === undefined ? requireList(fn, 'rows', rows) : null;
  if (histories !== undefined && histories.size === 0) {
    throw new RetentionMetricsError('EMPTY_INPUT', `${fn}: rows must not be empty`, {
      path: ['rows'],
    });
  }
  // frequency → T → recency → row index (T has few distinct values: few inner maps)
  const groups = new Map<number, Map<number, Map<number, number>>>();
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const w: number[] = [];
  let customers = 0;
  let maxT = 0;
  const add = (hx: number, htx: number, hT: number, wi: number): void => {
    customers += wi;
    if (hT > maxT) maxT = hT;
    let byT = groups.get(hx);
    if (byT === undefined) {
      byT = new Map();
      groups.set(hx, byT);
    }
    let byRecency = byT.get(hT);
    if (byRecency === undefined) {
      byRecency = new Map();
      byT.set(hT, byRecency);
    }
    const at = byRecency.get(htx);
    if (at === undefined) {
      byRecency.set(htx, x.length);
      x.push(hx);
      tx.push(htx);
      T.push(hT);
      w.push(wi);
    } else {
      w[at] = (w[at] as number) + wi;
    }
  };
  if (histories !== undefined) {
    for (let i = 0; i < histories.size; i++) {
      add(histories.x[i] as number, histories.tx[i] as number, histories.T[i] as number, 1);
    }
  }
  const rowList = list ?? [];
  for (let i = 0; i < rowList.length; i++) {
    const row = rowList[i];
    const h = readHistory(fn, 'rows', i, row);
    const weight = ownField(row, 'weight');
    let wi = 1;
    if (weight !== undefined) {
      if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) {
        throw invalidElement(fn, 'rows', i, 'weight', 'a finite number > 0', weight);
      }
      wi = weight;
    }
    add(h.x, h.tx, h.T, wi);
  }
  return indexRows(
    Float64Array.from(x),
    Float64Array.from(tx),
    Float64Array.from(T),
    Float64Array.from(w),
    customers,
    maxT,
  );
}

/** Adds the distinct-frequency index to rows in columns. @internal */
export function indexRows(
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
  w: Float64Array,
  customers: number,
  maxT: number,
): CompressedRows {
  const distinct = [...new Set(x)].sort((a, b) => a - b);
  const position = new Map<number, number>();
  distinct.forEach((v, i) => {
    position.set(v, i);
  });
  const xIndex = new Int32Array(x.length);
  const xWeight = new Float64Array(distinct.length);
  for (let i = 0; i < x.length; i++) {
    const k = position.get(x[i] as number) as number;
    xIndex[i] = k;
    xWeight[k] = (xWeight[k] as number) + (w[i] as number);
  }
  const tPosition = new Map<number, number>();
  const TIndex = new Int32Array(T.length);
  const Ts: number[] = [];
  for (let i = 0; i < T.length; i++) {
    const v = T[i] as number;
    let k = tPosition.get(v);
    if (k === undefined) {
      k = Ts.length;
      tPosition.set(v, k);
      Ts.push(v);
    }
    TIndex[i] = k;
  }
  return {
    size: x.length,
    x,
    tx,
    T,
    w,
    customers,
    xIndex,
    xs: Float64Array.from(distinct),
    xWeight,
    TIndex,
    Ts: Float64Array.from(Ts),
    maxT,
  };
}

/** The rows with every time divided by `scale`. @internal */
export function scaleRows(rows: CompressedRows, scale: number): CompressedRows {
  if (scale === 1) return rows;
  return {
    ...rows,
    tx: rows.tx.map((v) => v / scale),
    T: rows.T.map((v) => v / scale),
    Ts: rows.Ts.map((v) => v / scale),
    maxT: rows.maxT / scale,
  };
}
