/**
 * `npm run bench:generator -- [count=2000000] [seed=2018]`: throughput and memory of the deterministic
 * organisation generator (no database), against a baseline measured in the same run: a loop that only
 * walks the communes and builds a minimal object per row. The heap must not grow with the count.
 * Results go to docs/PERFORMANCE.md between `<!-- bench:generator -->` markers.
 */
import { generateOrganisations } from '../src/demo/generator/index.js';
import { readCogCommunes } from '../src/platform/geo/index.js';
import { machineDescription, writePerformanceSection } from './report.js';

const count = Number(process.argv[2] ?? 2_000_000);
const seed = Number(process.argv[3] ?? 2018);
const communes = readCogCommunes();

function measure(rows: Iterable<{ index: number; name: string }>) {
  const started = performance.now();
  let maxHeap = 0;
  let characters = 0;
  for (const o of rows) {
    characters += o.name.length;
    if (o.index % 100_000 === 0) maxHeap = Math.max(maxHeap, process.memoryUsage().heapUsed);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds,
    rowsPerSecond: Math.round(count / seconds),
    maxHeapMB: Math.round(maxHeap / 1_048_576),
    characters,
  };
}

function* baseline() {
  for (let index = 0; index < count; index++) {
    const commune = communes[index % communes.length]!;
    yield { index, name: `${commune.name} ${index}` };
  }
}

const base = measure(baseline());
const generator = measure(generateOrganisations({ seed, count, communes }));
const fmt = (n: number) => n.toLocaleString('en-US');
const section = `## Organisation generator

\`npm run bench:generator -- ${count} ${seed}\` — ${new Date().toISOString().slice(0, 10)}, ${machineDescription()}.

| loop | rows | seconds | rows/s | largest heap |
|---|---:|---:|---:|---:|
| baseline: commune walk + minimal object | ${fmt(count)} | ${base.seconds.toFixed(2)} | ${fmt(base.rowsPerSecond)} | ${base.maxHeapMB} MB |
| \`generateOrganisations\` (valid SIREN/SIRET/RNA, names, descriptions) | ${fmt(count)} | ${generator.seconds.toFixed(2)} | ${fmt(generator.rowsPerSecond)} | ${generator.maxHeapMB} MB |

A realistic organisation costs ${(generator.seconds / base.seconds).toFixed(1)}× the baseline loop; memory stays flat (streamed).
`;
writePerformanceSection('generator', section);
console.log(section);
