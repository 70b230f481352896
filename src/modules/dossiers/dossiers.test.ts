import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp, type TestClient } from '../../platform/testing/app.js';
import { createTestUser, openTestSession, type TestUser } from '../accounts/testing.js';
import { createTestOrganisation } from '../organisations/testing.js';
import { createTestCall, PIONNIERS_FORM, TEST_ELIGIBILITY_REASON } from './testing.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>');

function lockOf(body: string): string {
  const match = /name="lock_version" value="(\d+)"/.exec(body);
  assert.ok(match, 'the page carries its lock version');
  return match[1] as string;
}

/** The wrapper of a field on a step page (its `hidden` attribute says whether it shows). */
function wrapperOf(body: string, fieldId: string): string {
  const match = new RegExp(`<div class="dossier-field" data-field="${fieldId}"[^>]*>`).exec(body);
  assert.ok(match, `field ${fieldId} on the page`);
  return match[0];
}

function multipart(
  fields: Record<string, string>,
  file: { name: string; type: string; content: Buffer },
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----essai${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="fichier"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('dossiers: the applicant’s pages', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let mallory: TestUser;
  let organisation: { id: string; name: string };
  let partner: { id: string; name: string };
  let call: { id: string; slug: string; title: string };

  async function signedIn(user: TestUser): Promise<TestClient> {
    const c = t.client();
    c.cookies.set(t.app.sessionCookieName, await openTestSession(t.database.db, user.id));
    await c.get('/dossiers');
    return c;
  }

  async function start(c: TestClient, organisationId: string, slug = call.slug): Promise<string> {
    await c.get(`/appels/${slug}`);
    const res = await c.post(`/appels/${slug}/candidature`, { organisation: organisationId });
    assert.equal(res.statusCode, 303, res.body.slice(0, 1000));
    const id = /^\/dossiers\/([0-9a-f-]{36})$/.exec(String(res.headers.location))?.[1];
    assert.ok(id);
    return id;
  }

  async function answers(id: string): Promise<Record<string, unknown>> {
    const row = await t.database.db
      .selectFrom('dossiers')
      .select('answers')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return row.answers as Record<string, unknown>;
  }

  async function upload(c: TestClient, id: string, file: { name: string; type: string; content: Buffer }) {
    const page = await c.get(`/dossiers/${id}/etapes/pieces`);
    const { payload, headers } = multipart(
      { _csrf: await c.csrfToken(), lock_version: lockOf(page.body) },
      file,
    );
    return c.inject({ method: 'POST', url: `/dossiers/${id}/pieces/statuts`, payload, headers });
  }

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    alice = await createTestUser(db, { email: 'alice.dossiers@exemple.fr' });
    bob = await createTestUser(db, { email: 'bob.dossiers@exemple.fr' });
    carol = await createTestUser(db, { email: 'carol.dossiers@exemple.fr' });
    mallory = await createTestUser(db, { email: 'mallory.dossiers@exemple.fr' });
    organisation = await createTestOrganisation(db, {
      name: 'Les Jardins partagés',
      members: [{ userId: alice.id }, { userId: bob.id, role: 'editor' }],
    });
    partner = await createTestOrganisation(db, {
      name: 'Coopérative du quartier',
      siren: '130025265',
      members: [{ userId: carol.id }],
    });
    await createTestOrganisation(db, { name: 'Autre structure', members: [{ userId: mallory.id }] });
    call = await createTestCall(db, { title: 'Appel Quartiers solidaires' });
  });
  after(() => t.close());

  test('a member starts a dossier from the call page; starting again gives the same dossier', async () => {
    const c = await signedIn(alice);
    const page = await c.get(`/appels/${call.slug}`);
    assert.match(page.body, /Candidater/);
    assert.match(page.body, new RegExp(`action="/appels/${call.slug}/candidature"`));
    const first = await start(c, organisation.id);
    const second = await start(c, organisation.id);
    assert.equal(second, first);
    const row = await t.database.db
      .selectFrom('dossiers')
      .selectAll()
      .where('id', '=', first)
      .executeTakeFirstOrThrow();
    assert.match(row.reference, /^FI-\d{4}-\d{6}$/);
    assert.equal(row.title, 'Appel Quartiers solidaires — Les Jardins partagés');
    assert.equal(row.status, 'brouillon');
    assert.equal(row.form_version, 1);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('object_id', '=', first)
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['dossiers.start'],
    );
    const list = await c.get('/dossiers');
    assert.match(list.body, new RegExp(`href="/dossiers/${first}"`));
    assert.match(list.body, /Brouillon/);
    // Another organisation's member cannot start a dossier for this one.
    const m = await signedIn(mallory);
    await m.get(`/appels/${call.slug}`);
    const refused = await m.post(`/appels/${call.slug}/candidature`, { organisation: organisation.id });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Choisissez une structure dont vous êtes membre/);
  });

  test('steps: saving goes to the next step; a malformed answer is shown again with its message, the valid ones kept', async () => {
    const c = await signedIn(alice);
    const id = await start(c, organisation.id);
    const page = await c.get(`/dossiers/${id}/etapes/projet`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Étape 1 sur 2/);
    const bad = await c.post(`/dossiers/${id}/etapes/projet`, {
      lock_version: lockOf(page.body),
      nom_projet: 'Potager collectif',
      salaries: 'douze',
      suite: '1',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /value="douze"/);
    assert.match(bad.body, /Saisissez un nombre/);
    assert.match(bad.body, /value="Potager collectif"/);
    assert.deepEqual(await answers(id), { nom_projet: 'Potager collectif' });

    const good = await c.post(`/dossiers/${id}/etapes/projet`, {
      lock_version: lockOf(bad.body),
      nom_projet: 'Potager collectif',
      salaries: '12',
      deja_finance: 'non',
      siege_en_france: 'oui',
      suite: '1',
    });
    assert.equal(good.statusCode, 303, good.body.slice(0, 1000));
    assert.equal(good.headers.location, `/dossiers/${id}/etapes/pieces`);
    assert.deepEqual(await answers(id), {
      nom_projet: 'Potager collectif',
      deja_finance: false,
      siege_en_france: true,
      salaries: 12,
    });
    const overview = await c.get(`/dossiers/${id}`);
    assert.match(overview.body, /Complet/);
    assert.match(overview.body, /À compléter/);
  });

  test('two tabs: the older one is refused with a clear message, and nothing is lost', async () => {
    const c = await signedIn(alice);
    const id = await start(c, organisation.id);
    const tab1 = await c.get(`/dossiers/${id}/etapes/projet`);
    const tab2 = await c.get(`/dossiers/${id}/etapes/projet`);
    const first = await c.post(`/dossiers/${id}/etapes/projet`, {
      lock_version: lockOf(tab1.body),
      nom_projet: 'Version de l’onglet 1',
      brouillon: '1',
    });
    assert.equal(first.statusCode, 303);
    const second = await c.post(`/dossiers/${id}/etapes/projet`, {
      lock_version: lockOf(tab2.body),
      nom_projet: 'Version de l’onglet 2',
      brouillon: '1',
    });
    assert.equal(second.statusCode, 409);
    assert.match(second.body, /modifié dans un autre onglet ou par un autre membre/);
    // What the person typed is in the form, what is saved is shown beside it.
    assert.match(second.body, /value="Version de l’onglet 2"/);
    assert.match(second.body, /Version de l’onglet 1/);
    assert.equal((await answers(id)).nom_projet, 'Version de l’onglet 1');
    // Saving again from the refreshed page keeps the second version.
    const third = await c.post(`/dossiers/${id}/etapes/projet`, {
      lock_version: lockOf(second.body),
      nom_projet: 'Version de l’onglet 2',
      brouillon: '1',
    });
    assert.equal(third.statusCode, 303);
    assert.equal((await answers(id)).nom_projet, 'Version de l’onglet 2');
  });

  test('the autosave answers JSON and refuses a stale lock version', async () => {
    const c = await signedIn(alice);
    const id = await start(c, organisation.id);
    const page = await c.get(`/dossiers/${id}/etapes/projet`);
    const lock = Number(lockOf(page.body));
    const send = (lockVersion: number, name: string) =>
      c.inject({
        method: 'POST',
        url: `/dossiers/${id}/brouillon`,
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '',
        },
        payload: JSON.stringify({
          section: 'projet',
          lock_version: lockVersion,
          fields: { nom_projet: name },
        }),
      });
    const ok = await send(lock, 'Enregistré automatiquement');
    assert.equal(ok.statusCode, 200, ok.body);
    const data = ok.json() as { ok: boolean; lockVersion: number; message: string };
    assert.equal(data.lockVersion, lock + 1);
    assert.match(data.message, /^Brouillon enregistré à \d{1,2} h \d{2}$/);
    assert.equal((await answers(id)).nom_projet, 'Enregistré automatiquement');
    const stale = await send(lock, 'Trop tard');
    assert.equal(stale.statusCode, 409);
    assert.match((stale.json() as { message: string }).message, /autre onglet/);
    assert.equal((await answers(id)).nom_projet, 'Enregistré automatiquement');
  });

  test('a conditional field appears once « oui » is saved', async () => {
    const c = await signedIn(alice);
    const id = await start(c, organisation.id);
    const before = await c.get(`/dossiers/${id}/etapes/projet`);
    assert.match(wrapperOf(before.body, 'montant_finance'), /hidden/);
    assert.match(
      wrapperOf(before.body, 'montant_finance'),
      /data-show-if="\{&#34;field&#34;:&#34;deja_finance&#34;/,
    );
    // The page's script (live conditions, autosave) comes from the app bundle, with the page's nonce.
    const script =
      /<script type="module" src="(\/assets\/app-[0-9a-f]+\/dossier-form\.js)" nonce="[^"]+"/.exec(
        before.body,
      );
    assert.ok(script?.[1], 'the step page loads its script');
    const asset = await c.get(script[1]);
    assert.equal(asset.statusCode, 200);
    assert.match(asset.body, /brouillon/);
    const saved = await c.post(`/dossiers/${id}/etapes/projet`, {
      lock_version: lockOf(before.body),
      deja_finance: 'oui',
      brouillon: '1',
    });
    assert.equal(saved.statusCode, 303);
    const after = await c.get(`/dossiers/${id}/etapes/projet`);
    assert.doesNotMatch(wrapperOf(after.body, 'montant_finance'), /hidden/);
    assert.match(after.body, /Montant déjà reçu/);
  });

  test('attachments: a PDF is accepted; HTML named .pdf and files over the limit are refused', async () => {
    const c = await signedIn(alice);
    const id = await start(c, organisation.id);
    const html = await upload(c, id, { name: 'statuts.pdf', type: 'application/pdf', content: HTML });
    assert.equal(html.statusCode, 400);
    assert.match(html.body, /page web \(HTML\)/);
    const big = Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024)]);
    const tooLarge = await upload(c, id, { name: 'gros.pdf', type: 'application/pdf', content: big });
    assert.equal(tooLarge.statusCode, 413);
    assert.match(tooLarge.body, /dépasse la taille maximale autorisée \(2 Mo\)/);
    assert.equal((await answers(id)).statuts, undefined);

    const ok = await upload(c, id, { name: 'Statuts signés.pdf', type: 'text/plain', content: PDF });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 2000));
    const answer = (await answers(id)).statuts as {
      fileId: string;
      name: string;
      size: number;
      type: string;
    };
    assert.equal(answer.name, 'Statuts signés.pdf');
    assert.equal(answer.type, 'application/pdf');
    assert.equal(answer.size, PDF.length);
    const files = await t.database.db
      .selectFrom('dossier_files')
      .select(['id'])
      .where('dossier_id', '=', id)
      .execute();
    assert.equal(files.length, 1);

    // Download by a member: an attachment, never sniffed by the browser.
    const download = await c.get(`/dossiers/${id}/fichiers/${answer.fileId}`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.match(
      String(download.headers['content-disposition']),
      /^attachment; .*filename\*=UTF-8''Statuts%20sign%C3%A9s\.pdf$/,
    );
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.match(String(download.headers['content-security-policy']), /sandbox/);
    assert.deepEqual(download.rawPayload, PDF);
    // Refused to another organisation's member and to anonymous visitors.
    const m = await signedIn(mallory);
    assert.equal((await m.get(`/dossiers/${id}/fichiers/${answer.fileId}`)).statusCode, 403);
    const anonymous = await t.client().get(`/dossiers/${id}/fichiers/${answer.fileId}`);
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /^\/connexion/);
    // A file of another dossier is not served under this one.
    const other = await start(await signedIn(carol), partner.id);
    assert.equal((await c.get(`/dossiers/${other}/fichiers/${answer.fileId}`)).statusCode, 403);

    // Removing drops the answer's reference only.
    const page = await c.get(`/dossiers/${id}/etapes/pieces`);
    const removed = await c.post(`/dossiers/${id}/pieces/statuts/suppression`, {
      lock_version: lockOf(page.body),
    });
    assert.equal(removed.statusCode, 303);
    assert.equal((await answers(id)).statuts, undefined);
  });

  test('partners: the main organisation adds one by SIREN; its members see and edit the dossier', async () => {
    const a = await signedIn(alice);
    const id = await start(a, organisation.id);
    const cl = await signedIn(carol);
    assert.equal((await cl.get(`/dossiers/${id}`)).statusCode, 403);

    await a.get(`/dossiers/${id}/partenaires`);
    const unknown = await a.post(`/dossiers/${id}/partenaires`, { identifiant: '999999999' });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /Aucune structure de la plateforme ne correspond/);
    const added = await a.post(`/dossiers/${id}/partenaires`, { identifiant: '130 025 265' });
    assert.equal(added.statusCode, 200);
    assert.match(added.body, /Coopérative du quartier est désormais partenaire/);

    const overview = await cl.get(`/dossiers/${id}`);
    assert.equal(overview.statusCode, 200);
    assert.match(overview.body, /Coopérative du quartier/);
    const list = await cl.get('/dossiers');
    assert.match(list.body, new RegExp(`href="/dossiers/${id}"`));
    const step = await cl.get(`/dossiers/${id}/etapes/projet`);
    const saved = await cl.post(`/dossiers/${id}/etapes/projet`, {
      lock_version: lockOf(step.body),
      nom_projet: 'Écrit par le partenaire',
      brouillon: '1',
    });
    assert.equal(saved.statusCode, 303);
    // Partners do not manage the list.
    const refused = await cl.post(`/dossiers/${id}/partenaires`, { identifiant: organisation.id });
    assert.equal(refused.statusCode, 403);
    // The same legal person under another profile (its SIRET starts with the partner's SIREN): refused, named.
    const db = t.database.db;
    const twin = await createTestOrganisation(db, { name: 'Coopérative du quartier, antenne' });
    await db
      .updateTable('organisations')
      .set({ siret: '13002526500012' })
      .where('id', '=', twin.id)
      .execute();
    const sameSiren = await a.post(`/dossiers/${id}/partenaires`, { identifiant: twin.id });
    assert.equal(sameSiren.statusCode, 400);
    assert.match(sameSiren.body, /même SIREN que Coopérative du quartier, déjà dans le dossier/);
    const partners = await db
      .selectFrom('dossier_partners')
      .select('organisation_id')
      .where('dossier_id', '=', id)
      .execute();
    assert.deepEqual(
      partners.map((p) => p.organisation_id),
      [partner.id],
      'nothing added',
    );
    // Still refused to others.
    assert.equal((await (await signedIn(mallory)).get(`/dossiers/${id}`)).statusCode, 403);
  });

  test('the summary shows the eligibility reason and no submit button until it is fixed', async () => {
    const c = await signedIn(alice);
    const id = await start(c, organisation.id);
    const step = await c.get(`/dossiers/${id}/etapes/projet`);
    await c.post(`/dossiers/${id}/etapes/projet`, {
      lock_version: lockOf(step.body),
      nom_projet: 'Potager collectif',
      deja_finance: 'non',
      siege_en_france: 'non',
      salaries: '3',
      brouillon: '1',
    });
    assert.equal(
      (await upload(c, id, { name: 'statuts.pdf', type: 'application/pdf', content: PDF })).statusCode,
      303,
    );
    const blocked = await c.get(`/dossiers/${id}/recapitulatif`);
    assert.equal(blocked.statusCode, 200);
    assert.ok(blocked.body.includes(TEST_ELIGIBILITY_REASON));
    assert.doesNotMatch(blocked.body, /Déposer le dossier/);
    assert.doesNotMatch(blocked.body, /action="\/dossiers\/[^"]+\/depot"/);

    const again = await c.get(`/dossiers/${id}/etapes/projet`);
    await c.post(`/dossiers/${id}/etapes/projet`, {
      lock_version: lockOf(again.body),
      nom_projet: 'Potager collectif',
      deja_finance: 'non',
      siege_en_france: 'oui',
      salaries: '3',
      brouillon: '1',
    });
    const ready = await c.get(`/dossiers/${id}/recapitulatif`);
    assert.ok(!ready.body.includes(TEST_ELIGIBILITY_REASON));
    assert.match(ready.body, new RegExp(`action="/dossiers/${id}/depot"`));
    assert.match(ready.body, /name="submission_key" value="[0-9a-f-]{36}"/);
    assert.match(ready.body, /Déposer le dossier/);
  });

  test('every field type renders; a repeatable block gets one more occurrence and keeps them', async () => {
    const pionniers = await createTestCall(t.database.db, { form: PIONNIERS_FORM });
    const c = await signedIn(alice);
    const id = await start(c, organisation.id, pionniers.slug);
    for (const section of ['identite', 'maturite', 'projet']) {
      const page = await c.get(`/dossiers/${id}/etapes/${section}`);
      assert.equal(page.statusCode, 200, `${section}: ${page.body.slice(0, 500)}`);
    }
    const page = await c.get(`/dossiers/${id}/etapes/projet`);
    assert.match(page.body, /name="partenaires\.0\.partenaire_nom"/);
    assert.doesNotMatch(page.body, /name="partenaires\.1\.partenaire_nom"/);
    const add = await c.post(`/dossiers/${id}/etapes/projet`, {
      lock_version: lockOf(page.body),
      'partenaires.0.partenaire_nom': 'Mairie de Lille',
      budget: '12 500,50',
      ajouter: 'partenaires',
    });
    assert.equal(add.statusCode, 303, add.body.slice(0, 1000));
    const two = await c.get(String(add.headers.location));
    assert.match(two.body, /name="partenaires\.0\.partenaire_nom"[^>]*value="Mairie de Lille"/);
    assert.match(two.body, /name="partenaires\.1\.partenaire_nom"/);
    assert.match(two.body, /value="12500,50"/);
    const saved = await c.post(`/dossiers/${id}/etapes/projet`, {
      lock_version: lockOf(two.body),
      'partenaires.0.partenaire_nom': 'Mairie de Lille',
      'partenaires.1.partenaire_nom': 'Département du Nord',
      budget: '12 500,50',
      brouillon: '1',
    });
    assert.equal(saved.statusCode, 303);
    const stored = await answers(id);
    assert.deepEqual(stored.partenaires, [
      { partenaire_nom: 'Mairie de Lille' },
      { partenaire_nom: 'Département du Nord' },
    ]);
    assert.equal(stored.budget, 1250050);
  });

  test('staff and members of other organisations get 403 on applicant pages; an unknown dossier is 404', async () => {
    const a = await signedIn(alice);
    const id = await start(a, organisation.id);
    const admin = await createTestUser(t.database.db, { roles: [{ role: 'administrator', scope: null }] });
    const ad = t.client();
    ad.cookies.set(
      t.app.sessionCookieName,
      await openTestSession(t.database.db, admin.id, { secondFactor: true }),
    );
    assert.equal((await ad.get(`/dossiers/${id}/recapitulatif`)).statusCode, 403);
    assert.equal((await (await signedIn(mallory)).get(`/dossiers/${id}/etapes/projet`)).statusCode, 403);
    assert.equal((await a.get(`/dossiers/${randomUUID()}`)).statusCode, 403);
    assert.equal((await ad.get(`/dossiers/${randomUUID()}`)).statusCode, 404);
  });
});
