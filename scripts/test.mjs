#!/usr/bin/env node
// Runs node's test runner on an explicit list of test files (node 20 takes no glob, and with no file it
// finds nothing and exits 0: a silent false pass). Fails when the list is empty.
//   node scripts/test.mjs src          unit and integration tests on the embedded database (PGlite)
//   node scripts/test.mjs src --pg     the same tests on PostgreSQL (TEST_DATABASE_URL, default: local server)
//   node scripts/test.mjs e2e          browser journeys
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const pg = args.includes('--pg');
const roots = args.filter((a) => !a.startsWith('--'));
const only = process.env.TEST_ONLY; // a substring of the paths to run, for a quick local loop

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...find(path));
    else if (/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

const files = roots
  .flatMap(find)
  .filter((f) => !only || f.includes(only))
  .sort();
if (files.length === 0) {
  console.error(`No test file found under ${roots.join(', ') || '(nothing given)'}: refusing to pass.`);
  process.exit(1);
}

const env = { ...process.env, NODE_ENV: 'test' };
delete env.DATABASE_URL;
if (pg) env.TEST_DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/postgres';
else delete env.TEST_DATABASE_URL;

console.log(
  `${files.length} test files on ${pg ? `PostgreSQL (${new URL(env.TEST_DATABASE_URL).host})` : roots.includes('e2e') ? 'Chromium' : 'PGlite'}`,
);
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env },
);
process.exit(result.status ?? 1);
