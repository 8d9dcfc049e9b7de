import { cohortRetention } from '../src/transactions/cohorts.js';

for (const [log, o] of [
  [[], { asOf: 'yesterday' }],
  [[{ customerId: 'a', at: 'last tuesday', amount: 1 }], { asOf: '2024-05-01' }],
  [[{ customerId: null, at: '2024-01-01', amount: 1 }], { asOf: '2024-05-01' }],
] as const) {
  try {
    cohortRetention(log as never, o as never);
  } catch (e) {
    console.log((e as Error).message);
  }
}
