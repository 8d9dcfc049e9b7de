import { run } from '../bench/summarize.bench.js';

run();
