import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { seedGeography } from '../../platform/geo/index.js';
import { createTestApp, type TestApp, type TestClient } from '../../platform/testing/app.js';
import { luhnCheckDigit, luhnValid } from '../../platform/validation/siren.js';
import { createTestUser, openTestSession, type TestUser } from '../accounts/testing.js';
import { registerProfileSection, unregisterProfileSection } from './organisations.profile.js';
import { createTestOrganisation } from './testing.js';

/** A Luhn-valid SIREN from 8 digits, and a SIRET of it from a 4-digit establishment number. */
function siren(body8: string): string {
  return `${body8}${luhnCheckDigit(body8)}`;
}
function siret(siren9: string, nic4: string): string {
  const body = `${siren9}${nic4}`;
  return `${body}${luhnCheckDigit(body)}`;
}
/** « 123 456 789 00012 » */
function spaced(id: string): string {
  return id.length === 9
    ? `${id.slice(0, 3)} ${id.slice(3, 6)} ${id.slice(6)}`
    : `${id.slice(0, 3)} ${id.slice(3, 6)} ${id.slice(6, 9)} ${id.slice(9)}`;
}

/** A multipart body with the CSRF token first, then one file. */
function multipart(
  token: string | null,
  file: { name: string; type: string; content: Buffer },
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----essai7MA4YWxkTrZu0gW';
  const parts: Buffer[] = [];
  if (token !== null)
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`),
    );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="logo"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('organisations: create, duplicates, edit, profile, logo', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let admin: TestUser;
  let ownerClient: TestClient;

  async function signedIn(user: TestUser): Promise<TestClient> {
    const client = t.client();
    client.cookies.set(
      t.app.sessionCookieName,
      await openTestSession(t.database.db, user.id, { secondFactor: true }),
    );
    await client.get('/organisations/nouvelle');
    return client;
  }

  function events(action: string, objectId?: string) {
    let q = t.database.db.selectFrom('audit_events').selectAll().where('action', '=', action);
    if (objectId) q = q.where('object_id', '=', objectId);
    return q.orderBy('id').execute();
  }

  const base = {
    legal_form: 'association',
    address: '12 rue de la République',
    commune: 'Lyon',
    description: 'Accompagnement scolaire des collégiens.',
    domains: ['reussite_educative', 'culture'],
  };

  function idFrom(location: unknown): string {
    const m = /^\/organisations\/([0-9a-f-]{36})\?creee=1$/.exec(String(location));
    assert.ok(m, `unexpected redirect ${String(location)}`);
    return m[1]!;
  }

  before(async () => {
    t = await createTestApp();
    await seedGeography(t.database.db);
    owner = await createTestUser(t.database.db, { name: 'Nadia Benali' });
    other = await createTestUser(t.database.db, { name: 'Paul Girard' });
    admin = await createTestUser(t.database.db, { roles: [{ role: 'administrator', scope: null }] });
    ownerClient = await signedIn(owner);
  });
  after(() => t.close());

  test('the creation form asks to sign in first', async () => {
    const response = await t.client().get('/organisations/nouvelle');
    assert.equal(response.statusCode, 303);
    assert.match(String(response.headers.location), /^\/connexion/);
  });

  test('create with a valid SIRET typed with spaces: owner, commune, département and région, audit', async () => {
    const s = siren('41234567');
    const response = await ownerClient.post('/organisations/nouvelle', {
      ...base,
      name: 'Savoirs partagés de Lyon',
      siret: spaced(siret(s, '0001')),
      naf_code: '8899b',
      website: 'www.savoirs-partages.fr',
      founded_year: '1998',
      size_band: '03',
      categorie_juridique: '9220',
    });
    assert.equal(response.statusCode, 303, response.body.slice(0, 2000));
    const id = idFrom(response.headers.location);
    const row = await t.database.db
      .selectFrom('organisations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.siren, s, 'the SIREN is taken from the SIRET');
    assert.equal(row.siret, siret(s, '0001'));
    assert.equal(row.naf_code, '88.99B');
    assert.equal(row.website, 'https://www.savoirs-partages.fr/');
    assert.equal(row.commune_code, '69123');
    assert.equal(row.commune_name, 'Lyon');
    assert.equal(row.departement_code, '69');
    assert.equal(row.region_code, '84');
    assert.equal(row.created_by, owner.id);
    assert.deepEqual([...row.domains].sort(), ['culture', 'reussite_educative']);
    const member = await t.database.db
      .selectFrom('organisation_members')
      .selectAll()
      .where('organisation_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(member.user_id, owner.id);
    assert.equal(member.role, 'owner');
    const [event] = await events('organisations.create', id);
    assert.ok(event, 'organisations.create recorded');
    assert.equal(event.actor_id, owner.id);

    // The new owner's session now holds the membership: the profile offers « Modifier ».
    const page = await ownerClient.get(`/organisations/${id}?creee=1`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /L’organisation a été créée/);
    assert.match(page.body, /Savoirs partagés de Lyon/);
    assert.match(page.body, /Rhône \(69\)/);
    assert.match(page.body, /Auvergne-Rhône-Alpes/);
    assert.match(page.body, new RegExp(`href="/organisations/${id}/modifier"`));
    assert.match(page.body, /rel="noopener"/);
  });

  test('an invalid SIRET, RNA or commune: 400, a French message naming the problem, values kept', async () => {
    const before = await t.database.db.selectFrom('organisations').select('id').execute();
    const badSiret = await ownerClient.post('/organisations/nouvelle', {
      ...base,
      name: 'Les Petits Curieux',
      siret: '123 456 789 00012',
    });
    assert.equal(badSiret.statusCode, 400);
    assert.match(
      badSiret.body,
      /Le SIRET 123 456 789 00012 n’est pas valide : la clé de contrôle ne correspond pas\./,
    );
    assert.match(badSiret.body, /value="Les Petits Curieux"/);
    assert.match(badSiret.body, /value="12 rue de la République"/);
    assert.match(badSiret.body, /class="fr-error-text"|fr-message--error/);

    const badRna = await ownerClient.post('/organisations/nouvelle', {
      ...base,
      name: 'Les Petits Curieux',
      rna: 'W12345',
    });
    assert.equal(badRna.statusCode, 400);
    assert.match(badRna.body, /Le numéro RNA « W12345 » n’est pas valide/);

    const rnaOfFoundation = await ownerClient.post('/organisations/nouvelle', {
      ...base,
      legal_form: 'fondation',
      name: 'Fondation des Petits Curieux',
      rna: 'W691234567',
    });
    assert.equal(rnaOfFoundation.statusCode, 400);
    assert.match(rnaOfFoundation.body, /Seule une association a un numéro RNA/);

    const mismatch = await ownerClient.post('/organisations/nouvelle', {
      ...base,
      name: 'Les Petits Curieux',
      siren: siren('51234567'),
      siret: siret(siren('61234567'), '0001'),
    });
    assert.equal(mismatch.statusCode, 400);
    assert.match(mismatch.body, /ne commence pas par le SIREN/);

    const badSiren = await ownerClient.post('/organisations/nouvelle', {
      ...base,
      name: 'Les Petits Curieux',
      siren: '123 456 788',
    });
    assert.equal(badSiren.statusCode, 400);
    assert.match(
      badSiren.body,
      /Le SIREN 123 456 788 n’est pas valide : la clé de contrôle ne correspond pas\./,
    );

    const category = await ownerClient.post('/organisations/nouvelle', {
      ...base,
      name: 'Les Petits Curieux',
      categorie_juridique: '9300',
    });
    assert.equal(category.statusCode, 400);
    assert.match(
      category.body,
      /La catégorie juridique 9300 \(Fondation\) ne correspond pas à la forme « Association »/,
    );

    const unknown = await ownerClient.post('/organisations/nouvelle', {
      ...base,
      name: 'Les Petits Curieux',
      commune: 'Xyzzyville-sur-Mer',
    });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /Aucune commune ne correspond à « Xyzzyville-sur-Mer »/);
    assert.match(unknown.body, /value="Les Petits Curieux"/);

    const others = await ownerClient.post('/organisations/nouvelle', {
      ...base,
      name: 'Les Petits Curieux',
      naf_code: '889',
      website: 'javascript:alert(1)',
      founded_year: '999',
      contact_email: 'pas-une-adresse',
    });
    assert.equal(others.statusCode, 400);
    assert.match(others.body, /Le code NAF « 889 » n’est pas valide/);
    assert.match(others.body, /L’adresse du site n’est pas valide/);
    assert.match(others.body, /L’année de création doit être un nombre entre 1000 et/);
    assert.match(others.body, /L’adresse e-mail de contact n’est pas valide/);

    const after = await t.database.db.selectFrom('organisations').select('id').execute();
    assert.equal(after.length, before.length, 'nothing created');
  });

  test('an ambiguous commune: its candidates as radio buttons, then the choice is kept', async () => {
    const form = { ...base, name: 'Épicerie solidaire du Chaudron', commune: 'Saint-Denis' };
    const ambiguous = await ownerClient.post('/organisations/nouvelle', form);
    assert.equal(ambiguous.statusCode, 400);
    assert.match(ambiguous.body, /Plusieurs communes correspondent à « Saint-Denis »/);
    assert.match(ambiguous.body, /type="radio"[^>]*name="commune_code"[^>]*value="93066"/);
    assert.match(ambiguous.body, /type="radio"[^>]*name="commune_code"[^>]*value="97411"/);
    const chosen = await ownerClient.post('/organisations/nouvelle', { ...form, commune_code: '97411' });
    assert.equal(chosen.statusCode, 303, chosen.body.slice(0, 1000));
    const row = await t.database.db
      .selectFrom('organisations')
      .select(['commune_code', 'departement_code', 'region_code'])
      .where('id', '=', idFrom(chosen.headers.location))
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { commune_code: '97411', departement_code: '974', region_code: '04' });

    // A postal code, alone, also finds the commune.
    const byPostal = await ownerClient.post('/organisations/nouvelle', {
      ...base,
      name: 'Atelier vélo de Villeurbanne',
      commune: '',
      postal_code: '69100',
    });
    assert.equal(byPostal.statusCode, 303, byPostal.body.slice(0, 1000));
    const villeurbanne = await t.database.db
      .selectFrom('organisations')
      .select(['commune_code', 'postal_code'])
      .where('id', '=', idFrom(byPostal.headers.location))
      .executeTakeFirstOrThrow();
    assert.deepEqual(villeurbanne, { commune_code: '69266', postal_code: '69100' });
  });

  test('a La Poste SIRET whose digits add up to a multiple of 5 is accepted', async () => {
    let nic = 1;
    let laPoste = '';
    for (; nic < 99999; nic++) {
      const candidate = `356000000${String(nic).padStart(5, '0')}`;
      const sum = [...candidate].reduce((a, c) => a + Number(c), 0);
      if (sum % 5 === 0 && !luhnValid(candidate)) {
        laPoste = candidate;
        break;
      }
    }
    const response = await ownerClient.post('/organisations/nouvelle', {
      ...base,
      legal_form: 'entreprise_engagee',
      name: 'La Poste, bureau de Lyon Terreaux',
      siret: laPoste,
    });
    assert.equal(response.statusCode, 303, response.body.slice(0, 1000));
  });

  test('the same SIREN or RNA is refused with the existing profile and a link to claim it', async () => {
    const s = siren('71234567');
    const first = await ownerClient.post('/organisations/nouvelle', {
      ...base,
      name: 'Régie de quartier des Pentes',
      siren: s,
      rna: 'W691000001',
    });
    const id = idFrom(first.headers.location);
    const count = async () => (await t.database.db.selectFrom('organisations').select('id').execute()).length;
    const n = await count();

    const someone = await signedIn(other);
    const again = await someone.post('/organisations/nouvelle', {
      ...base,
      name: 'Régie des Pentes (nouvelle)',
      siren: spaced(s),
    });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /Cette organisation existe déjà/);
    assert.match(again.body, new RegExp(`href="/organisations/${id}/revendication"`));
    assert.match(again.body, new RegExp(`href="/organisations/${id}"`));
    assert.match(again.body, new RegExp(`Une organisation porte déjà le SIREN ${spaced(s)}`));
    assert.match(again.body, /value="Régie des Pentes \(nouvelle\)"/);

    const sameRna = await someone.post('/organisations/nouvelle', {
      ...base,
      name: 'Autre régie',
      commune: 'Paris',
      rna: 'w 691 000 001',
    });
    assert.equal(sameRna.statusCode, 409);
    assert.match(sameRna.body, /Une organisation porte déjà le numéro RNA W691000001/);
    assert.equal(await count(), n, 'nothing created');
  });

  test('a close name in the same commune asks for confirmation before creating', async () => {
    const first = await ownerClient.post('/organisations/nouvelle', {
      ...base,
      name: 'Les Jardins partagés de la Croix-Rousse',
    });
    const id = idFrom(first.headers.location);
    const form = { ...base, name: 'Les jardins partagés de la Croix Rousse' };
    const close = await ownerClient.post('/organisations/nouvelle', form);
    assert.equal(close.statusCode, 409);
    assert.match(close.body, /Une organisation au nom proche existe dans cette commune/);
    assert.match(close.body, new RegExp(`href="/organisations/${id}"`));
    assert.match(close.body, /name="not_duplicate"/);
    assert.match(close.body, /Il ne s’agit pas de la même organisation/);

    // Elsewhere, the same name is no problem.
    const elsewhere = await ownerClient.post('/organisations/nouvelle', { ...form, commune: 'Marseille' });
    assert.equal(elsewhere.statusCode, 303);

    const confirmed = await ownerClient.post('/organisations/nouvelle', { ...form, not_duplicate: 'oui' });
    assert.equal(confirmed.statusCode, 303);
    const [event] = await events('organisations.create', idFrom(confirmed.headers.location));
    assert.ok(event);
    assert.equal((event.summary as { confirmed_not_duplicate?: boolean }).confirmed_not_duplicate, true);
  });

  test('edit: a member saves (audited, change_seq bumped); a member of another organisation gets 403', async () => {
    const organisation = await createTestOrganisation(t.database.db, {
      name: 'Tiers-Lieu des Quatre Vents',
      members: [{ userId: owner.id, role: 'editor' }],
    });
    const b = await createTestOrganisation(t.database.db, {
      name: 'Organisation B',
      members: [{ userId: other.id }],
    });
    const member = await signedIn(owner);
    const before = await t.database.db
      .selectFrom('organisations')
      .select('change_seq')
      .where('id', '=', organisation.id)
      .executeTakeFirstOrThrow();
    const page = await member.get(`/organisations/${organisation.id}/modifier`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /value="Tiers-Lieu des Quatre Vents"/);
    assert.match(page.body, /value="Paris \(75056\)"/);

    const saved = await member.post(`/organisations/${organisation.id}/modifier`, {
      name: 'Tiers-Lieu des Quatre Vents',
      legal_form: 'association',
      commune: 'Paris (75056)',
      description: 'Un café, des ateliers, un jardin.',
      contact_email: 'Contact@Quatre-Vents.fr',
    });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 1000));
    assert.equal(saved.headers.location, `/organisations/${organisation.id}?enregistree=1`);
    const row = await t.database.db
      .selectFrom('organisations')
      .select(['description', 'contact_email', 'change_seq'])
      .where('id', '=', organisation.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.description, 'Un café, des ateliers, un jardin.');
    assert.equal(row.contact_email, 'contact@quatre-vents.fr');
    assert.ok(BigInt(row.change_seq) > BigInt(before.change_seq), 'change_seq bumped');
    const [event] = await events('organisations.update', organisation.id);
    assert.ok(event);
    assert.deepEqual((event.summary as { changed: string[] }).changed.sort(), [
      'contact_email',
      'description',
    ]);

    const outsider = await signedIn(other);
    assert.equal((await outsider.get(`/organisations/${organisation.id}/modifier`)).statusCode, 403);
    const refused = await outsider.post(`/organisations/${organisation.id}/modifier`, {
      name: 'Volé',
      legal_form: 'association',
      commune: 'Paris',
    });
    assert.equal(refused.statusCode, 403);
    assert.equal((await outsider.get(`/organisations/${b.id}/modifier`)).statusCode, 200);

    const administrator = await signedIn(admin);
    assert.equal((await administrator.get(`/organisations/${organisation.id}/modifier`)).statusCode, 200);
    assert.equal(
      (await administrator.get('/organisations/00000000-0000-4000-8000-000000000123/modifier')).statusCode,
      404,
    );
    assert.equal((await administrator.get('/organisations/pas-un-identifiant/modifier')).statusCode, 404);
    assert.equal((await t.client().get('/organisations/pas-un-identifiant')).statusCode, 404);
    assert.equal(
      (await t.client().get('/organisations/00000000-0000-4000-8000-000000000123')).statusCode,
      404,
    );

    // A SIREN changed to another organisation's is refused.
    const taken = siren('81234567');
    await createTestOrganisation(t.database.db, { name: 'Déjà là', siren: taken });
    const duplicate = await member.post(`/organisations/${organisation.id}/modifier`, {
      name: 'Tiers-Lieu des Quatre Vents',
      legal_form: 'association',
      commune: 'Paris (75056)',
      siren: taken,
    });
    assert.equal(duplicate.statusCode, 409);
    assert.match(duplicate.body, new RegExp(`Une organisation porte déjà le SIREN ${spaced(taken)}`));
  });

  test('privacy: contact only when published, members only for members and administrators', async () => {
    const a = await createTestOrganisation(t.database.db, {
      name: 'Cap Avenir',
      members: [{ userId: owner.id }],
    });
    await t.database.db
      .updateTable('organisations')
      .set({ contact_email: 'secret@cap-avenir.fr', contact_phone: '04 72 00 00 00', show_contact: false })
      .where('id', '=', a.id)
      .execute();
    await createTestOrganisation(t.database.db, { name: 'Organisation B2', members: [{ userId: other.id }] });

    const asOtherMember = await (await signedIn(other)).get(`/organisations/${a.id}`);
    assert.equal(asOtherMember.statusCode, 200);
    assert.match(asOtherMember.body, /Cap Avenir/);
    assert.doesNotMatch(asOtherMember.body, /secret@cap-avenir\.fr/);
    assert.doesNotMatch(asOtherMember.body, /04 72 00 00 00/);
    assert.doesNotMatch(asOtherMember.body, /Nadia Benali/);
    assert.doesNotMatch(asOtherMember.body, /id="membres"/);
    assert.doesNotMatch(asOtherMember.body, /\/modifier"/);

    const anonymous = await t.client().get(`/organisations/${a.id}`);
    assert.doesNotMatch(anonymous.body, /secret@cap-avenir\.fr/);
    assert.doesNotMatch(anonymous.body, /id="membres"/);

    const asMember = await (await signedIn(owner)).get(`/organisations/${a.id}`);
    assert.match(asMember.body, /secret@cap-avenir\.fr/);
    assert.match(asMember.body, /id="membres"/);
    assert.match(asMember.body, /Nadia Benali/);
    assert.match(asMember.body, /Propriétaire/);

    const asAdmin = await (await signedIn(admin)).get(`/organisations/${a.id}`);
    assert.match(asAdmin.body, /Nadia Benali/);

    await t.database.db
      .updateTable('organisations')
      .set({ show_contact: true })
      .where('id', '=', a.id)
      .execute();
    const published = await t.client().get(`/organisations/${a.id}`);
    assert.match(published.body, /secret@cap-avenir\.fr/);
    assert.doesNotMatch(published.body, /Nadia Benali/);
  });

  test('profile: the movement banner, a closed organisation, English words, sections of other modules', async () => {
    const o = await createTestOrganisation(t.database.db, { name: 'Le Colibri' });
    await t.database.db
      .updateTable('organisations')
      .set({ movement_joined_at: new Date(), closed_at: new Date('2025-03-01T12:00:00Z') })
      .where('id', '=', o.id)
      .execute();
    registerProfileSection({
      id: 'essai',
      order: 10,
      render: ({ organisation }) => `<section><h2>Section d’essai de ${organisation.id}</h2></section>`,
    });
    try {
      const page = await t.client().get(`/organisations/${o.id}`);
      assert.match(page.body, /Membre du mouvement French Impact/);
      assert.match(page.body, /Cette organisation a cessé son activité le 1 mars 2025/);
      assert.match(page.body, new RegExp(`Section d’essai de ${o.id}`));
      const english = await t.client().get(`/organisations/${o.id}`, { cookie: 'lang=en' });
      assert.match(english.body, /Member of the French Impact movement/);
    } finally {
      unregisterProfileSection('essai');
    }
    const without = await t.client().get(`/organisations/${o.id}`);
    assert.doesNotMatch(without.body, /Section d’essai/);
  });

  test('logo: a PNG is resized and served as WebP; HTML named .png, SVG and oversized files are refused', async () => {
    const o = await createTestOrganisation(t.database.db, {
      name: 'La Ruche',
      members: [{ userId: owner.id }],
    });
    const member = await signedIn(owner);
    await member.get(`/organisations/${o.id}/modifier`);
    const token = await member.csrfToken();
    const url = `/organisations/${o.id}/logo`;

    assert.equal((await t.client().get(url)).statusCode, 404, 'no logo yet');

    const png = await sharp({
      create: { width: 800, height: 600, channels: 3, background: { r: 200, g: 30, b: 60 } },
    })
      .png()
      .toBuffer();
    const upload = await member.inject({
      method: 'POST',
      url,
      ...multipart(token, { name: 'logo.png', type: 'image/png', content: png }),
    });
    assert.equal(upload.statusCode, 303, upload.body.slice(0, 2000));
    assert.equal(upload.headers.location, `/organisations/${o.id}/modifier?logo=enregistre#logo`);

    const served = await t.client().get(url);
    assert.equal(served.statusCode, 200);
    assert.equal(served.headers['content-type'], 'image/webp');
    assert.equal(served.headers['x-content-type-options'], 'nosniff');
    assert.match(String(served.headers['content-disposition']), /^inline; filename="logo-[0-9a-f-]+\.webp"$/);
    const meta = await sharp(served.rawPayload).metadata();
    assert.equal(meta.format, 'webp');
    assert.equal(meta.width, 400);
    assert.equal(meta.height, 300);
    const etag = String(served.headers.etag);
    assert.match(etag, /^"[0-9a-f]{64}"$/);
    assert.equal((await t.client().get(url, { 'if-none-match': etag })).statusCode, 304);
    const profile = await t.client().get(`/organisations/${o.id}`);
    assert.match(profile.body, /alt="Logo de La Ruche"/);
    assert.equal((await events('organisations.logo_update', o.id)).length, 1);

    const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
    const fake = await member.inject({
      method: 'POST',
      url,
      ...multipart(token, { name: 'logo.png', type: 'image/png', content: html }),
    });
    assert.equal(fake.statusCode, 400);
    assert.match(fake.body, /Le fichier n’est pas une image PNG, JPEG, WebP ou GIF\./);

    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
    );
    const vector = await member.inject({
      method: 'POST',
      url,
      ...multipart(token, { name: 'logo.svg', type: 'image/svg+xml', content: svg }),
    });
    assert.equal(vector.statusCode, 400);
    assert.match(vector.body, /Le fichier n’est pas une image PNG, JPEG, WebP ou GIF\./);

    const huge = Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024 + 1, 7)]);
    const oversized = await member.inject({
      method: 'POST',
      url,
      ...multipart(token, { name: 'logo.png', type: 'image/png', content: huge }),
    });
    assert.equal(oversized.statusCode, 413);
    assert.match(oversized.body, /Le fichier dépasse 2 Mo/);
    assert.match(oversized.body, /value="La Ruche"/, 'the edit form is shown again, with its values');

    // The first logo is still there, unchanged.
    const still = await t.client().get(url);
    assert.equal(still.headers.etag, etag);

    // No CSRF token: refused, nothing changed.
    const forged = await member.inject({
      method: 'POST',
      url,
      ...multipart(null, { name: 'logo.png', type: 'image/png', content: png }),
    });
    assert.equal(forged.statusCode, 403);

    // Another organisation's member cannot upload.
    const outsider = await signedIn(other);
    const refused = await outsider.inject({
      method: 'POST',
      url,
      ...multipart(await outsider.csrfToken(), { name: 'logo.png', type: 'image/png', content: png }),
    });
    assert.equal(refused.statusCode, 403);

    // Urlencoded forms elsewhere still work (the multipart parser is scoped to the upload).
    const removed = await member.post(`${url}/suppression`, {});
    assert.equal(removed.statusCode, 303);
    assert.equal((await t.client().get(url)).statusCode, 404);
    assert.equal((await events('organisations.logo_remove', o.id)).length, 1);

    // A broken multipart body: a 4xx in French, never a 5xx.
    for (const payload of [
      '--b\r\nContent-Disposition: form-data; name="logo"; filename="a.png"\r\n\r\nabc',
      'pas du tout du multipart',
      '--b\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n',
    ]) {
      const broken = await member.inject({
        method: 'POST',
        url,
        payload,
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
      });
      assert.ok(broken.statusCode >= 400 && broken.statusCode < 500, `${broken.statusCode} for ${payload}`);
      assert.match(broken.body, /Erreur \d{3}|fr-message--error|class="fr-alert /);
    }

    // Multipart elsewhere is not parsed.
    const elsewhere = await member.inject({
      method: 'POST',
      url: `/organisations/${o.id}/modifier`,
      ...multipart(token, { name: 'logo.png', type: 'image/png', content: png }),
    });
    assert.equal(elsewhere.statusCode, 415);
    assert.match(elsewhere.body, /Erreur 415/);
  });
});
