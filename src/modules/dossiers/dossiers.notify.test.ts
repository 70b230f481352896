import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { JobWorker } from '../../platform/jobs/index.js';
import { memoryLogger } from '../../platform/jobs/testing.js';
import type { TestApp } from '../../platform/testing/app.js';
import { createTestUser, type TestUser } from '../accounts/testing.js';
import { createTestOrganisation, startApp } from '../organisations/testing.js';
import {
  type DossierEvent,
  dossiersNotifyJobHandlers,
  queueDossierEvent,
  queueMessageNotification,
} from './dossiers.notify.js';
import { createTestCall, createTestDossier } from './testing.js';

const BASE = 'http://localhost:3000';

describe('dossier e-mails: events to the other side, grouped messages, opt-outs', () => {
  let t: TestApp;
  let worker: JobWorker;
  let owner: TestUser;
  let editor: TestUser;
  let partnerMember: TestUser;
  let instructor: TestUser;
  let otherInstructor: TestUser;
  let outsider: TestUser;
  let callTitle: string;
  let organisationId: string;
  let partnerId: string;

  before(async () => {
    t = await startApp();
    const db = t.database.db;
    worker = new JobWorker({
      db,
      logger: memoryLogger(),
      handlers: {
        ...t.mailer.handlers,
        ...dossiersNotifyJobHandlers({ db, mailer: t.mailer, baseUrl: BASE }),
      },
    });
    callTitle = 'Pionniers 2027';
    const otherCall = await createTestCall(db);
    owner = await createTestUser(db, { name: 'Awa Diallo' });
    editor = await createTestUser(db, { name: 'Léa Martin' });
    partnerMember = await createTestUser(db, { name: 'Paul Durand' });
    instructor = await createTestUser(db, { name: 'Inès Instructrice' });
    otherInstructor = await createTestUser(db, { name: 'Hugo Instructeur' });
    outsider = await createTestUser(db, {
      name: 'Autre Appel',
      roles: [{ role: 'instructor', scope: { type: 'call', id: otherCall.id } }],
    });
    organisationId = (
      await createTestOrganisation(db, {
        name: 'Les Jardins Partagés',
        members: [
          { userId: owner.id, role: 'owner' },
          { userId: editor.id, role: 'editor' },
        ],
      })
    ).id;
    partnerId = (
      await createTestOrganisation(db, { name: 'Partenaire', members: [{ userId: partnerMember.id }] })
    ).id;
  });
  after(() => t.close());

  /** A dossier of the organisation (partner attached) on a new call of the two instructeurs. */
  async function newDossier(status: 'depose' | 'en_instruction' | 'a_corriger' = 'depose') {
    const db = t.database.db;
    const call = await createTestCall(db, { title: callTitle });
    for (const user of [instructor, otherInstructor])
      await db
        .insertInto('role_assignments')
        .values({ user_id: user.id, role: 'instructor', scope_type: 'call', scope_id: call.id })
        .execute();
    const dossier = await createTestDossier(db, {
      callId: call.id,
      organisationId,
      status,
      createdBy: owner.id,
    });
    await db
      .insertInto('dossier_partners')
      .values({ dossier_id: dossier.id, organisation_id: partnerId })
      .execute();
    return dossier;
  }

  async function event(dossierId: string, e: DossierEvent, actorId: string | null, reason?: string) {
    await t.database.db
      .transaction()
      .execute((trx) => queueDossierEvent(trx, { dossierId, event: e, actorId, reason: reason ?? null }));
    await worker.drain();
  }

  /** Mails of a dossier (by reference in the subject), by recipient. */
  async function mailsAbout(reference: string) {
    const rows = await t.database.db
      .selectFrom('mail_outbox')
      .select(['to_address', 'subject', 'text_body', 'html_body', 'template'])
      .where('subject', 'like', `%${reference}%`)
      .orderBy('id')
      .execute();
    return rows;
  }

  function to(rows: { to_address: string }[]): string[] {
    return rows.map((r) => r.to_address).sort();
  }

  async function optOut(userId: string, topic: string) {
    await t.database.db.insertInto('notification_opt_outs').values({ user_id: userId, topic }).execute();
  }

  async function optIn(userId: string, topic: string) {
    await t.database.db
      .deleteFrom('notification_opt_outs')
      .where('user_id', '=', userId)
      .where('topic', '=', topic)
      .execute();
  }

  test('a decision reaches every applicant, with its motivation, even those who switched topics off', async () => {
    const dossier = await newDossier('en_instruction');
    await optOut(editor.id, 'dossier_decision'); // legally needed: ignored
    await event(dossier.id, 'declared_inadmissible', instructor.id, 'Le siège n’est pas en France.');
    const mails = await mailsAbout(dossier.reference);
    assert.deepEqual(to(mails), [owner.email, editor.email, partnerMember.email].sort());
    const mail = mails[0];
    assert.ok(mail);
    assert.equal(mail.subject, `Votre dossier ${dossier.reference} est irrecevable — ${callTitle}`);
    assert.match(mail.text_body, /Statut du dossier : Irrecevable/);
    assert.match(mail.text_body, /Le siège n’est pas en France\./);
    assert.ok(mail.text_body.includes(`${BASE}/dossiers/${dossier.id}`));
    assert.doesNotMatch(mail.text_body, /Pour ne plus recevoir/, 'no way to stop a legal e-mail');
    await optIn(editor.id, 'dossier_decision');
  });

  test('a status change reaches applicants who want it, with the opt-out line; never the actor', async () => {
    const dossier = await newDossier();
    await optOut(partnerMember.id, 'dossier_status');
    await event(dossier.id, 'instruction_started', instructor.id);
    const mails = await mailsAbout(dossier.reference);
    assert.deepEqual(to(mails), [owner.email, editor.email].sort());
    const mail = mails[0];
    assert.ok(mail);
    assert.equal(mail.subject, `Votre dossier ${dossier.reference} est en instruction — ${callTitle}`);
    assert.match(
      mail.text_body,
      /Vous recevez ce message car vous êtes membre d’une organisation porteuse de ce dossier\. Pour ne plus recevoir ces e-mails : http:\/\/localhost:3000\/compte\/notifications/,
    );
    assert.match(mail.html_body, /Pour ne plus recevoir ces e-mails/);
    await optIn(partnerMember.id, 'dossier_status');
  });

  test('a submission reaches the instructeurs of the call only; a corrected one says so', async () => {
    const dossier = await newDossier();
    await event(dossier.id, 'submitted', owner.id);
    let mails = await mailsAbout(dossier.reference);
    assert.deepEqual(to(mails), [instructor.email, otherInstructor.email].sort());
    assert.equal(mails[0]?.subject, `Nouveau dossier déposé ${dossier.reference} — ${callTitle}`);
    assert.ok(mails[0]?.text_body.includes(`${BASE}/instruction/dossiers/${dossier.id}`));
    assert.ok(!to(mails).includes(outsider.email));

    // A correction requested, then answered: the instructeurs hear « correction reçue ».
    const db = t.database.db;
    await db
      .insertInto('dossier_transitions')
      .values([
        { dossier_id: dossier.id, from_status: 'depose', to_status: 'a_corriger', actor_id: instructor.id },
        { dossier_id: dossier.id, from_status: 'a_corriger', to_status: 'depose', actor_id: owner.id },
      ])
      .execute();
    await optOut(otherInstructor.id, 'dossier_staff_activity');
    await event(dossier.id, 'submitted', owner.id);
    mails = (await mailsAbout(dossier.reference)).filter((m) => m.subject.startsWith('Correction reçue'));
    assert.deepEqual(to(mails), [instructor.email]);
    await optIn(otherInstructor.id, 'dossier_staff_activity');
  });

  test('a withdrawal reaches the instructeurs and the other applicants, not the person who withdrew', async () => {
    const dossier = await newDossier();
    await event(dossier.id, 'withdrawn', owner.id);
    const mails = await mailsAbout(dossier.reference);
    assert.deepEqual(
      to(mails),
      [instructor.email, otherInstructor.email, editor.email, partnerMember.email].sort(),
    );
  });

  test('nothing is sent for a change that rolled back', async () => {
    const dossier = await newDossier();
    await assert.rejects(
      t.database.db.transaction().execute(async (trx) => {
        await queueDossierEvent(trx, { dossierId: dossier.id, event: 'instruction_started', actorId: null });
        throw new Error('rollback');
      }),
    );
    await worker.drain();
    assert.equal((await mailsAbout(dossier.reference)).length, 0);
  });

  async function postMessage(dossierId: string, authorId: string, side: 'staff' | 'applicant', body: string) {
    await t.database.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('dossier_messages')
        .values({ dossier_id: dossierId, author_id: authorId, side, body })
        .returning('id')
        .executeTakeFirstOrThrow();
      await queueMessageNotification(trx, { messageId: row.id });
    });
  }

  /** Moves the past of a dossier's messages and digests back (as if `hours` had passed). */
  async function timePasses(dossierId: string, hours: number) {
    const db = t.database.db;
    const shift = sql`make_interval(hours => ${hours})`;
    await sql`UPDATE dossier_messages SET created_at = created_at - ${shift} WHERE dossier_id = ${dossierId}`.execute(
      db,
    );
    await sql`UPDATE dossier_message_digests SET notified_until = notified_until - ${shift},
      last_sent_at = last_sent_at - ${shift} WHERE dossier_id = ${dossierId}`.execute(db);
    await sql`UPDATE jobs SET run_at = run_at - ${shift}
      WHERE state = 'pending' AND type = 'dossiers.message_digest' AND payload->>'dossierId' = ${dossierId}`.execute(
      db,
    );
  }

  test('messages: five within a minute make one e-mail; the next waits for the hour; later ones make another', async () => {
    const dossier = await newDossier('en_instruction');
    await optOut(partnerMember.id, 'dossier_messages');
    for (let i = 1; i <= 5; i++)
      await postMessage(dossier.id, instructor.id, 'staff', `Question numéro ${i}`);
    await worker.drain();
    let mails = await mailsAbout(dossier.reference);
    assert.deepEqual(to(mails), [owner.email, editor.email].sort(), 'applicants only, not the opted-out');
    const first = mails.find((m) => m.to_address === owner.email);
    assert.ok(first);
    assert.equal(first.subject, `Nouveaux messages sur le dossier ${dossier.reference} — ${callTitle}`);
    for (let i = 1; i <= 5; i++) assert.match(first.text_body, new RegExp(`Question numéro ${i}`));
    assert.match(first.text_body, /5 nouveaux messages/);
    assert.match(first.text_body, /L’équipe d’instruction/);
    assert.ok(first.text_body.includes(`${BASE}/dossiers/${dossier.id}/messages`));
    assert.match(first.text_body, /Pour ne plus recevoir ces e-mails/);

    // Within the hour: nothing now, one job waiting whatever the number of messages.
    await postMessage(dossier.id, instructor.id, 'staff', 'Précision A');
    await postMessage(dossier.id, instructor.id, 'staff', 'Précision B');
    await worker.drain();
    mails = await mailsAbout(dossier.reference);
    assert.equal(mails.length, 2, 'no second e-mail within the hour');
    const waiting = await t.database.db
      .selectFrom('jobs')
      .select('id')
      .where('type', '=', 'dossiers.message_digest')
      .where('state', '=', 'pending')
      .where(sql<boolean>`payload->>'dossierId' = ${dossier.id}`)
      .where(sql<boolean>`payload->>'userId' = ${owner.id}`)
      .execute();
    assert.equal(waiting.length, 1);

    // An hour later the waiting digest goes, with both messages and none of the first five.
    await timePasses(dossier.id, 1);
    await worker.drain();
    mails = (await mailsAbout(dossier.reference)).filter((m) => m.to_address === owner.email);
    assert.equal(mails.length, 2);
    assert.match(mails[1]?.text_body ?? '', /Précision A[\s\S]*Précision B/);
    assert.doesNotMatch(mails[1]?.text_body ?? '', /Question numéro/);

    // Two hours after that, a new message goes at once.
    await timePasses(dossier.id, 2);
    await postMessage(dossier.id, instructor.id, 'staff', 'Dernière question');
    await worker.drain();
    mails = (await mailsAbout(dossier.reference)).filter((m) => m.to_address === owner.email);
    assert.equal(mails.length, 3);
    assert.match(mails[2]?.text_body ?? '', /Dernière question/);
    assert.doesNotMatch(mails[2]?.text_body ?? '', /Précision/);

    const all = await mailsAbout(dossier.reference);
    assert.ok(!to(all).includes(instructor.email), 'the author gets none');
    assert.ok(!to(all).includes(otherInstructor.email), 'staff messages go to the applicants');
    assert.ok(!to(all).includes(partnerMember.email), 'opted out of dossier_messages');
    await optIn(partnerMember.id, 'dossier_messages');
  });

  test('an applicant message reaches the instructeurs of the call, not its author nor other applicants', async () => {
    const dossier = await newDossier('en_instruction');
    await postMessage(dossier.id, editor.id, 'applicant', 'Voici les statuts corrigés.');
    await worker.drain();
    const mails = await mailsAbout(dossier.reference);
    assert.deepEqual(to(mails), [instructor.email, otherInstructor.email].sort());
    assert.match(mails[0]?.text_body ?? '', /Léa Martin/);
    assert.ok(mails[0]?.text_body.includes(`${BASE}/instruction/dossiers/${dossier.id}`));
  });
});
