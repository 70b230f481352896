/** Words that the DSFR component wrappers print themselves (French, the reference catalogue). */
export const componentsFr = {
  close: 'Fermer',
  required: 'obligatoire',
  errorSummaryTitle: 'Le formulaire contient des erreurs',
  search: 'Rechercher',
  searchPlaceholder: 'Rechercher',
  breadcrumbToggle: 'Voir le fil d’Ariane',
  breadcrumbLabel: 'vous êtes ici :',
  pagination: 'Pagination',
  firstPage: 'Première page',
  previousPage: 'Page précédente',
  nextPage: 'Page suivante',
  lastPage: 'Dernière page',
  page: 'Page',
  stepOf: (current: number, total: number) => `Étape ${current} sur ${total}`,
  nextStep: 'Étape suivante :',
  uploadHint: 'Taille maximale : {size}. Formats acceptés : {types}.',
  uploadMaxSize: 'Taille maximale : {size}.',
  uploadFormats: 'Formats acceptés : {types}.',
  uploadMultiple: 'Plusieurs fichiers possibles.',
  newWindow: 'nouvelle fenêtre',
  toggleOn: 'Activé',
  toggleOff: 'Désactivé',
  selectPlaceholder: 'Sélectionner une option',
  removeFilter: (label: string) => `Retirer le filtre ${label}`,
};

export type ComponentLabels = typeof componentsFr;
