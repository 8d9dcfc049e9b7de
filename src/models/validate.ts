/**
 * Checks of the arguments of the prediction functions: a fitted model of an expected kind, a
 * customer's history, a horizon.
 *
 * @module
 */
import { MAX_MODEL_TIME } from '../core/bounds.js';
import { describeValue, RetentionMetricsError } from '../core/errors.js';
import type { FittedModel } from './model.js';
import { readHistory } from './rows.js';

const PARAMS: Readonly<Record<FittedModel['model'], readonly string[]>> = {
  'bg-nbd': ['r', 'alpha', 'a', 'b'],
  'mbg-nbd': ['r', 'alpha', 'a', 'b'],
  'pareto-nbd': ['r', 'alpha', 's', 'beta'],
  'gamma-gamma': ['p', 'q', 'gamma'],
};

/**
 * The model, checked to be one of `kinds` with finite positive parameters.
 *
 * @internal
 */
export function requireModel<K extends FittedModel['model']>(
  fn: string,
  name: string,
  model: unknown,
  kinds: readonly K[],
): Extract<FittedModel, { model: K }> {
  const kind = (model as { model?: unknown } | null)?.model;
  if (typeof model !== 'object' || model === null || !kinds.includes(kind as K)) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: ${name} must be a fitted model of kind ${kinds.map((k) => `'${k}'`).join(', ')} (received ${typeof kind === 'string' ? `'${kind}'` : describeValue(model)})`,
      { path: [name] },
    );
  }
  const params = (model as { params?: Record<string, unknown> }).params;
  for (const p of PARAMS[kind as K]) {
    const v = params?.[p];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${fn}: ${name}.params.${p} must be a finite number > 0 (received ${describeValue(v)})`,
        { path: [name, 'params', p] },
      );
    }
  }
  return model as Extract<FittedModel, { model: K }>;
}

/** A horizon t: a finite number from 0 to {@link MAX_MODEL_TIME}. @internal */
export function requireHorizon(fn: string, name: string, t: unknown): number {
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0 || t > MAX_MODEL_TIME) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: ${name} must be a finite number from 0 to ${MAX_MODEL_TIME} (received ${describeValue(t)})`,
      { path: [name] },
    );
  }
  return t;
}

/** A customer's `{ frequency, recency, T }`, validated. @internal */
export function requireCustomer(
  fn: string,
  customer: unknown,
): { x: number; tx: number; T: number } {
  if (typeof customer !== 'object' || customer === null) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: customer must be an object { frequency, recency, T } (received ${describeValue(customer)})`,
      { path: ['customer'] },
    );
  }
  try {
    return readHistory(fn, 'customer', 0, customer);
  } catch (error) {
    // The caller's own errors (a getter, a proxy) pass through unchanged.
    if (!(error instanceof RetentionMetricsError)) throw error;
    // Name the field `customer.field`, not `customer[0].field`.
    const e = error;
    const path = ['customer', ...e.path.slice(2)];
    throw new RetentionMetricsError(e.code, e.message.replace('customer[0]', 'customer'), { path });
  }
}
