import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../../platform/db/index.js';
import { runScript, scriptDatabase } from '../../../platform/testing/script.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** `npm run import:<kind> -- <args>`, as an operator runs it (stderr is not a terminal: plain progress lines). */
const importCommand = (kind: 'sirene' | 'rna', args: string[], env: Record<string, string>) =>
  runScript(`import-${kind}`, args, env);

describe('npm run import:sirene / import:rna', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  const dir = mkdtempSync(join(tmpdir(), 'fi-import-cli-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  let env: Record<string, string>;
  /** Opens the script's database between runs (PGlite allows one process at a time). */
  let withDatabase: <T>(use: (db: Db) => Promise<T>) => Promise<T>;

  before(async () => {
    // A migrated database; the script loads the geography itself (empty here).
    const database = await scriptDatabase(join(dir, 'data'));
    cleanups.push(() => database.close());
    env = database.env;
    withDatabase = database.withDatabase;
  });
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  test('imports the SIRENE fixture, prints rejected lines and the summary, exit 0; again: all unchanged', async () => {
    const file = join(dir, 'StockUniteLegale_utf8.csv');
    copyFileSync(join(FIXTURES, 'sirene-stock-unite-legale.csv'), file);
    const run = await importCommand('sirene', [file, '--batch', '4'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Import SIRENE \(StockUniteLegale\) terminé : .*StockUniteLegale_utf8\.csv$/m);
    assert.match(run.stdout, /^ {2}lignes lues {4}: 22$/m);
    assert.match(run.stdout, /^ {2}créées {9}: 13$/m);
    assert.match(run.stdout, /^ {2}ignorées {7}: 4 /m);
    assert.match(run.stdout, /^ {2}rejetées {7}: 5 \(détail : .*StockUniteLegale_utf8\.csv\.rejets\.csv\)$/m);
    assert.match(run.stdout, /^ {2}durée {10}: [0-9]+,[0-9] s \([0-9  ]+ lignes\/s\)$/m);
    assert.match(run.stderr, /^ligne 16 : rejetée : SIREN invalide \(clé de contrôle\) : 123456788$/m);
    assert.match(run.stderr, /\[#+\] 100,0 % · 22 lignes · .* · terminé$/m);
    assert.match(readFileSync(`${file}.rejets.csv`, 'utf8'), /^17;35 champs au lieu de 34$/m);

    const again = await importCommand('sirene', [file], env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^ {2}créées {9}: 0$/m);
    assert.match(again.stdout, /^ {2}inchangées {5}: 13$/m);

    const count = await withDatabase((db) =>
      db
        .selectFrom('organisations')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('source', '=', 'sirene')
        .executeTakeFirstOrThrow(),
    );
    assert.equal(Number(count.n), 13);
  });

  test('imports the RNA fixture with communes (geography loaded on first use)', async () => {
    const file = join(dir, 'rna_waldec.csv');
    copyFileSync(join(FIXTURES, 'rna-waldec.csv'), file);
    const run = await importCommand('rna', [file, '--batch=3'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Import RNA \(waldec\) terminé/m);
    assert.match(run.stdout, /^ {2}créées {9}: 9$/m);
    assert.match(run.stdout, /^ {2}avertissements : 2$/m);
    assert.match(
      run.stderr,
      /^ligne 7 : avertissement : commune inconnue du code officiel géographique : 99999$/m,
    );
    const paris = await withDatabase((db) =>
      db
        .selectFrom('organisations')
        .select(['commune_name'])
        .where('source', '=', 'rna')
        .where('source_key', '=', 'W751000017')
        .executeTakeFirstOrThrow(),
    );
    assert.equal(paris.commune_name, 'Paris');
  });

  test('fatal errors exit 1 with a French message', async () => {
    const missing = await importCommand('sirene', [join(dir, 'absent.csv')], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^Fichier introuvable : .*absent\.csv$/m);

    const none = await importCommand('rna', [], env);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /^Indiquez le fichier à importer\. Usage : npm run import:rna -- FICHIER/m);

    const wrong = await importCommand('rna', [join(FIXTURES, 'sirene-stock-unite-legale.csv')], env);
    assert.equal(wrong.code, 1);
    assert.match(
      wrong.stderr,
      /^En-tête du fichier RNA \(waldec\) incomplet : colonnes manquantes : id, siret/m,
    );

    const option = await importCommand('sirene', ['x.csv', '--batch', 'beaucoup'], env);
    assert.equal(option.code, 1);
    assert.match(option.stderr, /--batch attend un nombre de lignes entre 1 et 100 000/);
  });
});
