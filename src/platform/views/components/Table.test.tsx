import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Badge } from './Badge.js';
import { Table } from './Table.js';
import { $, $$, classes, dom, text } from './testing.js';

interface Row {
  id: string;
  projet: string;
  montant: number;
  statut: string;
}

const rows: Row[] = [
  { id: '42', projet: 'Ressourcerie mobile', montant: 25000, statut: 'Déposé' },
  { id: '57', projet: 'Cantine solidaire', montant: 48000, statut: 'Lauréat' },
];

describe('Table', () => {
  it('has a caption, column headers and row headers', async () => {
    const root = await dom(
      <Table<Row>
        caption="Dossiers déposés"
        rows={rows}
        columns={[
          { header: 'Projet', value: (r) => r.projet, rowHeader: true },
          { header: 'Montant', value: (r) => r.montant, align: 'right' },
          { header: 'Statut', render: (r) => <Badge label={r.statut} as="span" /> },
        ]}
      />,
    );
    assert.ok(
      $$(root, '.fr-table .fr-table__wrapper .fr-table__container .fr-table__content table').length === 1,
    );
    assert.equal(text($(root, 'caption')), 'Dossiers déposés');
    assert.deepEqual(
      $$(root, 'thead th[scope="col"]').map((th) => text(th)),
      ['Projet', 'Montant', 'Statut'],
    );
    assert.deepEqual(
      $$(root, 'tbody th[scope="row"]').map((th) => text(th)),
      ['Ressourcerie mobile', 'Cantine solidaire'],
    );
    assert.deepEqual(
      $$(root, 'tbody td.fr-cell--right').map((td) => text(td)),
      ['25000', '48000'],
    );
    assert.equal($$(root, 'tbody td .fr-badge').length, 2);
  });

  it('shows a message row when empty and can hide its caption visually', async () => {
    const root = await dom(
      <Table<Row>
        caption="Dossiers à instruire"
        captionPosition="hidden"
        rows={[]}
        emptyText="Aucun dossier."
        columns={[
          { header: 'Projet', value: (r) => r.projet },
          { header: 'Statut', value: (r) => r.statut },
        ]}
      />,
    );
    assert.ok(classes($$(root, 'div')[0]!).includes('fr-table--no-caption'));
    assert.equal(text($(root, 'caption')), 'Dossiers à instruire', 'the caption stays for screen readers');
    const cell = $(root, 'tbody td');
    assert.equal(cell.attrs.colspan, '2');
    assert.equal(text(cell), 'Aucun dossier.');
  });

  it('renders empty cells for missing values', async () => {
    const root = await dom(
      <Table<{ a?: string }> caption="T" rows={[{}]} columns={[{ header: 'A', value: (r) => r.a }]} />,
    );
    assert.equal(text($(root, 'tbody td')), '');
  });
});
