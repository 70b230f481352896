import { Pagination } from './Pagination.js';
import type { ComponentExample } from './shared.js';

const href = (page: number) => `/appels-a-projets?region=53&page=${page}`;

export const paginationExamples: ComponentExample[] = [
  {
    title: 'Première page sur 12',
    render: () => (
      <Pagination current={1} total={12} href={href} ariaLabel="Pagination des appels à projets" />
    ),
  },
  {
    title: 'Page au milieu d’une longue liste (250 sur 500)',
    render: () => <Pagination current={250} total={500} href={href} ariaLabel="Pagination des dossiers" />,
  },
  {
    title: 'Dernière page',
    render: () => <Pagination current={12} total={12} href={href} ariaLabel="Pagination des lauréats" />,
  },
];
