import * as z from 'zod/mini';
import { instantInputJson } from '../core/boundary.js';
import { isRetentionMetricsError } from '../core/errors.js';
import type { TimeUnit } from '../core/instant.js';
import { addIssue, looseObject, nonNegativeMoneyJson, withJson } from '../core/schemas.js';
import { resolveZone, type Zone } from '../core/time.js';
import { customerIdOf, rowAmount, rowTime } from './internal/rows.js';
import type { Transaction } from './log.js';

const UTC = resolveZone('UTC') as Zone;

/** The "must be …" part of the row reader's error about `log[0].field`. */
function requirementOf(error: unknown, field: string): string {
  if (!isRetentionMetricsError(error)) throw error;
  const named = `log[0].${field} `;
  return error.message.slice(error.message.indexOf(named) + named.length);
}

/**
 * The schema of one {@link Transaction} whose numeric timestamps are in `timeUnit`: it runs the
 * checks of the row reader that every transactions function uses, so it accepts exactly the rows
 * they accept. Fields other than `customerId`, `at` and `amount` are ignored, as the functions
 * ignore them.
 *
 * @param timeUnit - The unit of a numeric `at`. Default `'ms'`.
 * @returns A zod schema of one row.
 * @internal
 */
export function transactionSchemaFor(
  timeUnit: TimeUnit = 'ms',
): z.ZodMiniType<Transaction, Transaction> {
  return looseObject({
    customerId: withJson(z.unknown(), { anyOf: [{ type: 'string' }, { type: 'number' }] }),
    at: withJson(z.unknown(), instantInputJson()),
    amount: withJson(z.unknown(), nonNegativeMoneyJson()),
  }).check(
    z.superRefine((row, ctx) => {
      const checks: [string, () => unknown][] = [
        ['customerId', () => customerIdOf('', 'log', 0, row.customerId)],
        ['at', () => rowTime('', 'log', 0, row.at, timeUnit, UTC)],
        ['amount', () => rowAmount('', 'log', 0, row.amount)],
      ];
      for (const [field, check] of checks) {
        try {
          check();
        } catch (error) {
          addIssue(ctx, requirementOf(error, field), [field]);
        }
      }
    }),
  ) as unknown as z.ZodMiniType<Transaction, Transaction>;
}

/**
 * The schema of one {@link Transaction} with numeric timestamps in epoch milliseconds; it accepts
 * exactly the rows the transactions functions accept (it runs the same checks).
 *
 * @example
 * ```ts
 * import { transactionSchema } from 'retention-metrics';
 * transactionSchema.safeParse({ customerId: 1, at: '2024-01-05', amount: '10.50' }).success; // => true
 * transactionSchema.safeParse({ customerId: 1, at: 1704412800000000, amount: 10 }).success; // => false
 * ```
 * @category Schemas
 */
export const transactionSchema = transactionSchemaFor('ms');
