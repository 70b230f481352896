import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { compileClientScripts, staleClientScripts } from '../../../scripts/build-client.js';

describe('browser scripts: TypeScript sources compiled to public/', () => {
  test('every compiled file in public/ matches its source, and stands alone (no import left)', () => {
    const scripts = compileClientScripts();
    assert.ok(
      scripts.some((s) => s.output === 'public/dossier-form.js'),
      'the dossier autosave script is compiled from TypeScript',
    );
    for (const script of scripts) assert.doesNotMatch(script.compiled, /^\s*import\s/m, script.source);
    assert.deepEqual(
      staleClientScripts().map((s) => s.output),
      [],
      'run npm run build:client and commit public/',
    );
  });

  test('a source changed without building again is reported', () => {
    const root = mkdtempSync(join(tmpdir(), 'fi-client-'));
    try {
      mkdirSync(join(root, 'src/modules/demo/client'), { recursive: true });
      mkdirSync(join(root, 'public'));
      const source = join(root, 'src/modules/demo/client/hello.ts');
      writeFileSync(source, "const who: string = 'monde';\nconsole.log('Bonjour ' + who);\n");
      assert.deepEqual(
        staleClientScripts(root).map((s) => s.output),
        ['public/hello.js'],
        'never built',
      );
      const [built] = compileClientScripts(root);
      assert.ok(built);
      assert.doesNotMatch(built.compiled, /: string/, 'types are gone');
      writeFileSync(join(root, built.output), built.compiled);
      assert.deepEqual(staleClientScripts(root), []);
      writeFileSync(source, "const who: string = 'France';\nconsole.log('Bonjour ' + who);\n");
      assert.deepEqual(
        staleClientScripts(root).map((s) => s.output),
        ['public/hello.js'],
        'changed since',
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
