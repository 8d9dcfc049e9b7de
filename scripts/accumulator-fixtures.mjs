/**
 * Writes the stored accumulator states of test/fixtures/accumulator/ with the code of an earlier
 * version of the library, for the log in test/fixtures/accumulator/log.json.
 *
 *   git worktree add --detach /tmp/old <commit>        # 6fed2fa (version 1, 0.1.0) or ebd181b (version 2)
 *   ln -s "$PWD/node_modules" /tmp/old/node_modules
 *   (cd /tmp/old && npx tsx "$OLDPWD/scripts/accumulator-fixtures.mjs" /tmp/old out.json dayUtc,weekNewYork)
 *   git worktree remove --force /tmp/old
 */
import { readFileSync, writeFileSync } from 'node:fs';

const [dir, out, names = ''] = process.argv.slice(2);
const lib = await import(`${dir}/src/index.ts`);
const log = JSON.parse(
  readFileSync(new URL('../test/fixtures/accumulator/log.json', import.meta.url), 'utf8'),
);
const cases = {
  dayUtc: { asOf: '2024-03-31', unit: 'week' },
  weekNewYork: {
    asOf: '2024-03-10',
    granularity: 'week',
    unit: 'day',
    timeZone: 'America/New_York',
  },
  noneInstant: { asOf: '2024-03-31T12:00:00Z', granularity: 'none', unit: 7 },
  monthOffset: { asOf: '2024-03-31', granularity: 'month', unit: 'month', timeZone: '+03:00' },
  quarterMoscow: {
    asOf: '2024-03-31',
    granularity: 'quarter',
    unit: 'week',
    timeZone: 'Europe/Moscow',
  },
};
const result = {};
for (const name of names.split(',')) {
  const options = cases[name];
  result[name] = { options, state: lib.createSummaryAccumulator(options).addMany(log).toJSON() };
}
writeFileSync(out, `${JSON.stringify(result, null, 1)}\n`);
