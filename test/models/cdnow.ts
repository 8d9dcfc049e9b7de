/** The CDNOW calibration summary of the BG/NBD paper (test/fixtures/README.md). */
import { readFileSync } from 'node:fs';

export interface CdnowRow {
  readonly id: number;
  readonly frequency: number;
  readonly recency: number;
  readonly T: number;
  /** Mean repeat spend (zbar), 0 without repeat purchases. */
  readonly monetaryValue: number;
}

/** The 2,357 rows of cdnow_customers_summary_with_transactions.csv (weeks, dollars). */
export function cdnowRows(): CdnowRow[] {
  const text = readFileSync(
    new URL('../fixtures/cdnow_customers_summary_with_transactions.csv', import.meta.url),
    'utf8',
  );
  return text
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const [id, x, tx, T, zbar] = line.split(',').map(Number) as [
        number,
        number,
        number,
        number,
        number,
      ];
      return { id, frequency: x, recency: tx, T, monetaryValue: zbar };
    });
}
