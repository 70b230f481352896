/**
 * `npm run build:client`: compiles the browser scripts (`src/modules/<module>/client/<name>.ts`, plain
 * TypeScript, no bundler: each file stands alone, type imports only) to `public/<name>.js`, which the app
 * serves under a fingerprinted path. The compiled files are committed, so that `npm start` needs no build.
 *
 * `npm run build:client -- --check` changes nothing and exits 1, naming the files, when a compiled file is
 * missing or differs from its source (a test runs it).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface ClientScript {
  /** The TypeScript source, relative to the repository root. */
  source: string;
  /** The compiled file, relative to the repository root. */
  output: string;
  /** What the compiled file must contain. */
  compiled: string;
}

/** Every browser script of the modules, compiled in memory. */
export function compileClientScripts(root = ROOT, outDir = join(root, 'public')): ClientScript[] {
  const modules = join(root, 'src/modules');
  const scripts: ClientScript[] = [];
  for (const module of readdirSync(modules).sort()) {
    const dir = join(modules, module, 'client');
    let files: string[];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    } catch {
      continue;
    }
    for (const file of files.sort()) {
      const path = join(dir, file);
      const { outputText } = ts.transpileModule(readFileSync(path, 'utf8'), {
        fileName: path,
        compilerOptions: {
          target: ts.ScriptTarget.ES2020,
          module: ts.ModuleKind.ESNext,
          verbatimModuleSyntax: true,
          removeComments: false,
        },
      });
      const source = relative(root, path);
      scripts.push({
        source,
        output: relative(root, join(outDir, `${basename(file, '.ts')}.js`)),
        compiled: `// Compiled from ${source} by \`npm run build:client\`: edit the source, not this file.\n${outputText}`,
      });
    }
  }
  return scripts;
}

/** The scripts whose compiled file is missing or out of date. */
export function staleClientScripts(root = ROOT, outDir = join(root, 'public')): ClientScript[] {
  return compileClientScripts(root, outDir).filter((script) => {
    try {
      return readFileSync(join(root, script.output), 'utf8') !== script.compiled;
    } catch {
      return true;
    }
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--check')) {
    const stale = staleClientScripts();
    for (const script of stale)
      console.error(`${script.output} does not match ${script.source}: run npm run build:client`);
    process.exitCode = stale.length > 0 ? 1 : 0;
  } else {
    for (const script of compileClientScripts()) {
      writeFileSync(join(ROOT, script.output), script.compiled);
      console.log(`${script.source} → ${script.output}`);
    }
  }
}
