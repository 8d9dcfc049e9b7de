/**
 * Reads the CDNOW 1/10 sample shipped in examples/data (see its README) into a transaction log in
 * column form: sample customer ids as numbers, dates as ISO `YYYY-MM-DD` strings (UTC days) and
 * dollar amounts as the file's exact decimal strings.
 */
import { readFileSync } from 'node:fs';

export interface CdnowLog {
  readonly customerId: number[];
  readonly at: string[];
  readonly amount: string[];
}

export function readCdnowSample(): CdnowLog {
  // Columns: master id, sample id, YYYYMMDD, CDs, dollars; whitespace-separated, CRLF.
  const text = readFileSync(new URL('../data/CDNOW_sample.txt', import.meta.url), 'utf8');
  const rows = text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(/\s+/));
  return {
    customerId: rows.map((r) => Number(r[1])),
    at: rows.map(([, , d = '']) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`),
    amount: rows.map((r) => r[4] ?? ''),
  };
}
