import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { DOCX, MSEXCEL, MSWORD, sniffContentType, typeMatches, XLSX } from './index.js';

/** A zip with stored (uncompressed) entries, as an archiver writes them: local headers in order. */
function zip(entries: [name: string, content: string][], { dataDescriptor = false } = {}): Buffer {
  const parts: Buffer[] = [];
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(dataDescriptor ? 0x08 : 0, 6);
    header.writeUInt16LE(0, 8); // stored
    header.writeUInt32LE(dataDescriptor ? 0 : data.length, 18);
    header.writeUInt32LE(dataDescriptor ? 0 : data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    header.writeUInt16LE(0, 28);
    parts.push(header, nameBytes, data);
    if (dataDescriptor) {
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(data.length, 8);
      descriptor.writeUInt32LE(data.length, 12);
      parts.push(descriptor);
    }
  }
  return Buffer.concat(parts);
}

const bytes = (...b: number[]) => Buffer.from(b);
const text = (s: string) => Buffer.from(s, 'utf8');

describe('sniffContentType', () => {
  const ole = (stream: string) => {
    const head = Buffer.alloc(1536);
    bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1).copy(head, 0);
    Buffer.from(stream, 'utf16le').copy(head, 1024);
    return head;
  };
  const cases: [string, Buffer, string | null][] = [
    ['a PDF', text('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), 'application/pdf'],
    [
      'a PNG',
      Buffer.concat([bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), Buffer.alloc(20)]),
      'image/png',
    ],
    ['a JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46), 'image/jpeg'],
    ['a GIF', text('GIF89a\x01\x00\x01\x00'), 'image/gif'],
    ['a WebP', Buffer.concat([text('RIFF'), bytes(0x24, 0, 0, 0), text('WEBPVP8 ')]), 'image/webp'],
    ['a plain zip', zip([['budget.csv', 'a;b\n']]), 'application/zip'],
    [
      'a Word document (docx)',
      zip([
        ['[Content_Types].xml', '<?xml version="1.0"?><Types/>'],
        ['_rels/.rels', '<Relationships/>'],
        ['word/document.xml', '<w:document/>'],
      ]),
      DOCX,
    ],
    [
      'a docx written with data descriptors',
      zip(
        [
          ['[Content_Types].xml', '<Types/>'],
          ['word/document.xml', '<w:document/>'],
        ],
        { dataDescriptor: true },
      ),
      DOCX,
    ],
    [
      'an OpenDocument text (odt)',
      zip([
        ['mimetype', 'application/vnd.oasis.opendocument.text'],
        ['content.xml', '<office:document-content/>'],
      ]),
      'application/vnd.oasis.opendocument.text',
    ],
    [
      'an OpenDocument spreadsheet (ods)',
      zip([['mimetype', 'application/vnd.oasis.opendocument.spreadsheet']]),
      'application/vnd.oasis.opendocument.spreadsheet',
    ],
    ['a legacy Word document', ole('WordDocument'), MSWORD],
    ['a legacy Excel workbook', ole('Workbook'), MSEXCEL],
    ['a legacy Office file whose directory is further', ole(''), MSWORD],
    ['UTF-8 text with accents', text('Compte rendu de l’assemblée générale : 12 présents.\n'), 'text/plain'],
    [
      'a CSV with a byte order mark',
      Buffer.concat([bytes(0xef, 0xbb, 0xbf), text('Nom;Montant\r\nÉté;12,5\r\n')]),
      'text/plain',
    ],
    [
      'a CSV saved by a French Excel (Windows-1252)',
      Buffer.from('Nom;Montant\r\nEt\xe9;12\r\n', 'latin1'),
      'text/plain',
    ],
    ['text with a NUL byte', text('abc\u0000def'), null],
    ['binary control bytes', bytes(0x01, 0x02, 0x03, 0x41), null],
    ['nothing', Buffer.alloc(0), null],
    [
      'HTML (with a .pdf name: the name is never read)',
      text('<!DOCTYPE html><html><body>Facture</body></html>'),
      'text/html',
    ],
    [
      'HTML after a BOM and blanks, upper case',
      Buffer.concat([bytes(0xef, 0xbb, 0xbf), text('\n  <HTML><SCRIPT>alert(1)</SCRIPT>')]),
      'text/html',
    ],
    [
      'an SVG image',
      text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'),
      'text/html',
    ],
    ['an XML declaration', text('<?xml version="1.0"?><svg/>'), 'text/html'],
    ['a bare script tag', text('<script>fetch("/compte")</script>'), 'text/html'],
    [
      'markup further in a text',
      text('Bonjour,\nvoici le lien\n<iframe src="https://exemple.fr"></iframe>'),
      'text/html',
    ],
    [
      'UTF-16 HTML',
      Buffer.concat([bytes(0xff, 0xfe), Buffer.from('<html><body>x</body></html>', 'utf16le')]),
      'text/html',
    ],
    [
      'UTF-16 text (not accepted as plain text)',
      Buffer.concat([bytes(0xff, 0xfe), Buffer.from('bonjour', 'utf16le')]),
      null,
    ],
    ['text mentioning comparison signs', text('Si a < b et b > c alors…\n<3 merci'), 'text/plain'],
  ];
  for (const [name, head, expected] of cases) {
    test(`${name} → ${expected}`, () => {
      assert.equal(sniffContentType(head), expected);
    });
  }

  test('a real spreadsheet written by exceljs is an xlsx', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Dossiers').addRow(['Référence', 'Montant']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    assert.equal(sniffContentType(buffer.subarray(0, 64 * 1024)), XLSX);
  });

  test('a UTF-8 character cut at the end of the head is still text', () => {
    const full = text('élan');
    assert.equal(sniffContentType(full.subarray(0, 1)), 'text/plain');
  });
});

describe('typeMatches', () => {
  test('exact types, wildcards, CSV as text, legacy Office kinds', () => {
    assert.equal(typeMatches('application/pdf', ['application/pdf']), true);
    assert.equal(typeMatches('image/png', ['application/pdf', 'image/*']), true);
    assert.equal(typeMatches('image/png', ['application/pdf']), false);
    assert.equal(typeMatches('application/pdf', ['image/*']), false);
    assert.equal(typeMatches('text/plain', ['text/csv']), true);
    assert.equal(typeMatches(MSWORD, [MSEXCEL]), true);
    assert.equal(typeMatches(DOCX, [MSWORD]), false);
    assert.equal(typeMatches(null, ['*/*']), false);
  });

  test('markup never matches, even under a wildcard', () => {
    assert.equal(typeMatches('text/html', ['text/html']), false);
    assert.equal(typeMatches('text/html', ['text/*', '*/*']), false);
  });
});
