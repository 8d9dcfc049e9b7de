/** Runs every benchmark and prints its figures. `npm run bench`. */
import { run as metrics } from './metrics.bench.js';

console.log(`Node ${process.version}, ${process.platform} ${process.arch}`);
metrics();
