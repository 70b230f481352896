import { Badge, type BadgeProps } from './Badge.js';
import type { ComponentExample } from './shared.js';
import { Table } from './Table.js';

interface DossierRow {
  id: string;
  projet: string;
  structure: string;
  region: string;
  montantCents: number;
  statut: BadgeProps;
}

const dossiers: DossierRow[] = [
  {
    id: '2025-0042',
    projet: 'Ressourcerie mobile',
    structure: 'Jardins solidaires du Trégor',
    region: 'Bretagne',
    montantCents: 2_500_000,
    statut: { label: 'Déposé', type: 'info', size: 'sm' },
  },
  {
    id: '2025-0057',
    projet: 'Cantine solidaire de quartier',
    structure: 'Les Tables ouvertes',
    region: 'Hauts-de-France',
    montantCents: 4_800_000,
    statut: { label: 'Lauréat', type: 'success', size: 'sm' },
  },
  {
    id: '2025-0063',
    projet: 'Garage associatif itinérant',
    structure: 'Roule ma poule',
    region: 'Occitanie',
    montantCents: 1_200_000,
    statut: { label: 'Incomplet', type: 'warning', size: 'sm' },
  },
];

const euros = (cents: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(
    cents / 100,
  );

export const tableExamples: ComponentExample[] = [
  {
    title: 'Tableau de dossiers avec en-têtes de ligne, liens et badges',
    render: () => (
      <Table<DossierRow>
        caption="Dossiers déposés sur l’appel à projets « Fabriques à initiatives 2025 »"
        rows={dossiers}
        columns={[
          {
            header: 'Projet',
            rowHeader: true,
            render: (row) => (
              <a href={`/dossiers/${row.id}`} safe>
                {row.projet}
              </a>
            ),
          },
          { header: 'Structure', value: (row) => row.structure },
          { header: 'Région', value: (row) => row.region },
          { header: 'Montant demandé', value: (row) => euros(row.montantCents), align: 'right' },
          { header: 'Statut', render: (row) => <Badge {...row.statut} /> },
        ]}
      />
    ),
  },
  {
    title: 'Tableau vide, titre en bas, bordures',
    render: () => (
      <Table<DossierRow>
        caption="Dossiers à instruire"
        captionPosition="bottom"
        bordered
        size="sm"
        rows={[]}
        emptyText="Aucun dossier à instruire pour le moment."
        columns={[
          { header: 'Projet', value: (row) => row.projet },
          { header: 'Région', value: (row) => row.region },
        ]}
      />
    ),
  },
  {
    title: 'Tableau au titre masqué visuellement',
    render: () => (
      <Table<{ annee: number; laureats: number; emplois: number }>
        caption="Lauréats et emplois créés par année"
        captionPosition="hidden"
        rows={[
          { annee: 2023, laureats: 48, emplois: 310 },
          { annee: 2024, laureats: 62, emplois: 455 },
        ]}
        columns={[
          { header: 'Année', value: (row) => row.annee, rowHeader: true },
          { header: 'Lauréats', value: (row) => row.laureats, align: 'right' },
          { header: 'Emplois créés', value: (row) => row.emplois, align: 'right' },
        ]}
      />
    ),
  },
];
