/**
 * Throughput and memory of the organisations generator (no database):
 *   node --import tsx src/demo/generator/generate.bench.ts [count=2000000] [seed=2018]
 * Prints rows per second and the largest heap seen; the heap must not grow with the count.
 */
import { readCogCommunes } from '../../platform/geo/index.js';
import { generateOrganisations } from './index.js';

const count = Number(process.argv[2] ?? 2_000_000);
const seed = Number(process.argv[3] ?? 2018);
const communes = readCogCommunes();

const started = performance.now();
let maxHeap = 0;
let characters = 0;
for (const o of generateOrganisations({ seed, count, communes })) {
  characters += o.name.length + o.description.length;
  if (o.index % 100_000 === 0) maxHeap = Math.max(maxHeap, process.memoryUsage().heapUsed);
}
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    count,
    seconds: Number(seconds.toFixed(2)),
    rowsPerSecond: Math.round(count / seconds),
    maxHeapMB: Math.round(maxHeap / 1_048_576),
    averageTextLength: Math.round(characters / Math.max(count, 1)),
  }),
);
