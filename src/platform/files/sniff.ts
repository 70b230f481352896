/**
 * The real type of a file from its first bytes, never from its name or the type the browser sent.
 * Markup (HTML, SVG, XML) is reported as 'text/html' so that callers refuse it: served back, it could run
 * script in the site's origin.
 */

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
export const MSWORD = 'application/msword';
export const MSEXCEL = 'application/vnd.ms-excel';
export const MSPOWERPOINT = 'application/vnd.ms-powerpoint';

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function startsWith(head: Buffer, signature: Buffer | string, at = 0): boolean {
  const sig = typeof signature === 'string' ? Buffer.from(signature, 'latin1') : signature;
  return head.length >= at + sig.length && head.subarray(at, at + sig.length).equals(sig);
}

/**
 * The mime type read from the first bytes (give at least 4 KiB, ideally `SNIFF_HEAD_BYTES`), or null when
 * unknown (binary of another kind, text that is not UTF-8…).
 */
export function sniffContentType(head: Buffer): string | null {
  if (head.length === 0) return null;
  if (startsWith(head, '%PDF-')) return 'application/pdf';
  if (startsWith(head, PNG)) return 'image/png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (startsWith(head, 'GIF87a') || startsWith(head, 'GIF89a')) return 'image/gif';
  if (startsWith(head, 'RIFF') && startsWith(head, 'WEBP', 8)) return 'image/webp';
  if (startsWith(head, ZIP_LOCAL)) return sniffZip(head);
  if (startsWith(head, OLE)) return sniffOle(head);
  return sniffText(head);
}

// ---------------------------------------------------------------------------------------------- zip

interface ZipEntry {
  name: string;
  method: number;
  content: Buffer | null;
}

/** The local file headers found in the head (a zip starts with them, one per entry, in order). */
function zipEntries(head: Buffer): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let at = 0;
  while (at + 30 <= head.length && startsWith(head, ZIP_LOCAL, at)) {
    const flags = head.readUInt16LE(at + 6);
    const method = head.readUInt16LE(at + 8);
    const compressedSize = head.readUInt32LE(at + 18);
    const nameLength = head.readUInt16LE(at + 26);
    const extraLength = head.readUInt16LE(at + 28);
    const nameEnd = at + 30 + nameLength;
    if (nameEnd > head.length) break;
    const name = head.subarray(at + 30, nameEnd).toString('utf8');
    const dataStart = nameEnd + extraLength;
    const dataEnd = dataStart + compressedSize;
    entries.push({
      name,
      method,
      content: method === 0 && dataEnd <= head.length ? head.subarray(dataStart, dataEnd) : null,
    });
    // Bit 3: sizes come after the data, so the next header cannot be found by walking.
    if (flags & 0x08) break;
    at = dataEnd;
  }
  // Walking stopped (data descriptor, head too short): look for further headers by their signature.
  if (entries.length < 2) {
    for (
      let i = head.indexOf(ZIP_LOCAL, 4);
      i !== -1 && i + 30 <= head.length;
      i = head.indexOf(ZIP_LOCAL, i + 4)
    ) {
      const nameLength = head.readUInt16LE(i + 26);
      if (i + 30 + nameLength > head.length) break;
      entries.push({
        name: head.subarray(i + 30, i + 30 + nameLength).toString('utf8'),
        method: -1,
        content: null,
      });
    }
  }
  return entries;
}

const ODF = /^application\/vnd\.oasis\.opendocument\.[a-z.-]{1,60}$/;

function sniffZip(head: Buffer): string {
  const entries = zipEntries(head);
  const first = entries[0];
  // OpenDocument: the first entry is `mimetype`, stored, holding the type.
  if (first?.name === 'mimetype' && first.content) {
    const type = first.content.toString('latin1').trim();
    if (ODF.test(type)) return type;
  }
  const names = entries.map((e) => e.name);
  if (names.includes('[Content_Types].xml')) {
    if (names.some((n) => n.startsWith('word/'))) return DOCX;
    if (names.some((n) => n.startsWith('xl/'))) return XLSX;
    if (names.some((n) => n.startsWith('ppt/'))) return PPTX;
  }
  return 'application/zip';
}

// ---------------------------------------------------------------------------------------------- OLE

/**
 * Legacy Office files (.doc, .xls, .ppt) share one container; the stream names tell them apart when the
 * directory is within the head. Otherwise: application/msword (see `typeMatches`, which lets any legacy
 * Office type match another).
 */
function sniffOle(head: Buffer): string {
  const utf16 = (s: string) => Buffer.from(s, 'utf16le');
  if (head.indexOf(utf16('WordDocument')) !== -1) return MSWORD;
  if (head.indexOf(utf16('Workbook')) !== -1 || head.indexOf(utf16('Book\u0000')) !== -1) return MSEXCEL;
  if (head.indexOf(utf16('PowerPoint Document')) !== -1) return MSPOWERPOINT;
  return MSWORD;
}

// --------------------------------------------------------------------------------------------- text

/** Markup at the start (after a byte order mark and blanks): HTML sniffing patterns, plus SVG and XML. */
const MARKUP_START =
  /^<(?:!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p|svg|math|object|embed|form|img|meta|link|base|!--)(?=[\s>/]|$)|^<\?xml/i;
/** Markup anywhere in what would otherwise pass as text. */
const MARKUP_ANYWHERE =
  /<(?:!doctype\s+html|html|head|body|script|iframe|svg|object|embed|meta|base|form)(?=[\s>/]|$)|<\?xml/i;

function sniffText(head: Buffer): string | null {
  let text: string;
  let bytes = head;
  if (startsWith(head, Buffer.from([0xfe, 0xff])) || startsWith(head, Buffer.from([0xff, 0xfe]))) {
    // UTF-16: read only to catch markup; such files are not accepted as plain text.
    const swapped =
      head[0] === 0xfe
        ? Buffer.from(head.subarray(2, head.length - (head.length % 2))).swap16()
        : head.subarray(2);
    const decoded = swapped.subarray(0, swapped.length - (swapped.length % 2)).toString('utf16le');
    return looksLikeMarkup(decoded) ? 'text/html' : null;
  }
  if (startsWith(head, Buffer.from([0xef, 0xbb, 0xbf]))) bytes = head.subarray(3);
  if (bytes.includes(0)) return null;
  try {
    // `stream: true`: a character cut at the end of the head is not an error.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
  } catch {
    // Not UTF-8: a legacy 8-bit text (Windows-1252, e.g. a CSV saved by a French Excel) when it holds
    // no control character other than tab, line feeds and form feed.
    if (hasBinaryControl(bytes)) return null;
    text = bytes.toString('latin1');
    return looksLikeMarkup(text) ? 'text/html' : 'text/plain';
  }
  if (looksLikeMarkup(text)) return 'text/html';
  if (hasBinaryControl(bytes)) return null;
  return 'text/plain';
}

function looksLikeMarkup(text: string): boolean {
  const trimmed = text.replace(/^[\s\uFEFF]+/, '');
  return MARKUP_START.test(trimmed) || MARKUP_ANYWHERE.test(text);
}

function hasBinaryControl(bytes: Buffer): boolean {
  for (const b of bytes) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return true;
    if (b === 0x7f) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------- matching

const LEGACY_OFFICE = new Set([MSWORD, MSEXCEL, MSPOWERPOINT]);

/**
 * Whether a sniffed type is among the allowed ones (`image/png`, `image/*`). 'text/html' (any markup)
 * never matches, whatever the list. A sniffed text/plain matches text/csv (a CSV is plain text); a legacy
 * Office type matches any other legacy Office type (the head does not always tell them apart).
 */
export function typeMatches(sniffed: string | null, allowedTypes: readonly string[]): boolean {
  if (!sniffed) return false;
  const type = sniffed.toLowerCase();
  if (type === 'text/html') return false;
  return allowedTypes.some((raw) => {
    const allowed = raw.trim().toLowerCase();
    if (allowed === type || allowed === '*/*') return true;
    if (allowed.endsWith('/*')) return type.startsWith(allowed.slice(0, -1));
    if (allowed === 'text/csv' && type === 'text/plain') return true;
    return LEGACY_OFFICE.has(allowed) && LEGACY_OFFICE.has(type);
  });
}
