import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, ProgressBar, progressLine } from './progress.js';

test('the progress line: bar, percent of bytes, lines, rate of this session, time left', () => {
  const line = progressLine({
    bytes: 250,
    total: 1000,
    lines: 12_000,
    sessionBytes: 200,
    sessionLines: 10_000,
    elapsedMs: 2000,
  });
  // 10,000 lines in 2 s; 750 bytes left at 100 bytes/s.
  assert.equal(
    line,
    '[######..................] 25,0 % · 12 000 lignes · 5 000 lignes/s · reste 8 s'.replace(
      / (?=000)/g,
      '\u202f',
    ),
  );
  assert.equal(formatDuration(192_000), '3 min 12 s');
  assert.equal(formatDuration(3_900_000), '1 h 05 min');
});

test('not a terminal: plain lines, not redrawn on every batch, the last one once', () => {
  const written: string[] = [];
  const bar = new ProgressBar({ write: (t: string) => written.push(t), isTTY: false }, 100, {
    bytes: 0,
    lines: 0,
  });
  bar.update(10, 1);
  bar.update(20, 2);
  bar.update(30, 3);
  bar.done(100, 10);
  assert.equal(written.length, 2);
  assert.ok(written.every((t) => t.endsWith('\n') && !t.includes('\r')));
  assert.match(written[1]!, /100,0 % · 10 lignes · .* · terminé\n$/);
});

test('a terminal: the line is redrawn in place, and ended before another message', () => {
  const written: string[] = [];
  const bar = new ProgressBar({ write: (t: string) => written.push(t), isTTY: true }, 100, {
    bytes: 0,
    lines: 0,
  });
  bar.update(10, 1);
  bar.interrupt();
  bar.done(100, 10);
  assert.ok(written[0]!.startsWith('\r\x1b[2K['));
  assert.equal(written[1], '\n');
  assert.ok(written[2]!.startsWith('\r\x1b[2K['));
  assert.equal(written.at(-1), '\n');
});
