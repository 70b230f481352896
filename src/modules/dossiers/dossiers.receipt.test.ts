import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatReceiptDateFr, type ReceiptData, renderReceiptPdf, toWinAnsi } from './dossiers.receipt.js';

/** WinAnsi bytes 0x80–0x9F that differ from Latin-1. */
const WIN_ANSI_HIGH: Record<number, string> = {
  128: '€',
  133: '…',
  140: 'Œ',
  145: '‘',
  146: '’',
  147: '“',
  148: '”',
  149: '•',
  150: '–',
  151: '—',
  156: 'œ',
};

/** The text lines of an uncompressed PDF written by pdfkit with a standard font (one TJ per line). */
function pdfLines(pdf: Buffer): string[] {
  const source = pdf.toString('latin1');
  return [...source.matchAll(/\[((?:<[0-9a-f]*>|\s|-?[\d.]+)*)\] TJ/gi)].map((m) =>
    [...(m[1] ?? '').matchAll(/<([0-9a-f]*)>/gi)]
      .map((h) =>
        [...Buffer.from(h[1] ?? '', 'hex')].map((b) => WIN_ANSI_HIGH[b] ?? String.fromCharCode(b)).join(''),
      )
      .join(''),
  );
}

const DIGEST = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function sample(overrides: Partial<ReceiptData> = {}): ReceiptData {
  return {
    receiptNumber: 'AR-2026-000042',
    reference: 'FI-2026-000123',
    callTitle: 'Appel à projets « Territoires d’innovation » 2027',
    organisationName: 'Association Élan Solidaire',
    partners: ['Coopérative Œuvre Commune'],
    submittedAt: new Date('2026-11-27T13:03:12Z'),
    version: 2,
    digest: DIGEST,
    submittedBy: 'Camille Lefèvre (camille@exemple.fr)',
    answers: [
      { section: 'Votre projet', label: 'Nom du projet', value: 'Garçons et filles à l’œuvre' },
      { section: 'Votre projet', label: 'Public visé', value: '' },
      {
        section: 'Pièces',
        label: 'Statuts',
        value: '',
        attachments: [{ name: 'statuts-signés.pdf', size: 1_258_291, sha256: 'a'.repeat(64) }],
      },
    ],
    ...overrides,
  };
}

describe('acknowledgement of receipt (PDF)', () => {
  test('an A4 PDF with the facts of the deposit and the answers, accents intact', async () => {
    const pdf = await renderReceiptPdf(sample(), { compress: false });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 595\.28 841\.89\]/, 'A4');
    const lines = pdfLines(pdf);
    const text = lines.join('\n');
    for (const expected of [
      'RÉPUBLIQUE',
      'FRANÇAISE',
      'French Impact',
      'Accusé de réception',
      'AR-2026-000042',
      'FI-2026-000123',
      'Appel à projets « Territoires d’innovation » 2027',
      'Association Élan Solidaire',
      'Coopérative Œuvre Commune',
      'le 27 novembre 2026 à 14 h 03 min 12 s (heure de Paris)',
      'Camille Lefèvre (camille@exemple.fr)',
      DIGEST,
      'Votre projet',
      'Nom du projet',
      'Garçons et filles à l’œuvre',
      'Sans réponse',
      '• statuts-signés.pdf (1,2 Mo)',
      `SHA-256 : ${'a'.repeat(64)}`,
      'page 1 sur 1',
    ])
      assert.ok(text.includes(expected), `missing: ${expected}\n---\n${text}`);
    assert.ok(lines.includes('2'), 'the version number');
  });

  test('the same data gives the same bytes; another date gives others', async () => {
    const a = await renderReceiptPdf(sample());
    const b = await renderReceiptPdf(sample());
    assert.ok(a.equals(b));
    const c = await renderReceiptPdf(sample({ submittedAt: new Date('2026-11-27T13:03:13Z') }));
    assert.ok(!a.equals(c));
  });

  test('long answers wrap and flow over several pages, each numbered', async () => {
    const long = 'Nous accompagnons les jeunes éloignés de l’emploi vers une insertion durable. '.repeat(40);
    const answers = Array.from({ length: 12 }, (_, i) => ({ label: `Question ${i + 1}`, value: long }));
    const pdf = await renderReceiptPdf(sample({ answers }), { compress: false });
    const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
    assert.ok(pages >= 3, `pages: ${pages}`);
    const lines = pdfLines(pdf);
    assert.ok(lines.some((l) => l.endsWith(`page ${pages} sur ${pages}`)));
    assert.ok(lines.includes('Question 12'), 'the last answer is there');
    const width = Math.max(...lines.map((l) => l.length));
    assert.ok(width < 140, `a line of ${width} characters: text was not wrapped`);
  });

  test('dates in Paris time, summer and winter, with « 1er »', () => {
    assert.equal(
      formatReceiptDateFr(new Date('2026-07-01T08:05:09Z')),
      'le 1er juillet 2026 à 10 h 05 min 09 s (heure de Paris)',
    );
    assert.equal(
      formatReceiptDateFr(new Date('2026-12-31T23:30:00Z')),
      'le 1er janvier 2027 à 00 h 30 min 00 s (heure de Paris)',
    );
  });

  test('text outside the standard fonts is made drawable, French kept as is', () => {
    assert.equal(toWinAnsi('Œuvre « été » – 12\u202f500\u00a0€'), 'Œuvre « été » – 12\u00a0500\u00a0€');
    assert.equal(toWinAnsi('Łukasz Dvořák'), 'Lukasz Dvorák');
    assert.equal(toWinAnsi('北京 ok'), '?? ok');
    assert.equal(toWinAnsi('a\u0000b\tc'), 'ab c');
  });
});
