/**
 * The progress of an import on stderr: percent of the file's bytes, lines per second, time left.
 * On a terminal, one line redrawn in place at most 5 times a second; otherwise (a log file, a pipe), a
 * plain line every 10 seconds.
 */

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatInteger(n: number): string {
  return integer.format(n);
}

/** '3 min 12 s', '1 h 05 min', '8 s'. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export function progressLine(p: {
  bytes: number;
  total: number;
  /** Lines and bytes read by this process (a resumed run starts from where the previous one stopped). */
  sessionLines: number;
  sessionBytes: number;
  elapsedMs: number;
  lines: number;
  width?: number;
}): string {
  const ratio = p.total > 0 ? Math.min(1, p.bytes / p.total) : 1;
  const width = p.width ?? 24;
  const full = Math.round(ratio * width);
  const bar = `[${'#'.repeat(full)}${'.'.repeat(width - full)}]`;
  const seconds = p.elapsedMs / 1000;
  const rate = seconds > 0 ? p.sessionLines / seconds : 0;
  const byteRate = seconds > 0 ? p.sessionBytes / seconds : 0;
  const eta =
    ratio >= 1
      ? 'terminé'
      : byteRate > 0
        ? `reste ${formatDuration(((p.total - p.bytes) / byteRate) * 1000)}`
        : 'reste ?';
  return `${bar} ${percent.format(ratio * 100)} % · ${formatInteger(p.lines)} lignes · ${formatInteger(rate)} lignes/s · ${eta}`;
}

export class ProgressBar {
  readonly #out: ProgressOutput;
  readonly #total: number;
  readonly #startBytes: number;
  readonly #startLines: number;
  readonly #started = performance.now();
  readonly #interval: number;
  #last = Number.NEGATIVE_INFINITY;
  #drawn = false;
  #lastBytes = -1;

  constructor(out: ProgressOutput, total: number, start: { bytes: number; lines: number }) {
    this.#out = out;
    this.#total = total;
    this.#startBytes = start.bytes;
    this.#startLines = start.lines;
    this.#interval = out.isTTY ? 200 : 10_000;
  }

  /** Redraws when the last drawing is old enough (cheap to call on every batch). */
  update(bytes: number, lines: number, force = false): void {
    const now = performance.now();
    if (!force && now - this.#last < this.#interval) return;
    this.#last = now;
    const line = progressLine({
      bytes,
      total: this.#total,
      lines,
      sessionBytes: bytes - this.#startBytes,
      sessionLines: lines - this.#startLines,
      elapsedMs: now - this.#started,
    });
    if (this.#out.isTTY) {
      this.#out.write(`\r\x1b[2K${line}`);
      this.#drawn = true;
    } else if (bytes !== this.#lastBytes) {
      this.#out.write(`${line}\n`);
    }
    this.#lastBytes = bytes;
  }

  /** Last drawing, then a line break on a terminal. */
  done(bytes: number, lines: number): void {
    this.update(bytes, lines, true);
    if (this.#out.isTTY && this.#drawn) this.#out.write('\n');
  }

  /** Before another message on the same stream: ends the line being redrawn. */
  interrupt(): void {
    if (this.#out.isTTY && this.#drawn) {
      this.#out.write('\n');
      this.#drawn = false;
    }
  }
}
