import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

export const PERFORMANCE_DOC = fileURLToPath(new URL('../docs/PERFORMANCE.md', import.meta.url));

/** The machine a measurement ran on, as each section of docs/PERFORMANCE.md states it. */
export function machineDescription(): string {
  const cpu = cpus();
  return `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, Node.js ${process.version}, ${process.platform} ${process.arch}`;
}

/** Replaces (or appends) the section between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`. */
export function writePerformanceSection(name: string, section: string, doc = PERFORMANCE_DOC): void {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${section.trim()}\n${end}`;
  const current = existsSync(doc)
    ? readFileSync(doc, 'utf8')
    : '# Performance\n\nMeasured by the scripts in `bench/`; each section says the command that reproduces it and the machine it ran on.\n';
  const at = current.indexOf(start);
  const until = current.indexOf(end);
  const next =
    at >= 0 && until > at
      ? current.slice(0, at) + block + current.slice(until + end.length)
      : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(doc, next);
}
