import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * A streaming RFC 4180 reader for the large open-data files (several GB): it never holds more than one
 * chunk plus the record being read, and tells, for each record, its physical line number and the byte
 * offset just after it (where a resumed run starts reading again).
 *
 * The parsing runs on bytes (separator, quote and line ends are ASCII in UTF-8 and in Windows-1252), and
 * decodes a line without quotes at once (the common case, split afterwards), or else each field on its
 * own, so that the offsets stay exact whatever the encoding.
 *
 * A broken record (unclosed quote, a character after a closing quote, a wrong number of fields) comes out
 * as `{ error }` for its first physical line, and reading goes on at the next physical line: one bad
 * quote never swallows the rest of the file.
 */

export type CsvEncoding = 'utf-8' | 'windows-1252';

export interface CsvRecord {
  /** Physical line number (1-based) where the record starts. */
  line: number;
  /** Byte offset just after the record and its line end. */
  end: number;
  /** Physical lines the record took (more than 1 when a quoted field holds a line break). */
  lines: number;
  fields: string[];
  /** Set when the record is broken (French reason); `fields` is then empty. */
  error?: string;
}

export interface CsvReadOptions {
  separator: string;
  encoding: CsvEncoding;
  /** Byte offset where reading starts (0, or the end of a record). */
  start?: number;
  /** Physical line number of the line at `start` (1 at the beginning of the file). */
  firstLine?: number;
  /** Records with another number of fields come out as errors (0 or absent: no check). */
  expectedFields?: number;
  /** Size of the chunks read from the disk. */
  chunkSize?: number;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
/** A quoted field longer than this is taken for an unclosed quote (constant memory on broken files). */
const MAX_RECORD_BYTES = 1 << 20;
/** Same, in physical lines. */
const MAX_RECORD_LINES = 100;

type Parsed =
  | { kind: 'record'; fields: string[]; next: number; newlines: number }
  | { kind: 'error'; reason: string }
  | { kind: 'more' };

/** Parses one record of `buf` starting at `pos`. `eof`: no more bytes will come after `buf`. */
function parseRecord(buf: Buffer, pos: number, sep: number, eof: boolean, encoding: CsvEncoding): Parsed {
  const sepChar = String.fromCharCode(sep);
  const fields: string[] = [];
  const len = buf.length;
  // Fast path, most lines: a line without any quote, decoded at once and split.
  let hasQuote = false;
  let k = pos;
  for (; k < len; k++) {
    const c = buf[k]!;
    if (c === LF) break;
    if (c === QUOTE) {
      hasQuote = true;
      break;
    }
  }
  if (!hasQuote && k < len) {
    const end = k > pos && buf[k - 1] === CR ? k - 1 : k;
    const text = decodeField(buf.subarray(pos, end), encoding);
    return { kind: 'record', fields: text.split(sepChar), next: k + 1, newlines: 1 };
  }
  let i = pos;
  let newlines = 0;
  for (;;) {
    if (i < len && buf[i] === QUOTE) {
      // Quoted field: up to the closing quote, "" standing for one quote.
      const parts: Buffer[] = [];
      let from = i + 1;
      for (;;) {
        const q = buf.indexOf(QUOTE, from);
        if (q === -1 || q - pos > MAX_RECORD_BYTES) {
          if (!eof && q === -1 && len - pos <= MAX_RECORD_BYTES) return { kind: 'more' };
          return { kind: 'error', reason: 'guillemet non fermé' };
        }
        for (let k = from; k < q; k++) if (buf[k] === LF) newlines++;
        if (newlines >= MAX_RECORD_LINES) return { kind: 'error', reason: 'guillemet non fermé' };
        if (q + 1 >= len && !eof) return { kind: 'more' };
        parts.push(buf.subarray(from, q));
        if (buf[q + 1] === QUOTE) {
          parts.push(buf.subarray(q, q + 1));
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(decodeField(parts.length === 1 ? parts[0]! : Buffer.concat(parts), encoding));
      if (i < len && buf[i] !== sep && buf[i] !== LF && buf[i] !== CR) {
        return { kind: 'error', reason: 'caractère inattendu après un guillemet fermant' };
      }
    } else {
      // Plain field: up to the separator or the line end (a stray quote inside is kept as it is).
      const start = i;
      while (i < len) {
        const c = buf[i]!;
        if (c === sep || c === LF) break;
        i++;
      }
      if (i >= len && !eof) return { kind: 'more' };
      let end = i;
      if (end > start && buf[end - 1] === CR && (end >= len || buf[end] === LF)) end--;
      fields.push(decodeField(buf.subarray(start, end), encoding));
    }
    if (i >= len) return { kind: 'record', fields, next: len, newlines };
    const c = buf[i]!;
    if (c === sep) {
      i++;
      if (i >= len && !eof) return { kind: 'more' };
      if (i >= len) {
        fields.push('');
        return { kind: 'record', fields, next: len, newlines };
      }
      continue;
    }
    if (c === CR) {
      if (i + 1 >= len && !eof) return { kind: 'more' };
      if (i + 1 < len && buf[i + 1] === LF)
        return { kind: 'record', fields, next: i + 2, newlines: newlines + 1 };
      if (i + 1 >= len) return { kind: 'record', fields, next: len, newlines };
      return { kind: 'error', reason: 'caractère inattendu après un guillemet fermant' };
    }
    // LF
    return { kind: 'record', fields, next: i + 1, newlines: newlines + 1 };
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Windows-1252 characters of the bytes 0x80-0x9F (where ISO-8859-1 has control characters): Node's
 * TextDecoder reads 'windows-1252' as ISO-8859-1, so the table is here. Undefined bytes stay as they are.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeCp1252(b: Buffer): string {
  const latin1 = b.toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

function hasHighByte(b: Buffer): boolean {
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0x80) return true;
  return false;
}

/**
 * Decodes a field (or a line without quotes). UTF-8 files: bytes that are not valid UTF-8 (a Windows-1252
 * line slipped into the file) are read as Windows-1252 rather than turned into replacement characters.
 */
export function decodeField(b: Buffer, encoding: CsvEncoding): string {
  if (!hasHighByte(b)) return b.toString('latin1');
  if (encoding === 'utf-8') {
    try {
      return utf8.decode(b);
    } catch {
      return decodeCp1252(b);
    }
  }
  return decodeCp1252(b);
}

/** Reads the records of `path` from `options.start`, one at a time. */
export async function* readCsv(path: string, options: CsvReadOptions): AsyncGenerator<CsvRecord> {
  if (options.separator.length !== 1) throw new RangeError('The separator is one ASCII character');
  const sep = options.separator.charCodeAt(0);
  const start = options.start ?? 0;
  let line = options.firstLine ?? 1;
  const expected = options.expectedFields ?? 0;
  const stream = createReadStream(path, { start, highWaterMark: options.chunkSize ?? 1 << 20 });
  let buf: Buffer = Buffer.alloc(0);
  let bufOffset = start; // file offset of buf[0]
  let pos = 0;
  let eof = false;
  const chunks = stream[Symbol.asyncIterator]();
  try {
    for (;;) {
      if (pos >= buf.length && eof) return;
      const parsed: Parsed =
        pos >= buf.length ? { kind: 'more' } : parseRecord(buf, pos, sep, eof, options.encoding);
      if (parsed.kind === 'more') {
        if (eof) throw new Error('unreachable: more bytes asked at the end of the file');
        const next = await chunks.next();
        if (next.done) {
          eof = true;
        } else {
          const rest = buf.subarray(pos);
          buf = rest.length === 0 ? (next.value as Buffer) : Buffer.concat([rest, next.value as Buffer]);
          bufOffset += pos;
          pos = 0;
        }
        continue;
      }
      if (parsed.kind === 'record' && parsed.fields.length === 1 && parsed.fields[0] === '') {
        // An empty line is no record.
        pos = parsed.next;
        line += Math.max(1, parsed.newlines);
        continue;
      }
      let broken: string | undefined;
      if (parsed.kind === 'error') broken = parsed.reason;
      else if (expected > 0 && parsed.fields.length !== expected) {
        broken = `${parsed.fields.length} champ${parsed.fields.length > 1 ? 's' : ''} au lieu de ${expected}`;
      }
      if (broken !== undefined) {
        // Skip the first physical line of the broken record only, and go on after it.
        let nl = buf.indexOf(LF, pos);
        while (nl === -1 && !eof) {
          const next = await chunks.next();
          if (next.done) eof = true;
          else {
            buf = Buffer.concat([buf.subarray(pos), next.value as Buffer]);
            bufOffset += pos;
            pos = 0;
            nl = buf.indexOf(LF, pos);
            if (nl === -1 && buf.length > MAX_RECORD_BYTES * 4) {
              // An endless line: drop what was read of it, keep looking for its end.
              bufOffset += buf.length;
              buf = Buffer.alloc(0);
            }
          }
        }
        const next = nl === -1 ? buf.length : nl + 1;
        pos = next;
        yield { line, end: bufOffset + next, lines: 1, fields: [], error: broken };
        line++;
        continue;
      }
      if (parsed.kind !== 'record') continue; // (narrowing: errors were handled above)
      const fields = parsed.fields;
      const lines = Math.max(1, parsed.newlines);
      pos = parsed.next;
      yield { line, end: bufOffset + parsed.next, lines, fields };
      line += lines;
    }
  } finally {
    stream.destroy();
  }
}

export const FINGERPRINT_BYTES = 1 << 20;

export interface FileIdentity {
  size: number;
  /** SHA-256 (hexadecimal) of the first MiB of the file followed by its size in decimal. */
  fingerprint: string;
  /** UTF-8 when the first MiB is valid UTF-8, else Windows-1252 (a superset of ISO-8859-1). */
  detectedEncoding: CsvEncoding;
}

/** Fingerprint and likely encoding of a file, from its first MiB only. */
export async function identifyFile(path: string): Promise<FileIdentity> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, FINGERPRINT_BYTES));
    let read = 0;
    while (read < head.length) {
      const { bytesRead } = await handle.read(head, read, head.length - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    const sample = head.subarray(0, read);
    const fingerprint = createHash('sha256').update(sample).update(String(size)).digest('hex');
    let detectedEncoding: CsvEncoding = 'utf-8';
    try {
      // stream: a character cut at the end of the sample is no error.
      new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    } catch {
      detectedEncoding = 'windows-1252';
    }
    return { size, fingerprint, detectedEncoding };
  } finally {
    await handle.close();
  }
}

/** Number of line feeds in the first `end` bytes of `path` (the line where a resumed run starts, minus 1). */
export async function countLineFeeds(path: string, end: number): Promise<number> {
  if (end <= 0) return 0;
  let n = 0;
  for await (const chunk of createReadStream(path, { start: 0, end: end - 1, highWaterMark: 1 << 20 })) {
    const b = chunk as Buffer;
    let i = b.indexOf(LF);
    while (i !== -1) {
      n++;
      i = b.indexOf(LF, i + 1);
    }
  }
  return n;
}
