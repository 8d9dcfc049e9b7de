import Decimal from 'decimal.js';
import { createSummaryAccumulator } from '../src/transactions/summarize.ts';

const LOG = [
  { customerId: 'a', at: '2024-01-01T09:00:00Z', amount: '10.00' },
  { customerId: 'a', at: '2024-01-01T17:30:00Z', amount: '5.50' },
  { customerId: 'a', at: '2024-01-15', amount: '20.00' },
  { customerId: 'b', at: '2024-01-29', amount: 7.25 },
  { customerId: 2, at: new Date('2024-01-03T00:00:00Z'), amount: new Decimal('0.001') },
  { customerId: 2, at: Date.UTC(2024, 0, 10), amount: '0.1' },
  { customerId: 2, at: '2024-01-02', amount: 0.2 },
  { customerId: 'a', at: '2024-02-01', amount: '99.00' },
];
const out = {
  day: createSummaryAccumulator({ asOf: '2024-01-29', unit: 'week' }).addMany(LOG).toJSON(),
  weekNewYork: createSummaryAccumulator({
    asOf: '2024-01-29',
    granularity: 'week',
    unit: 'day',
    timeZone: 'America/New_York',
  })
    .addMany(LOG)
    .toJSON(),
  none: createSummaryAccumulator({ asOf: '2024-01-29T12:00:00Z', granularity: 'none', unit: 7 })
    .addMany(LOG)
    .toJSON(),
  monthDateOnly: createSummaryAccumulator({
    asOf: '2024-01-31',
    granularity: 'month',
    unit: 'month',
    timeZone: '+03:00',
  })
    .addMany(LOG)
    .toJSON(),
};
console.log(JSON.stringify(out, null, 1));
