import { readSummaryRows } from '../src/sql/read.js';
import { summarySql } from '../src/sql/summary.js';
import { duckdb, postgres } from '../test/sql/engines.js';

for (const make of [duckdb, postgres]) {
  const t0 = Date.now();
  const e = await make();
  await e.exec(`CREATE TABLE t (cid VARCHAR(20), ts TIMESTAMPTZ, d DATE, amount DECIMAL(12,2))`);
  await e.load(
    't',
    'cid,ts,d,amount\na,2024-03-09T12:00:00Z,2024-03-09,10.00\na,2024-03-10T12:00:00Z,2024-03-10,5.50\nb,2024-03-11T03:00:00Z,2024-03-10,1\n',
  );
  console.log(e.name, 'up', Date.now() - t0);
  for (const [atType, col] of [
    ['timestamptz', 'ts'],
    ['date', 'd'],
  ] as const)
    for (const g of ['day', 'week', 'month', 'none'] as const) {
      const q = summarySql({
        dialect: e.name,
        table: 't',
        columns: { customerId: 'cid', at: col, amount: 'amount' },
        atType,
        asOf: '2024-03-10',
        granularity: g,
        timeZone: 'America/New_York',
      });
      try {
        const rows = await e.run(q);
        console.log(atType, g, JSON.stringify(readSummaryRows(rows)));
      } catch (err) {
        console.log(q.sql, q.params);
        throw err;
      }
    }
  await e.close();
}
