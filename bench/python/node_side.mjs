// The library's side of `npm run bench:python` (bench/python.ts), the mirror of side_by_side.py:
// one task in a fresh process, on the files the bench wrote, timed after its input is loaded;
// prints one JSON line {"ms": ..., "maxrss_mb": ..., "check": ...}.
//
//     node bench/python/node_side.mjs summaries|rfm|classes|classes-lazy|reasons|iso DIR
//
// Like the Python side it loads its input untimed (the log's columns from the same binary files,
// the ISO-8601 strings split from the same text file) and reports the process's peak resident
// memory (getrusage ru_maxrss: the runtime, the library, the input and the task's peak). The
// scores and classes take a summary table the library built, so those tasks first summarise the
// log (untimed; their peak memory includes it, where pandas loads four ready columns).
import { readFileSync } from 'node:fs';

const [task, dir] = process.argv.slice(2);
const lib = await import(new URL('../../dist/index.js', import.meta.url).href);
const meta = JSON.parse(readFileSync(`${dir}/meta.json`, 'utf8'));
const asOf = meta.asOf;

function read(file, Type) {
  const bytes = readFileSync(`${dir}/${file}`);
  return new Type(bytes.buffer, bytes.byteOffset, bytes.byteLength / Type.BYTES_PER_ELEMENT);
}

function log() {
  return {
    customerId: read('log-customer.bin', Int32Array),
    at: read('log-at.bin', Float64Array),
    amount: read('log-amount.bin', Float64Array),
  };
}

/** The summary table the scores and classes read, built untimed. */
function table() {
  const summaries = lib.summarizeTransactions(log(), { asOf, unit: 'week' });
  globalThis.gc?.();
  return summaries;
}

function segmentCounts(names, codes) {
  const counts = {};
  for (const code of codes) counts[names[code]] = (counts[names[code]] ?? 0) + 1;
  return counts;
}

let run;
let check;
if (task === 'summaries') {
  const input = log();
  run = () => lib.summarizeTransactions(input, { asOf, unit: 'week' });
  check = (t) => ({ rows: t.length, frequencySum: t.columns.frequency.reduce((a, b) => a + b, 0) });
} else if (task === 'rfm') {
  const input = table();
  run = () => lib.rfmScores(input);
  check = (t) => ({ rows: t.length });
} else if (task === 'classes' || task === 'classes-lazy' || task === 'reasons') {
  const input = table();
  if (task === 'classes') run = () => lib.classifyCustomers(input, { reasons: false });
  else if (task === 'classes-lazy') run = () => lib.classifyCustomers(input);
  else {
    // Every customer's reasons, built: what a report of all customers with their reasons needs.
    run = () => {
      const classes = lib.classifyCustomers(input);
      let reasons = 0;
      for (let i = 0; i < classes.length; i++) reasons += classes.reasonsOf(i).length;
      return { classes, reasons };
    };
  }
  check = (r) => {
    const t = r.classes ?? r;
    return {
      rows: t.length,
      segments: segmentCounts(t.segmentNames, t.columns.segment),
      reasons: r.reasons ?? null,
    };
  };
} else if (task === 'iso') {
  const input = {
    customerId: read('iso-customer.bin', Int32Array),
    at: readFileSync(`${dir}/iso-at.txt`, 'utf8').split('\n'),
    amount: read('iso-amount.bin', Float64Array),
  };
  run = () => lib.summarizeTransactions(input, { asOf, unit: 'week' });
  check = (t) => ({ rows: t.length, frequencySum: t.columns.frequency.reduce((a, b) => a + b, 0) });
} else {
  throw new Error(`unknown task ${task}`);
}
const start = performance.now();
const result = run();
const ms = performance.now() - start;
const maxrss_mb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ ms, maxrss_mb, check: check(result) }));
