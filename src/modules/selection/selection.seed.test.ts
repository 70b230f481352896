import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedDemoData } from '../../demo/seed.js';
import type { Db } from '../../platform/db/index.js';
import { createTestApp, type TestApp } from '../../platform/testing/app.js';
import { submissionDigest } from '../dossiers/index.js';
import { DEMO_COHORT, DEMO_COHORT_SLUG, DEMO_STORIES, seedDemoSelection, slugify } from './selection.seed.js';

/** The demo data of the finished « Pionniers French Impact 2018 » call, as `npm start` seeds it. */
describe('selection: demo data of a finished call', () => {
  let t: TestApp;
  let db: Db;
  let callId: string;

  before(async () => {
    t = await createTestApp();
    db = t.database.db;
    await seedDemoData(db, { logger: { info: () => {} }, organisations: 220 });
    callId = (
      await db.selectFrom('calls').select('id').where('slug', '=', DEMO_COHORT_SLUG).executeTakeFirstOrThrow()
    ).id;
  });
  after(() => t?.close());

  test('200 dossiers of demo organisations: 45 auditioned, 22 laureates, the others not selected or inadmissible', async () => {
    const rows = await db
      .selectFrom('dossiers')
      .innerJoin('organisations', 'organisations.id', 'dossiers.organisation_id')
      .select(['dossiers.status', 'organisations.source'])
      .where('dossiers.call_id', '=', callId)
      .execute();
    assert.equal(rows.length, DEMO_COHORT.dossiers);
    assert.ok(rows.every((r) => r.source === 'demo'));
    const by = (s: string) => rows.filter((r) => r.status === s).length;
    assert.equal(by('laureat'), 22);
    assert.equal(by('irrecevable'), DEMO_COHORT.irrecevables);
    assert.equal(by('non_retenu'), 200 - 22 - DEMO_COHORT.irrecevables);
    const auditions = await db.selectFrom('auditions').selectAll().where('call_id', '=', callId).execute();
    assert.equal(auditions.length, 45);
    const decisions = await db
      .selectFrom('deliberation_decisions')
      .select(['decision', 'motivation'])
      .where('call_id', '=', callId)
      .execute();
    assert.equal(decisions.filter((d) => d.decision === 'laureat').length, 22);
    assert.ok(decisions.every((d) => d.motivation.trim().length > 20));
    const settings = await db
      .selectFrom('selection_settings')
      .selectAll()
      .where('call_id', '=', callId)
      .executeTakeFirstOrThrow();
    assert.notEqual(settings.results_published_at, null);
  });

  test('every dossier has a frozen version with a receipt and the digest of its content, and its history', async () => {
    const versions = await db
      .selectFrom('dossier_versions')
      .innerJoin('dossiers', 'dossiers.id', 'dossier_versions.dossier_id')
      .select([
        'dossiers.reference',
        'dossiers.status',
        'dossier_versions.answers',
        'dossier_versions.digest',
        'dossier_versions.receipt_number',
      ])
      .where('dossiers.call_id', '=', callId)
      .execute();
    assert.equal(versions.length, 200);
    for (const v of versions) {
      assert.match(v.receipt_number, /^AR-2018-\d{6}$/);
      assert.equal(
        v.digest,
        submissionDigest({
          reference: v.reference,
          version: 1,
          formVersion: 1,
          answers: v.answers,
          files: [],
        }),
      );
      const answers = v.answers as Record<string, unknown>;
      assert.equal(typeof answers.nom_projet, 'string');
      assert.equal(typeof answers.commune, 'string');
    }
    const last = await db
      .selectFrom('dossier_transitions as t')
      .innerJoin('dossiers as d', 'd.id', 't.dossier_id')
      .select(['d.status', 't.to_status', 't.id', 't.dossier_id'])
      .where('d.call_id', '=', callId)
      .orderBy('t.id')
      .execute();
    const final = new Map<string, { status: string; to: string }>();
    for (const r of last) final.set(r.dossier_id, { status: r.status, to: r.to_status });
    assert.equal(final.size, 200);
    assert.ok([...final.values()].every((f) => f.status === f.to));
  });

  test('the showcase of the cohort lists the 22 laureates with their approved summaries', async () => {
    const res = await t.client().get(`/vitrine/${DEMO_COHORT_SLUG}`);
    assert.equal(res.statusCode, 200);
    const cards = [...res.body.matchAll(/<h3 class="fr-card__title"><a href="\/vitrine\/[^"]+">/g)];
    assert.equal(cards.length, 22);
    assert.doesNotMatch(res.body, /sera bientôt disponible/);
    const stories = await db
      .selectFrom('laureate_stories')
      .select(['slug', 'approved_at', 'summary'])
      .where('call_id', '=', callId)
      .execute();
    assert.equal(stories.length, 22);
    assert.ok(stories.every((s) => s.approved_at !== null && s.slug === slugify(s.slug)));
    assert.equal(new Set(stories.map((s) => s.summary)).size, DEMO_STORIES.length);
    const list = await t.client().get('/vitrine');
    assert.match(list.body.replace(/<[^>]+>/g, ' '), /22 lauréats/);
  });

  test('seeding again writes nothing', async () => {
    const report = await seedDemoSelection(db);
    assert.deepEqual(
      {
        dossiers: report.dossiers,
        auditioned: report.auditioned,
        laureates: report.laureates,
        inserted: report.inserted,
      },
      { dossiers: 200, auditioned: 45, laureates: 22, inserted: 0 },
    );
  });
});
