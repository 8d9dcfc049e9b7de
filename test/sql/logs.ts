/**
 * The purchase logs of the SQL tests, each as in-memory rows (for the library's functions) and as
 * CSV text for the engines' tables with one `at` column per time type:
 * - CDNOW: the master log (bench/data/CDNOW_master.txt, 69,659 purchases), dates only;
 * - DST: a generated log with times of day around both 2024 daylight-saving changes of New York,
 *   rows at local midnights and in the repeated hour, and a hostile customer id.
 */
import { readFileSync } from 'node:fs';
import { instantOf, isDateOnly } from '../../src/core/instant.js';
import { resolveZone, startOfLocalDay, type Zone } from '../../src/core/time.js';
import type { CustomerSummary } from '../../src/transactions/customer-summary.js';

export interface LogRow {
  readonly customerId: string | number;
  /** A date-only string (CDNOW, and the DST log's date column) or an instant. */
  readonly at: string | Date;
  readonly amount: string;
}

/** The instant of a log row in `zone`: date-only strings name the local day's first instant. */
export function rowInstant(at: string | Date, zone: Zone): number {
  const ms = instantOf(at);
  return isDateOnly(at) ? startOfLocalDay(ms, zone) : ms;
}

export const CDNOW_TABLE = `CREATE TABLE cdnow (customer_id INTEGER, day DATE, "at" TIMESTAMPTZ, amount DECIMAL(12, 2))`;

/** The CDNOW master log: rows with date-only `at`, and CSV with the date and its UTC midnight. */
export function cdnow(): { rows: LogRow[]; csv: string } {
  const text = readFileSync(new URL('../../bench/data/CDNOW_master.txt', import.meta.url), 'utf8');
  const rows: LogRow[] = [];
  const csv = ['customer_id,day,at,amount'];
  for (const line of text.split(/\r?\n/).slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 4) continue;
    const [id, date, , amount] = fields as [string, string, string, string];
    const day = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;
    rows.push({ customerId: Number(id), at: day, amount });
    csv.push(`${Number(id)},${day},${day}T00:00:00Z,${amount}`);
  }
  return { rows, csv: `${csv.join('\n')}\n` };
}

export const HOSTILE_ID = `O'Brien"); DROP TABLE dst; --`;

export const DST_TABLE = `CREATE TABLE dst (customer_id VARCHAR, "at" TIMESTAMPTZ, ts TIMESTAMP, d DATE, ms BIGINT, us BIGINT, ns BIGINT, s DOUBLE PRECISION, amount DECIMAL(12, 2), amount_f DOUBLE PRECISION)`;

/** The DST log's forms of one purchase. */
export interface DstRow {
  readonly customerId: string;
  /** The instant, whole ms. */
  readonly ms: number;
  /** Its local date in New York (for the DATE column). */
  readonly date: string;
  /** Epoch seconds as stored in the DOUBLE column, and the ms they name (floor of s × 1000). */
  readonly s: number;
  readonly sMs: number;
  readonly amount: string;
}

/**
 * A generated log: 240 customers, 4,000 purchases at random times from 2024-02-20 to 2024-11-25
 * (New York changes to daylight time on 2024-03-10 and back on 2024-11-03), plus purchases at the
 * edges: New York midnights, the skipped and the repeated hour.
 */
export function dstLog(): { rows: DstRow[]; csv: string } {
  let seed = 20_240_310;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const ny = resolveZone('America/New_York') as Zone;
  const from = Date.parse('2024-02-20T00:00:00Z');
  const to = Date.parse('2024-11-25T00:00:00Z');
  const instants: { id: string; ms: number }[] = [];
  for (let i = 0; i < 4000; i++) {
    const id = `c${String(Math.floor(random() * 240)).padStart(3, '0')}`;
    instants.push({ id, ms: from + Math.floor(random() * (to - from)) });
  }
  const edges = [
    '2024-03-10T04:59:59.999Z', // 23:59:59.999 EST on 9 March
    '2024-03-10T05:00:00.000Z', // midnight, 10 March (a 23-hour day)
    '2024-03-10T06:59:59.999Z', // 01:59:59.999 EST
    '2024-03-10T07:00:00.000Z', // 03:00 EDT
    '2024-11-03T04:00:00.000Z', // midnight EDT, 3 November (a 25-hour day)
    '2024-11-03T05:30:00.000Z', // 01:30 EDT
    '2024-11-03T06:30:00.000Z', // 01:30 EST
    '2024-11-04T04:59:59.999Z', // 23:59:59.999 EST on 3 November
    '2024-11-04T05:00:00.000Z', // midnight, 4 November
  ];
  edges.forEach((iso, k) => {
    instants.push({ id: `edge${k % 3}`, ms: Date.parse(iso) });
    instants.push({ id: HOSTILE_ID, ms: Date.parse(iso) + 1000 * k });
  });
  const rows: DstRow[] = [];
  const csv = ['customer_id,at,ts,d,ms,us,ns,s,amount,amount_f'];
  instants.forEach(({ id, ms }, i) => {
    const cents = 1 + Math.floor(random() * 20_000);
    const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    const sub = i % 1000;
    const us = BigInt(ms) * 1000n + BigInt(sub);
    const ns = us * 1000n + BigInt((i * 7919) % 1000);
    const s = ms / 1000;
    const local = new Date(ms + ny.offsetAt(ms)).toISOString().slice(0, 10);
    const iso = new Date(ms).toISOString();
    rows.push({ customerId: id, ms, date: local, s, sMs: Math.floor(s * 1000), amount });
    const quoted = `"${id.replace(/"/g, '""')}"`;
    csv.push(
      `${quoted},${iso},${iso.slice(0, 23).replace('T', ' ')},${local},${ms},${us},${ns},${s},${amount},${amount}`,
    );
  });
  return { rows, csv: `${csv.join('\n')}\n` };
}

/** Start of a local day in a zone, for expectations written by hand. */
export function localMidnight(date: string, timeZone: string): number {
  return startOfLocalDay(Date.parse(`${date}T00:00:00Z`), resolveZone(timeZone) as Zone);
}

/** Summaries as plain values: instants in ms, Decimals as strings. */
export function plain(summaries: readonly CustomerSummary[]) {
  return summaries.map((s) => ({
    ...s,
    firstPurchaseAt: s.firstPurchaseAt.getTime(),
    lastPurchaseAt: s.lastPurchaseAt.getTime(),
    totalRevenue: s.totalRevenue.toString(),
    averageOrderValue: s.averageOrderValue.toString(),
    monetaryValue: s.monetaryValue.toString(),
  }));
}
