/**
 * Simulation of customer bases from BG/NBD and Pareto/NBD parameters with a seeded generator,
 * for recovery tests, benchmarks and what-if studies.
 *
 * @module
 */

import {
  MAX_MODEL_TIME,
  MAX_SIMULATED_CUSTOMERS,
  MAX_SIMULATED_PURCHASES,
} from '../core/bounds.js';
import { describeValue, RetentionMetricsError, requirePlainObject } from '../core/errors.js';
import { ownField, ownInput } from '../core/own.js';
import type { BetaGeometricParams, ParetoNbdParams } from './model.js';
import type { PurchaseHistory } from './rows.js';

/** Options of {@link simulateBgNbd} and {@link simulateParetoNbd}. */
export interface SimulationOptions {
  /** Customers to simulate, a whole number ≥ 1. */
  readonly customers: number;
  /** Observation length per customer: one value, or `[min, max]` drawn uniformly. > 0. */
  readonly T: number | readonly [number, number];
  /** Seed of the generator (a 32-bit integer); equal seeds give equal customers. Default 1. */
  readonly seed?: number;
}

/** A seeded uniform generator on (0, 1): mulberry32. @internal */
export function uniformGenerator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

/** A standard normal variate (Box–Muller). */
function normal(u: () => number): number {
  return Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

/** A Gamma(shape, rate) variate (Marsaglia & Tsang 2000; shape < 1 boosted by U^{1/shape}). @internal */
export function gammaVariate(u: () => number, shape: number, rate: number): number {
  if (shape < 1) return gammaVariate(u, shape + 1, rate) * u() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(u);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = u();
    if (w < 1 - 0.0331 * x ** 4 || Math.log(w) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
      return (d * v) / rate;
    }
  }
}

function checkOptions(
  fn: string,
  givenOptions: SimulationOptions,
): [number, number, number, number] {
  requirePlainObject(fn, 'options', givenOptions);
  const options = ownInput(givenOptions);
  const n = options.customers;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_SIMULATED_CUSTOMERS) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: options.customers must be a whole number from 1 to ${MAX_SIMULATED_CUSTOMERS} (received ${describeValue(n)})`,
      { path: ['options', 'customers'] },
    );
  }
  const range: readonly unknown[] =
    typeof options.T === 'number'
      ? [options.T, options.T]
      : Array.isArray(options.T)
        ? options.T
        : [];
  const lo = typeof range[0] === 'number' ? range[0] : Number.NaN;
  const hi = typeof range[1] === 'number' && range.length === 2 ? range[1] : Number.NaN;
  if (!(lo > 0 && hi >= lo && hi <= MAX_MODEL_TIME)) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: options.T must be a number from 0 (exclusive) to ${MAX_MODEL_TIME} or a range [min, max] with 0 < min ≤ max ≤ ${MAX_MODEL_TIME} (received ${describeValue(options.T)})`,
      { path: ['options', 'T'] },
    );
  }
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: options.seed must be an integer (received ${describeValue(seed)})`,
      { path: ['options', 'seed'] },
    );
  }
  return [n, lo, hi, seed];
}

/** Counts the purchases drawn; past {@link MAX_SIMULATED_PURCHASES} the call is INVALID_INPUT. */
function purchaseBudget(fn: string): () => void {
  let drawn = 0;
  return () => {
    if (++drawn <= MAX_SIMULATED_PURCHASES) return;
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: params and options.T ask for more than ${MAX_SIMULATED_PURCHASES} purchases; use a smaller purchase rate (r / alpha), T or number of customers`,
      { path: ['params'] },
    );
  };
}

function checkParams(fn: string, params: unknown, names: readonly string[]): void {
  requirePlainObject(fn, 'params', params);
  for (const name of names) {
    const v = ownField(params, name);
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${fn}: params.${name} must be a finite number > 0 (received ${describeValue(v)})`,
        { path: ['params', name] },
      );
    }
  }
}

/**
 * Simulates customers of the BG/NBD model (Fader, Hardie & Lee 2005, assumptions i–v): each
 * draws λ ~ Gamma(r, α) and p ~ Beta(a, b), buys at exponential intervals of rate λ after the
 * first purchase at time 0, and drops out after each repeat purchase with probability p.
 *
 * @param params - { r, alpha, a, b }, all > 0.
 * @param options - {@link SimulationOptions}.
 * @returns `{ frequency, recency, T }` per customer.
 * @throws {RetentionMetricsError} INVALID_INPUT for bad parameters or options.
 *
 * @example
 * ```ts
 * import { simulateBgNbd } from 'retention-metrics';
 * const rows = simulateBgNbd({ r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 }, { customers: 3, T: 39, seed: 7 });
 * rows.length; // => 3
 * rows.every((c) => c.recency <= c.T && c.T === 39); // => true
 * ```
 * @category Models
 */
export function simulateBgNbd(
  params: BetaGeometricParams,
  options: SimulationOptions,
): PurchaseHistory[] {
  const fn = 'simulateBgNbd';
  checkParams(fn, params, ['r', 'alpha', 'a', 'b']);
  const [n, lo, hi, seed] = checkOptions(fn, options);
  const u = uniformGenerator(seed);
  const count = purchaseBudget(fn);
  const out: PurchaseHistory[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const T = lo === hi ? lo : lo + (hi - lo) * u();
    const lambda = gammaVariate(u, params.r, params.alpha);
    const g1 = gammaVariate(u, params.a, 1);
    const p = g1 / (g1 + gammaVariate(u, params.b, 1));
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += -Math.log(u()) / lambda;
      if (t > T) break;
      count();
      x++;
      tx = t;
      if (u() < p) break;
    }
    out[i] = { frequency: x, recency: tx, T };
  }
  return out;
}

/**
 * Simulates customers of the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987): each draws
 * λ ~ Gamma(r, α) and μ ~ Gamma(s, β), lives an exponential time of rate μ after the first
 * purchase at time 0, and buys at exponential intervals of rate λ while alive.
 *
 * @param params - { r, alpha, s, beta }, all > 0.
 * @param options - {@link SimulationOptions}.
 * @returns `{ frequency, recency, T }` per customer.
 * @throws {RetentionMetricsError} INVALID_INPUT for bad parameters or options.
 *
 * @example
 * ```ts
 * import { simulateParetoNbd } from 'retention-metrics';
 * const rows = simulateParetoNbd({ r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }, { customers: 2, T: [26, 39] });
 * rows.length; // => 2
 * ```
 * @category Models
 */
export function simulateParetoNbd(
  params: ParetoNbdParams,
  options: SimulationOptions,
): PurchaseHistory[] {
  const fn = 'simulateParetoNbd';
  checkParams(fn, params, ['r', 'alpha', 's', 'beta']);
  const [n, lo, hi, seed] = checkOptions(fn, options);
  const u = uniformGenerator(seed);
  const count = purchaseBudget(fn);
  const out: PurchaseHistory[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const T = lo === hi ? lo : lo + (hi - lo) * u();
    const lambda = gammaVariate(u, params.r, params.alpha);
    const mu = gammaVariate(u, params.s, params.beta);
    const end = Math.min(T, -Math.log(u()) / mu);
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += -Math.log(u()) / lambda;
      if (t > end) break;
      count();
      x++;
      tx = t;
    }
    out[i] = { frequency: x, recency: tx, T };
  }
  return out;
}
