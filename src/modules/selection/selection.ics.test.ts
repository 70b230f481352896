import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildIcs, escapeText, foldLine, icsDateTime, parseIcs } from './selection.ics.js';

describe('selection: iCalendar files of auditions', () => {
  const event = {
    uid: 'audition-1234@frenchimpact.fr',
    sequence: 2,
    stamp: new Date('2026-11-27T10:00:00Z'),
    start: new Date('2026-12-03T13:30:00Z'),
    end: new Date('2026-12-03T14:15:00Z'),
    summary: 'Audition — Appel des jardins, dossier FI-2026-000123',
    description:
      'Audition de l’association « Les Jardins Partagés » ; merci d’arriver 10 minutes en avance, avec votre pièce d’identité.\nÀ bientôt.',
    location: 'Salle Marianne, 20 avenue de Ségur, 75007 Paris',
  };

  test('the fields read back: UID, SEQUENCE, DTSTAMP, DTSTART/DTEND in UTC, SUMMARY, LOCATION', () => {
    const ics = buildIcs(event);
    const fields = parseIcs(ics);
    const get = (name: string) => fields.find((f) => f.name === name)?.value;
    assert.equal(fields[0]?.name, 'BEGIN');
    assert.equal(get('BEGIN'), 'VCALENDAR');
    assert.ok(fields.some((f) => f.name === 'BEGIN' && f.value === 'VEVENT'));
    assert.equal(get('VERSION'), '2.0');
    assert.equal(get('UID'), event.uid);
    assert.equal(get('SEQUENCE'), '2');
    assert.equal(get('DTSTAMP'), '20261127T100000Z');
    assert.equal(get('DTSTART'), '20261203T133000Z');
    assert.equal(get('DTEND'), '20261203T141500Z');
    assert.equal(get('SUMMARY'), event.summary);
    assert.equal(get('DESCRIPTION'), event.description);
    assert.equal(get('LOCATION'), event.location);
    assert.equal(get('URL'), undefined);
    assert.equal(fields.at(-1)?.value, 'VCALENDAR');
  });

  test('CRLF line ends and lines of at most 75 octets, folded with a space', () => {
    const ics = buildIcs({ ...event, location: null, url: 'https://visio.example.fr/salle/jury-2026' });
    assert.ok(ics.endsWith('\r\n'));
    assert.doesNotMatch(ics.replace(/\r\n/g, ''), /[\r\n]/, 'no bare CR or LF');
    const lines = ics.split('\r\n');
    for (const line of lines) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, line);
    assert.ok(
      lines.some((l) => l.startsWith(' ')),
      'the long description is folded',
    );
    assert.equal(
      parseIcs(ics).find((f) => f.name === 'URL')?.value,
      'https://visio.example.fr/salle/jury-2026',
    );
    assert.equal(
      parseIcs(ics).find((f) => f.name === 'LOCATION'),
      undefined,
    );
  });

  test('folding never splits a multi-octet character', () => {
    const line = `SUMMARY:${'é'.repeat(100)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) {
      assert.ok(Buffer.byteLength(part, 'utf8') <= 75);
      assert.doesNotMatch(part, /\uFFFD/);
    }
    assert.equal(folded.replace(/\r\n /g, ''), line);
  });

  test('text values are escaped', () => {
    assert.equal(escapeText('a;b,c\\d\ne'), 'a\\;b\\,c\\\\d\\ne');
    assert.equal(icsDateTime(new Date('2026-01-02T03:04:05.678Z')), '20260102T030405Z');
  });
});
