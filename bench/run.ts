/**
 * Runs every benchmark and prints its figures. `npm run bench`.
 *
 * The warehouse benchmark (DuckDB vs in memory) runs on WAREHOUSE_ROWS purchases of a tenth as
 * many customers: 2,000,000 by default, so that the whole run stays a few minutes;
 * `WAREHOUSE_ROWS=10000000 npm run bench` for the figure, `WAREHOUSE_ROWS=0` to skip it.
 */
import { run as importTime } from './import.bench.js';
import { run as metrics } from './metrics.bench.js';
import { run as models } from './models.bench.js';
import { run as segments } from './segments.bench.js';
import { run as summarize } from './summarize.bench.js';
import { run as warehouse } from './warehouse.bench.js';

console.log(`Node ${process.version}, ${process.platform} ${process.arch}`);
importTime();
metrics();
summarize();
segments();
models();
const warehouseRows = Number(process.env.WAREHOUSE_ROWS ?? 2_000_000);
if (!Number.isSafeInteger(warehouseRows) || warehouseRows < 0) {
  throw new Error(
    `WAREHOUSE_ROWS must be a whole number ≥ 0 (received ${process.env.WAREHOUSE_ROWS})`,
  );
}
if (warehouseRows > 0) await warehouse(warehouseRows, Math.max(1, Math.floor(warehouseRows / 10)));
else console.log('\nWarehouse: skipped (WAREHOUSE_ROWS=0)');
console.log(
  `\npeak resident memory of the whole run: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
