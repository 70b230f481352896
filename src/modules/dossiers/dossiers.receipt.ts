import PDFDocument from 'pdfkit';
import { formatFileSizeFr } from '../../platform/files/index.js';

/** A file named by an answer, as frozen in the version. */
export interface ReceiptAttachment {
  name: string;
  size: number;
  sha256: string;
}

/** One answer of the version: its question and the text of the answer (already formatted). */
export interface ReceiptAnswer {
  /** Title of the form's section; a heading is printed whenever it changes. */
  section?: string;
  label: string;
  /** The answer as text (choices joined, amounts formatted…); empty: « Sans réponse ». */
  value: string;
  attachments?: ReceiptAttachment[];
}

/** Everything the acknowledgement of receipt shows; the same data always gives the same bytes. */
export interface ReceiptData {
  receiptNumber: string;
  /** Reference of the dossier (e.g. FI-2026-000123). */
  reference: string;
  callTitle: string;
  organisationName: string;
  partners?: string[];
  submittedAt: Date;
  version: number;
  /** SHA-256 (hex) of the frozen version. */
  digest: string;
  /** Who submitted: name, and e-mail address if wanted (« Camille Martin (camille@exemple.fr) »). */
  submittedBy: string;
  answers: ReceiptAnswer[];
}

export interface ReceiptOptions {
  /** Compress the page streams (default true). Tests turn it off to read the text. */
  compress?: boolean;
}

const MARGIN = 56; // 2 cm
const BLUE = '#000091'; // DSFR « bleu France »
const GREY = '#666666';
const FOOTER_SPACE = 28;

const RECEIPT_DATE_FR = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** « le 27 novembre 2026 à 14 h 03 min 12 s (heure de Paris) » */
export function formatReceiptDateFr(date: Date): string {
  const parts = Object.fromEntries(
    RECEIPT_DATE_FR.formatToParts(date).map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const day = parts.day === '1' ? '1er' : parts.day;
  return `le ${day} ${parts.month} ${parts.year} à ${parts.hour} h ${parts.minute} min ${parts.second} s (heure de Paris)`;
}

/** Characters of the WinAnsi encoding beyond Latin-1 (what the standard PDF fonts can draw). */
const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019,
  0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

/** Letters without a decomposition, for names written in other European languages. */
const NO_DECOMPOSITION: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i', Ħ: 'H', ħ: 'h' };

function drawable(code: number): boolean {
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code);
}

/**
 * Text the standard fonts (Helvetica, WinAnsi) can draw: every French letter, « », ’, œ, € are kept;
 * French narrow spaces become no-break spaces; other letters lose their accents (ł, ő…) or become « ? ».
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC').replace(/[\u202f\u2007\u2009]/g, '\u00a0')) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\n') out += char;
    else if (char === '\t' || char === '\r') out += ' ';
    else if (code === 0x2010 || code === 0x2011 || code === 0x2212) out += '-';
    else if (char in NO_DECOMPOSITION) out += NO_DECOMPOSITION[char];
    else if (drawable(code)) out += char;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) continue;
    else {
      const stripped = char.normalize('NFD').replace(/\p{M}/gu, '');
      out += [...stripped].every((c) => drawable(c.codePointAt(0) ?? 0)) && stripped ? stripped : '?';
    }
  }
  return out;
}

// --- Standard fonts, measured once ---------------------------------------------------------------
// pdfkit builds the metrics of a standard font (widths, kerning pairs) for every document that uses it:
// most of the time of a receipt. They never change: the fonts of the first receipt are kept, and each new
// document gets its own font objects (its own id and PDF object, as pdfkit would number them) sharing them.

interface StandardFontLike {
  name: string;
  font: unknown;
}
interface FontState {
  _fontFamilies: Record<string, StandardFontLike>;
  _fontCount: number;
  _font: StandardFontLike | null;
}
const SHARED_FONT_FIELDS = [
  'name',
  'font',
  'ascender',
  'descender',
  'bbox',
  'lineGap',
  'xHeight',
  'capHeight',
];
const measuredFonts = new Map<string, StandardFontLike>();

interface AfmMetrics {
  kernPairs: Record<string, number>;
  getKernPair(left: string, right: string): number;
}

/** The same kerning amounts, looked up without building a key string for every pair of letters. */
function fasterKerning(metrics: AfmMetrics): void {
  const byLeft = new Map<string, Map<string, number>>();
  for (const [pair, amount] of Object.entries(metrics.kernPairs)) {
    const cut = pair.indexOf('\0');
    const left = pair.slice(0, cut);
    let rights = byLeft.get(left);
    if (!rights) {
      rights = new Map();
      byLeft.set(left, rights);
    }
    rights.set(pair.slice(cut + 1), amount);
  }
  metrics.getKernPair = (left, right) => byLeft.get(left)?.get(right) || 0;
}

function withMeasuredFonts(doc: PDFKit.PDFDocument): void {
  const state = doc as unknown as FontState;
  const font = doc.font.bind(doc) as (src: string, family?: string | null) => PDFKit.PDFDocument;
  const patched = (src: unknown, family?: unknown, size?: unknown): PDFKit.PDFDocument => {
    if (typeof src === 'string' && typeof family !== 'string' && !state._fontFamilies[src]) {
      const measured = measuredFonts.get(src);
      if (measured) {
        const copy = Object.create(Object.getPrototypeOf(measured)) as Record<string, unknown>;
        for (const field of SHARED_FONT_FIELDS)
          copy[field] = (measured as unknown as Record<string, unknown>)[field];
        copy.document = doc;
        copy.id = `F${++state._fontCount}`;
        state._fontFamilies[src] = copy as unknown as StandardFontLike;
      }
    }
    const result = (font as (...args: unknown[]) => PDFKit.PDFDocument)(src, family, size);
    if (typeof src === 'string' && !measuredFonts.has(src) && state._font?.name === src) {
      fasterKerning(state._font.font as AfmMetrics);
      measuredFonts.set(src, state._font);
    }
    return result;
  };
  doc.font = patched as typeof doc.font;
  // The default font (Helvetica), which pdfkit would have loaded while building the document.
  doc.font('Helvetica', null as unknown as string);
}

/** The « Accusé de réception » of one submitted version, as a PDF (A4, standard fonts). */
export function renderReceiptPdf(data: ReceiptData, options: ReceiptOptions = {}): Promise<Buffer> {
  const t = toWinAnsi;
  const doc = new PDFDocument({
    // No default font: `withMeasuredFonts` sets it (Helvetica, as pdfkit's default).
    font: null as unknown as string,
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_SPACE },
    compress: options.compress ?? true,
    bufferPages: true,
    lang: 'fr-FR',
    displayTitle: true,
    info: {
      Title: t(`Accusé de réception ${data.receiptNumber}`),
      Author: 'French Impact',
      Subject: t(`Dossier ${data.reference}, version ${data.version} — ${data.callTitle}`),
      Creator: 'French Impact',
      Producer: 'French Impact',
      // Fixed dates (also the seed of the file identifier): the same data gives the same bytes.
      CreationDate: data.submittedAt,
      ModDate: data.submittedAt,
    },
  });
  withMeasuredFonts(doc);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;

  // Heading: the State block, then the service and the title.
  doc.font('Helvetica-Bold').fontSize(11).fillColor('black');
  doc.text(t('RÉPUBLIQUE\nFRANÇAISE'), { width, lineGap: 1 });
  doc.font('Helvetica').fontSize(8).fillColor(GREY).text(t('Liberté\nÉgalité\nFraternité'), { width });
  doc.moveDown(1);
  doc.font('Helvetica-Bold').fontSize(12).fillColor(BLUE).text('French Impact', { width });
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor(GREY)
    .text(t('L’accélérateur national de l’innovation sociale'), {
      width,
    });
  doc.moveDown(1.2);
  doc.font('Helvetica-Bold').fontSize(20).fillColor('black').text(t('Accusé de réception'), { width });
  doc.moveDown(0.3);
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor('black')
    .text(t(`Votre dossier a bien été déposé ${formatReceiptDateFr(data.submittedAt)}.`), { width });
  doc.moveDown(0.8);

  // The facts of the deposit.
  const facts: [string, string, 'mono'?][] = [
    ['Numéro d’accusé de réception', data.receiptNumber],
    ['Référence du dossier', data.reference],
    ['Appel', data.callTitle],
    ['Organisation', data.organisationName],
  ];
  if (data.partners && data.partners.length > 0) facts.push(['Partenaires', data.partners.join('\n')]);
  facts.push(
    ['Déposé', formatReceiptDateFr(data.submittedAt)],
    ['Version', String(data.version)],
    ['Déposé par', data.submittedBy],
    ['Empreinte SHA-256 de la version', data.digest, 'mono'],
  );
  const labelWidth = 170;
  for (const [label, value, mono] of facts) {
    ensureRoom(doc, 28);
    const y = doc.y;
    doc
      .font('Helvetica-Bold')
      .fontSize(9.5)
      .fillColor(GREY)
      .text(t(label), MARGIN, y, { width: labelWidth - 10 });
    const afterLabel = doc.y;
    doc
      .font(mono ? 'Courier' : 'Helvetica')
      .fontSize(mono ? 8 : 10)
      .fillColor('black')
      .text(t(value), MARGIN + labelWidth, y, { width: width - labelWidth });
    doc.y = Math.max(doc.y, afterLabel) + 4;
    doc.x = MARGIN;
  }
  doc.moveDown(0.4);
  doc
    .font('Helvetica')
    .fontSize(8.5)
    .fillColor(GREY)
    .text(
      t(
        'L’empreinte SHA-256 identifie le contenu exact de la version déposée : toute modification ultérieure du dossier donnerait une empreinte différente. Les pièces jointes sont identifiées par leur propre empreinte.',
      ),
      MARGIN,
      doc.y,
      { width },
    );
  doc.moveDown(1);
  rule(doc, width);

  // The answers.
  doc.moveDown(0.6);
  doc
    .font('Helvetica-Bold')
    .fontSize(14)
    .fillColor('black')
    .text(t('Réponses déposées'), MARGIN, doc.y, { width });
  doc.moveDown(0.4);
  let section: string | undefined;
  for (const answer of data.answers) {
    if (answer.section && answer.section !== section) {
      section = answer.section;
      ensureRoom(doc, 60);
      doc.moveDown(0.5);
      doc.font('Helvetica-Bold').fontSize(11.5).fillColor(BLUE).text(t(section), MARGIN, doc.y, { width });
      doc.moveDown(0.3);
    }
    ensureRoom(doc, 36);
    doc
      .font('Helvetica-Bold')
      .fontSize(9.5)
      .fillColor('black')
      .text(t(answer.label), MARGIN, doc.y, { width });
    const attachments = answer.attachments ?? [];
    const value = answer.value.trim();
    if (value || attachments.length === 0) {
      doc
        .font(value ? 'Helvetica' : 'Helvetica-Oblique')
        .fontSize(10)
        .fillColor(value ? 'black' : GREY)
        .text(t(value || 'Sans réponse'), MARGIN, doc.y, { width });
    }
    for (const file of attachments) {
      ensureRoom(doc, 28);
      doc
        .font('Helvetica')
        .fontSize(10)
        .fillColor('black')
        .text(t(`• ${file.name} (${formatFileSizeFr(file.size)})`), MARGIN + 10, doc.y, {
          width: width - 10,
        });
      doc
        .font('Courier')
        .fontSize(8)
        .fillColor(GREY)
        .text(t(`SHA-256 : ${file.sha256}`), MARGIN + 20, doc.y, { width: width - 20 });
    }
    doc.moveDown(0.6);
  }
  if (data.answers.length === 0)
    doc
      .font('Helvetica-Oblique')
      .fontSize(10)
      .fillColor(GREY)
      .text(t('Aucune réponse.'), MARGIN, doc.y, { width });

  // Footer on every page: what this is, and the page number.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(GREY)
      .text(
        t(
          `Accusé de réception ${data.receiptNumber} — dossier ${data.reference} — page ${i + 1} sur ${range.count}`,
        ),
        MARGIN,
        doc.page.height - MARGIN - 10,
        { width, align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.flushPages();
  doc.end();
  return done;
}

/** Starts a new page when less than `height` points remain (keeps a label with its first line). */
function ensureRoom(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
    doc.x = MARGIN;
  }
}

function rule(doc: PDFKit.PDFDocument, width: number): void {
  doc
    .moveTo(MARGIN, doc.y)
    .lineTo(MARGIN + width, doc.y)
    .lineWidth(0.5)
    .strokeColor('#dddddd')
    .stroke();
}
