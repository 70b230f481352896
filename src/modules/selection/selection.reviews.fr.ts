import type { Recommendation } from './selection.tables.js';

/** The words of the évaluateurs' pages (« Mes évaluations », a dossier and its review), in French. */
export const reviewsFr = {
  home: 'Accueil',
  title: 'Mes évaluations',
  lead: 'Les dossiers qui vous sont affectés, appel par appel. Vous n’y voyez que la dernière version déposée de chaque dossier.',
  empty: 'Aucun dossier ne vous est affecté pour le moment.',
  counts: (todo: number, draft: number, done: number) =>
    `À faire : ${todo} · Brouillon : ${draft} · Soumis : ${done}`,
  caption: (call: string) => `Dossiers à évaluer — ${call}`,
  colReference: 'Référence',
  colTitle: 'Dossier',
  colOrganisation: 'Organisation',
  colState: 'État de l’évaluation',
  states: { todo: 'À faire', draft: 'Brouillon', done: 'Soumis' } as Record<
    'todo' | 'draft' | 'done',
    string
  >,
  conflicts: 'Déclarer un conflit d’intérêts',
  auditions: 'Auditions',
  auditionsCaption: (call: string) => `Auditions de l’appel « ${call} »`,
  colWhen: 'Date (heure de Paris)',
  auditionNotes: (reference: string) => `Notes d’audition du dossier ${reference}`,
  notesShort: 'Notes d’audition',
  dossier: {
    answersTitle: (version: number) => `Dossier déposé (version ${version})`,
    noVersion: 'Ce dossier n’a aucune version déposée.',
    notAnswered: 'Non renseigné',
    organisation: 'Organisation',
    call: 'Appel',
    filesTitle: 'Pièces jointes',
    noFiles: 'Aucune pièce jointe.',
    download: (name: string) => `Télécharger ${name}`,
  },
  review: {
    title: 'Mon évaluation',
    lead: 'Notez chaque critère, puis enregistrez un brouillon ou soumettez votre évaluation. Une évaluation soumise ne peut plus être modifiée.',
    noGrid: 'La grille d’évaluation de cet appel n’a pas encore été définie : revenez plus tard.',
    weight: (w: string) => `Poids : ${w}`,
    comment: (label: string) => `Commentaire sur « ${label} »`,
    commentRequired: 'Obligatoire',
    overall: 'Appréciation générale',
    recommendation: 'Recommandation',
    saveDraft: 'Enregistrer le brouillon',
    submit: 'Soumettre l’évaluation',
    saved: 'Votre brouillon a été enregistré.',
    submitted: 'Votre évaluation a été soumise.',
    submittedAt: (when: string) => `Évaluation soumise le ${when}.`,
    score: (score: string) => `Score pondéré : ${score}`,
    notScored: 'Non noté',
    noComment: 'Aucun commentaire',
    stale:
      'Votre évaluation a été modifiée depuis l’ouverture de cette page (dans un autre onglet ?). Vos saisies sont conservées ci-dessous : vérifiez-les, puis enregistrez à nouveau.',
    alreadySubmitted: 'Votre évaluation a déjà été soumise : elle ne peut plus être modifiée.',
    invalid: 'L’évaluation n’a pas pu être enregistrée : corrigez les erreurs signalées.',
  },
  others: {
    title: 'Évaluations des autres membres du jury',
    empty: 'Aucun autre membre du jury n’a encore soumis son évaluation.',
    by: (name: string) => `Évaluation de ${name}`,
  },
  recommendations: {
    a_retenir: 'À retenir',
    a_discuter: 'À discuter',
    a_ecarter: 'À écarter',
  } as Record<Recommendation, string>,
  download: { notFound: 'Ce fichier est introuvable.' },
};

export type ReviewsMessages = typeof reviewsFr;
