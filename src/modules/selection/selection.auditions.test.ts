import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../../platform/db/index.js';
import type { MailJobPayload } from '../../platform/mail/index.js';
import { createTestApp, pageText, type TestApp, type TestClient } from '../../platform/testing/app.js';
import { createTestUser, openTestSession, type TestUser } from '../accounts/testing.js';
import type { DossierStatus } from '../dossiers/index.js';
import { createTestCall, createTestDossier } from '../dossiers/testing.js';
import { createTestOrganisation } from '../organisations/testing.js';
import { parseIcs } from './selection.ics.js';
import { createTestReviewer } from './testing.js';

describe('selection: shortlist, auditions and audition notes', () => {
  let t: TestApp;
  let db: Db;
  let call: { id: string; title: string };
  let otherCall: { id: string; title: string };
  let staff: TestClient;
  let reviewerClient: TestClient;
  let otherReviewerClient: TestClient;
  let applicantClient: TestClient;
  let reviewer: TestUser;
  let applicant: TestUser;
  let colleague: TestUser;
  let dA: { id: string; reference: string };
  let dB: { id: string; reference: string };
  let dC: { id: string; reference: string };

  async function client(user: TestUser, secondFactor: boolean): Promise<TestClient> {
    const c = t.client();
    c.cookies.set(t.app.sessionCookieName, await openTestSession(db, user.id, { secondFactor }));
    await c.get('/');
    return c;
  }

  async function statusOf(id: string): Promise<DossierStatus> {
    const row = await db
      .selectFrom('dossiers')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return row.status;
  }

  async function mails(): Promise<MailJobPayload[]> {
    const rows = await db
      .selectFrom('jobs')
      .select('payload')
      .where('type', '=', 'mail.send')
      .orderBy('id')
      .execute();
    return rows.map((r) => r.payload as unknown as MailJobPayload);
  }

  before(async () => {
    t = await createTestApp();
    db = t.database.db;
    call = await createTestCall(db, { title: 'Appel des jardins' });
    otherCall = await createTestCall(db, { title: 'Appel des mobilités' });
    const instructor = await createTestUser(db, {
      roles: [{ role: 'instructor', scope: { type: 'call', id: call.id } }],
    });
    reviewer = await createTestReviewer(db, call.id, { name: 'Éva Évaluatrice' });
    const otherReviewer = await createTestReviewer(db, otherCall.id);
    applicant = await createTestUser(db, { name: 'Paul Porteur' });
    colleague = await createTestUser(db, { name: 'Claire Collègue' });
    const orgA = await createTestOrganisation(db, {
      name: 'Association Les Jardins Partagés',
      members: [{ userId: applicant.id }, { userId: colleague.id, role: 'editor' }],
    });
    const orgB = await createTestOrganisation(db, { name: 'Coopérative Solaire' });
    const orgC = await createTestOrganisation(db, { name: 'Régie de quartier' });
    dA = await createTestDossier(db, { callId: call.id, organisationId: orgA.id, status: 'en_evaluation' });
    dB = await createTestDossier(db, { callId: call.id, organisationId: orgB.id, status: 'en_evaluation' });
    dC = await createTestDossier(db, { callId: call.id, organisationId: orgC.id, status: 'recevable' });
    staff = await client(instructor, true);
    reviewerClient = await client(reviewer, true);
    otherReviewerClient = await client(otherReviewer, true);
    applicantClient = await client(applicant, false);
  });
  after(() => t.close());

  test('shortlisting from the ranking: en évaluation → auditionné, audited; other statuses refused', async () => {
    const empty = await staff.post(`/admin/appels/${call.id}/selection/classement/preselection`, {});
    assert.equal(empty.statusCode, 400);
    assert.match(pageText(empty.body), /Cochez au moins un dossier à présélectionner/);

    const refused = await staff.post(`/admin/appels/${call.id}/selection/classement/preselection`, {
      dossiers: [dA.id, dC.id],
    });
    assert.equal(refused.statusCode, 409);
    assert.match(pageText(refused.body), /n’est pas en évaluation dans cet appel/);
    assert.equal(await statusOf(dA.id), 'en_evaluation', 'all or nothing');
    assert.match(
      refused.body,
      new RegExp(`name="dossiers" value="${dA.id}" checked`),
      'the box ticked stays ticked',
    );
    assert.doesNotMatch(refused.body, new RegExp(`name="dossiers" value="${dB.id}" checked`));

    const res = await staff.post(`/admin/appels/${call.id}/selection/classement/preselection`, {
      dossiers: [dA.id, dB.id],
    });
    assert.equal(res.statusCode, 303);
    assert.equal(await statusOf(dA.id), 'auditionne');
    assert.equal(await statusOf(dB.id), 'auditionne');
    const page = await staff.get(String(res.headers.location));
    assert.match(pageText(page.body), /2 dossiers présélectionnés pour une audition/);
    const audit = await db
      .selectFrom('audit_events')
      .select('action')
      .where('object_id', 'in', [dA.id, call.id])
      .execute();
    assert.ok(audit.some((a) => a.action === 'dossiers.shortlist'));
    assert.ok(audit.some((a) => a.action === 'selection.shortlist'));
  });

  test('scheduling: French messages for bad input, nothing saved', async () => {
    const url = `/admin/appels/${call.id}/selection/auditions`;
    const bad = await staff.post(url, {
      dossier: dA.id,
      date: '2026-02-30',
      heure: '25:00',
      duree: '2',
      lieu: '',
      lien: 'http://visio.example.fr',
    });
    assert.equal(bad.statusCode, 400);
    const body = pageText(bad.body);
    assert.match(body, /Saisissez une date réelle, au format aaaa-mm-jj/);
    assert.match(body, /Saisissez une heure au format hh:mm/);
    assert.match(body, /entre 5 et 480/);
    assert.match(body, /commençant par https:\/\//);
    assert.match(bad.body, /value="http:\/\/visio.example.fr"/, 'the input is kept');
    assert.match(bad.body, /aria-describedby/);

    const nowhere = await staff.post(url, {
      dossier: dA.id,
      date: '2026-12-03',
      heure: '14:30',
      duree: '45',
    });
    assert.equal(nowhere.statusCode, 400);
    assert.match(pageText(nowhere.body), /Indiquez un lieu ou un lien de visioconférence/);

    const notShortlisted = await staff.post(url, {
      dossier: dC.id,
      date: '2026-12-03',
      heure: '14:30',
      duree: '45',
      lieu: 'Salle Marianne',
    });
    assert.equal(notShortlisted.statusCode, 409);
    assert.match(pageText(notShortlisted.body), /n’est pas présélectionné/);
    const count = await db
      .selectFrom('auditions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
  });

  test('invitation: an e-mail to each member of the organisation with the .ics; rescheduling re-invites', async () => {
    const url = `/admin/appels/${call.id}/selection/auditions`;
    // No invitation before the audition is scheduled.
    const early = await staff.post(`${url}/invitations`, { dossier: dA.id });
    assert.equal(early.statusCode, 409);
    assert.match(pageText(early.body), /Planifiez l’audition avant d’envoyer l’invitation/);

    const saved = await staff.post(url, {
      dossier: dA.id,
      date: '2026-12-03',
      heure: '14:30',
      duree: '45',
      lieu: 'Salle Marianne, 20 avenue de Ségur, Paris',
    });
    assert.equal(saved.statusCode, 303);
    const audition = await db
      .selectFrom('auditions')
      .selectAll()
      .where('dossier_id', '=', dA.id)
      .executeTakeFirstOrThrow();
    // 14:30 in Paris in December (UTC+1).
    assert.equal(audition.starts_at.toISOString(), '2026-12-03T13:30:00.000Z');
    assert.equal(audition.calendar_sequence, 0);
    assert.equal(audition.invited_at, null);
    const page = pageText((await staff.get(url)).body);
    assert.match(page, /Prévue le 3 décembre 2026 à 14:30 \(45 min\)/);
    assert.match(page, /Invitation pas encore envoyée/);

    const before = (await mails()).length;
    const invited = await staff.post(`${url}/invitations`, { dossier: dA.id });
    assert.equal(invited.statusCode, 303);
    const sent = (await mails()).slice(before);
    assert.deepEqual(sent.map((m) => m.to[0]).sort(), [applicant.email, colleague.email].sort());
    const mail = sent[0];
    assert.ok(mail);
    assert.match(mail.subject, /Invitation à une audition — Appel des jardins/);
    assert.match(mail.text, /3 décembre 2026 à 14:30/);
    assert.match(mail.text, /Salle Marianne/);
    const ics = mail.attachments?.[0];
    assert.ok(ics, 'the calendar file is attached');
    assert.equal(ics.filename, 'audition.ics');
    assert.match(ics.contentType, /^text\/calendar/);
    const fields = parseIcs(Buffer.from(ics.contentBase64, 'base64').toString('utf8'));
    const get = (name: string) => fields.find((f) => f.name === name)?.value;
    assert.equal(get('UID'), audition.calendar_uid);
    assert.equal(get('SEQUENCE'), '0');
    assert.equal(get('DTSTART'), '20261203T133000Z');
    assert.equal(get('DTEND'), '20261203T141500Z');
    assert.equal(get('LOCATION'), 'Salle Marianne, 20 avenue de Ségur, Paris');
    assert.match(get('SUMMARY') ?? '', new RegExp(dA.reference));
    assert.ok(
      (
        await db
          .selectFrom('auditions')
          .select('invited_at')
          .where('dossier_id', '=', dA.id)
          .executeTakeFirstOrThrow()
      ).invited_at,
    );

    // Moved to a video call: SEQUENCE 1, sent again at once with the same UID.
    const moved = await staff.post(url, {
      dossier: dA.id,
      date: '2026-12-04',
      heure: '09:00',
      duree: '30',
      lieu: '',
      lien: 'https://visio.example.fr/jury',
    });
    assert.equal(moved.statusCode, 303);
    assert.match(
      pageText((await staff.get(String(moved.headers.location))).body),
      /l’invitation mise à jour a été envoyée/,
    );
    const again = (await mails()).slice(before + sent.length);
    assert.equal(again.length, 2);
    const update = again[0];
    assert.ok(update);
    assert.match(update.subject, /Audition déplacée/);
    const updated = parseIcs(
      Buffer.from(update.attachments?.[0]?.contentBase64 ?? '', 'base64').toString('utf8'),
    );
    assert.equal(updated.find((f) => f.name === 'UID')?.value, audition.calendar_uid);
    assert.equal(updated.find((f) => f.name === 'SEQUENCE')?.value, '1');
    assert.equal(updated.find((f) => f.name === 'DTSTART')?.value, '20261204T080000Z');
    assert.equal(updated.find((f) => f.name === 'URL')?.value, 'https://visio.example.fr/jury');
    assert.equal(
      updated.find((f) => f.name === 'LOCATION'),
      undefined,
    );

    // « Inviter à nouveau » right away (a double click): nothing more is sent, and the page says why.
    const count = (await mails()).length;
    const doubleClick = await staff.post(`${url}/invitations`, { dossier: dA.id });
    assert.equal(doubleClick.statusCode, 303);
    assert.match(
      pageText((await staff.get(String(doubleClick.headers.location))).body),
      /vient d’être envoyée/,
    );
    assert.equal((await mails()).length, count);
    // A minute later (the last invitation pushed back in time), it is sent again, unchanged (SEQUENCE 1).
    await db
      .updateTable('auditions')
      .set({ invited_at: new Date(Date.now() - 2 * 60_000) })
      .where('dossier_id', '=', dA.id)
      .execute();
    const resent = await staff.post(`${url}/invitations`, { dossier: dA.id });
    assert.match(pageText((await staff.get(String(resent.headers.location))).body), /Invitation envoyée\./);
    const third = (await mails()).slice(count);
    assert.deepEqual(third.map((m) => m.to[0]).sort(), [applicant.email, colleague.email].sort());
    const resentIcs = parseIcs(
      Buffer.from(third[0]?.attachments?.[0]?.contentBase64 ?? '', 'base64').toString('utf8'),
    );
    assert.equal(resentIcs.find((f) => f.name === 'SEQUENCE')?.value, '1');
  });

  test('audition notes: one per person, shown to the jury only', async () => {
    const url = `/evaluations/appels/${call.id}/auditions/${dA.id}/notes`;
    // An évaluateur finds the call's auditions, and the way to their notes, on « Évaluations ».
    const home = await reviewerClient.get('/evaluations');
    assert.equal(home.statusCode, 200);
    assert.ok(home.body.includes(`href="${url}"`), 'a link to the notes of the audition');
    assert.match(
      pageText(home.body),
      new RegExp(`Auditions .*${dA.reference} Association Les Jardins Partagés 4 décembre 2026 à 09:00`),
    );
    const empty = await reviewerClient.post(url, { note: '   ' });
    assert.equal(empty.statusCode, 400);
    assert.match(pageText(empty.body), /Saisissez votre note/);

    assert.equal(
      (await reviewerClient.post(url, { note: 'Projet solide, équipe motivée.' })).statusCode,
      303,
    );
    assert.equal(
      (await reviewerClient.post(url, { note: 'Projet solide ; budget à préciser.' })).statusCode,
      303,
    );
    const notes = await db.selectFrom('audition_notes').selectAll().where('dossier_id', '=', dA.id).execute();
    assert.equal(notes.length, 1, 'one note per person and dossier');
    assert.equal(notes[0]?.note, 'Projet solide ; budget à préciser.');

    assert.equal((await staff.post(url, { note: 'Vu en audition : convaincant.' })).statusCode, 303);
    const asReviewer = pageText((await reviewerClient.get(url)).body);
    assert.match(asReviewer, /Vu en audition : convaincant/);
    assert.match(asReviewer, /Projet solide ; budget à préciser/);

    // Not the applicant, not the évaluateur of another call.
    assert.equal((await applicantClient.get(url)).statusCode, 403);
    assert.equal((await otherReviewerClient.get(url)).statusCode, 403);
    // Only for dossiers with an audition.
    assert.equal(
      (await reviewerClient.get(`/evaluations/appels/${call.id}/auditions/${dB.id}/notes`)).statusCode,
      404,
    );
    assert.equal(
      (await reviewerClient.post(`/evaluations/appels/${call.id}/auditions/${dB.id}/notes`, { note: 'x' }))
        .statusCode,
      404,
    );
  });

  test('only the staff of the call schedule auditions', async () => {
    assert.equal((await reviewerClient.get(`/admin/appels/${call.id}/selection/auditions`)).statusCode, 403);
    assert.equal(
      (await applicantClient.get(`/admin/appels/${call.id}/selection/classement`)).statusCode,
      403,
    );
  });
});
