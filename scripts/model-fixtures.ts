/**
 * Writes the stored-model fixtures (test/fixtures/models/<model>-v1.json): each model fitted to
 * the CDNOW calibration summary (test/fixtures/cdnow_customers_summary_with_transactions.csv,
 * weeks and dollars), saved with JSON.stringify as an application would store it. The tests read
 * them back with fittedModelFromJSON, so a change that stops a saved model from being read fails.
 *
 * A fixture is written only when its file does not exist: the four CDNOW fixtures were saved
 * before models had `warnings` and are kept so, as models stored then (they must still load).
 * bg-nbd-two-customers-v1.json is a model saved with warnings (two customers, who identify
 * nothing of the model's heterogeneity or dropout).
 *
 *   npx tsx scripts/model-fixtures.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fitBgNbd, fitGammaGamma, fitModifiedBgNbd, fitParetoNbd } from '../src/index.js';

const rows = readFileSync('test/fixtures/cdnow_customers_summary_with_transactions.csv', 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => {
    const [, frequency, recency, T, monetaryValue] = line.split(',').map(Number) as number[];
    return { frequency, recency, T, monetaryValue } as {
      frequency: number;
      recency: number;
      T: number;
      monetaryValue: number;
    };
  });

const models = {
  'bg-nbd': fitBgNbd(rows, { unit: 'week' }),
  'mbg-nbd': fitModifiedBgNbd(rows, { unit: 'week' }),
  'pareto-nbd': fitParetoNbd(rows, { unit: 'week' }),
  'gamma-gamma': fitGammaGamma(rows),
  'bg-nbd-two-customers': fitBgNbd(
    [
      { frequency: 2, recency: 10, T: 10 },
      { frequency: 4, recency: 20, T: 20 },
    ],
    { unit: 'week' },
  ),
};
for (const [name, model] of Object.entries(models)) {
  const file = `test/fixtures/models/${name}-v1.json`;
  if (existsSync(file)) continue;
  writeFileSync(file, `${JSON.stringify(model, null, 2)}\n`);
  console.log(file, JSON.stringify(model.params));
}
