/**
 * A synthetic purchase log in column form, generated from a fixed seed: `rows` purchases of
 * `customers` customers over `days` days from 2023-01-01, epoch-ms times and two-decimal amounts.
 * Customers differ in how often they buy (a few buy often, most rarely), as in real logs.
 */
export interface GeneratedLog {
  readonly customerId: Int32Array;
  readonly at: Float64Array;
  readonly amount: Float64Array;
}

/** mulberry32: a small, fast, seeded PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const START = Date.UTC(2023, 0, 1);
const DAY = 86_400_000;

export function generateLog(
  rows: number,
  customers: number,
  days = 730,
  seed = 20261122,
): GeneratedLog {
  const random = seededRandom(seed);
  const customerId = new Int32Array(rows);
  const at = new Float64Array(rows);
  const amount = new Float64Array(rows);
  // Each customer has an acquisition day; purchases fall after it. Skewed customer choice:
  // squaring a uniform number makes low ids buy more often.
  const acquired = new Float64Array(customers);
  for (let c = 0; c < customers; c++) acquired[c] = Math.floor(random() * days * 0.75);
  for (let i = 0; i < rows; i++) {
    const c = i < customers ? i : Math.floor(random() * random() * customers);
    const first = acquired[c] ?? 0;
    const day = i < customers ? first : first + Math.floor(random() * (days - first));
    customerId[i] = c + 1;
    at[i] = START + day * DAY + Math.floor(random() * DAY);
    amount[i] = Math.round(500 + random() * 20_000) / 100;
  }
  return { customerId, at, amount };
}
