/** Runs every benchmark and prints its figures. `npm run bench`. */
import { run as importTime } from './import.bench.js';
import { run as metrics } from './metrics.bench.js';
import { run as models } from './models.bench.js';
import { run as segments } from './segments.bench.js';
import { run as summarize } from './summarize.bench.js';

console.log(`Node ${process.version}, ${process.platform} ${process.arch}`);
importTime();
metrics();
summarize();
segments();
models();
console.log(
  `\npeak resident memory of the whole run: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
