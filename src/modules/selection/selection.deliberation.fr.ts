import type { DossierStatus } from '../dossiers/index.js';
import { STATUS_LABELS_FR } from '../dossiers/index.js';
import type { Decision, Recommendation } from './selection.tables.js';

/** French: 0 and 1 take the singular. */
const plural = (n: number, one: string, many: string) => (n <= 1 ? `${n} ${one}` : `${n} ${many}`);

/** The words of the ranking, auditions and deliberation pages and of their e-mails, in French. */
export const deliberationFr = {
  home: 'Accueil',
  selection: 'Sélection',
  statuses: STATUS_LABELS_FR as Readonly<Record<DossierStatus, string>>,
  decisions: { laureat: 'Lauréat', non_retenu: 'Non retenu' } as Record<Decision, string>,
  recommendations: {
    a_retenir: 'à retenir',
    a_discuter: 'à discuter',
    a_ecarter: 'à écarter',
  } as Record<Recommendation, string>,
  ranking: {
    title: (call: string) => `Classement — ${call}`,
    lead: 'Les dossiers en évaluation, classés par moyenne normalisée des avis (chaque note est rapportée à la moyenne et à l’écart type de son évaluateur), puis par moyenne brute et par référence.',
    filters: 'Filtrer le classement',
    domain: 'Domaine',
    region: 'Région',
    all: 'Tous',
    apply: 'Filtrer',
    reset: 'Effacer les filtres',
    caption: (n: number) => `Classement des dossiers (${plural(n, 'dossier', 'dossiers')})`,
    empty: 'Aucun dossier en évaluation ne correspond.',
    colSelect: 'Présélection',
    select: (reference: string) => `Présélectionner le dossier ${reference} pour une audition`,
    colRank: 'Rang',
    colReference: 'Référence',
    colOrganisation: 'Organisation',
    colDomains: 'Domaines',
    colRegion: 'Région',
    colRaw: 'Moyenne brute',
    colZ: 'Moyenne normalisée',
    colReviews: 'Avis',
    colDisagreement: 'Désaccord',
    colRecommendations: 'Recommandations',
    colStatus: 'Statut',
    reviews: (submitted: number, assigned: number) => `${submitted}/${assigned} avis`,
    disagreement: (spread: string) => `Désaccord (écart ${spread})`,
    noDisagreement: 'Non',
    none: '—',
    shortlistTitle: 'Présélection pour les auditions',
    shortlistSubmit: 'Présélectionner les dossiers cochés',
    shortlistHint:
      'Les dossiers cochés passent au statut « Auditionné » ; leurs auditions se planifient ensuite.',
    chooseDossiers: 'Cochez au moins un dossier à présélectionner.',
    shortlisted: (n: number) =>
      n === 1
        ? '1 dossier présélectionné pour une audition.'
        : `${n} dossiers présélectionnés pour une audition.`,
    notInCall: 'Un des dossiers cochés n’est pas en évaluation dans cet appel.',
    auditionsLink: 'Planifier les auditions',
    deliberationLink: 'Délibération',
    threshold: (t: string) =>
      `Désaccord signalé quand l’écart entre la note la plus haute et la plus basse dépasse ${t} points.`,
    badDomain: 'Ce domaine n’existe pas : choisissez-en un dans la liste.',
    badRegion: 'Cette région n’existe pas : choisissez-en une dans la liste.',
    badFilter: 'Les filtres demandés ne sont pas valides.',
  },
  auditions: {
    title: (call: string) => `Auditions — ${call}`,
    lead: 'Les dossiers présélectionnés : planifiez leur audition (heure de Paris), puis invitez les membres de l’organisation. Chaque invitation porte un fichier d’agenda (.ics) ; une audition déplacée est envoyée à nouveau et met à jour l’événement.',
    empty: 'Aucun dossier présélectionné pour le moment.',
    dossier: (reference: string, organisation: string) => `${reference} — ${organisation}`,
    date: 'Date',
    dateHint: 'Format attendu : aaaa-mm-jj',
    time: 'Heure (heure de Paris)',
    timeHint: 'Format attendu : hh:mm',
    duration: 'Durée (minutes)',
    durationHint: 'Entre 5 et 480 minutes',
    place: 'Lieu',
    placeHint: 'Adresse de la salle, si l’audition a lieu sur place',
    video: 'Lien de visioconférence',
    videoHint: 'Adresse commençant par https://, si l’audition a lieu à distance',
    save: 'Enregistrer l’audition',
    invite: 'Inviter',
    reinvite: 'Inviter à nouveau',
    scheduled: (when: string, minutes: number) => `Prévue le ${when} (${minutes} min)`,
    notScheduled: 'Pas encore planifiée.',
    invited: (when: string) => `Invitation envoyée le ${when}.`,
    notInvited: 'Invitation pas encore envoyée.',
    saved: 'Audition enregistrée.',
    savedAndReinvited: 'Audition déplacée : l’invitation mise à jour a été envoyée.',
    sent: 'Invitation envoyée.',
    justSent:
      'L’invitation vient d’être envoyée : elle ne l’est pas une seconde fois. Vous pourrez l’envoyer à nouveau dans une minute.',
    notesLink: 'Notes d’audition',
    errors: {
      dateRequired: 'Saisissez la date de l’audition.',
      dateInvalid: 'Saisissez une date réelle, au format aaaa-mm-jj.',
      timeRequired: 'Saisissez l’heure de l’audition.',
      timeInvalid: 'Saisissez une heure au format hh:mm (de 00:00 à 23:59).',
      durationInvalid: 'Saisissez une durée en minutes, entre 5 et 480.',
      placeTooLong: 'Le lieu ne doit pas dépasser 300 caractères.',
      videoInvalid: 'Saisissez un lien commençant par https:// (500 caractères au plus).',
      whereRequired: 'Indiquez un lieu ou un lien de visioconférence.',
      notShortlisted: 'Ce dossier n’est pas présélectionné pour une audition dans cet appel.',
      notScheduled: 'Planifiez l’audition avant d’envoyer l’invitation.',
      noRecipient: 'Aucun membre de l’organisation ne peut recevoir l’invitation.',
    },
  },
  notes: {
    title: (reference: string) => `Notes d’audition — ${reference}`,
    lead: 'Vos notes sont visibles par les membres du jury et l’équipe de l’appel, jamais par le candidat.',
    audition: (when: string) => `Audition du ${when}`,
    mine: 'Ma note',
    save: 'Enregistrer ma note',
    saved: 'Note enregistrée.',
    others: 'Notes du jury',
    none: 'Aucune note pour le moment.',
    by: (name: string, when: string) => `${name}, le ${when}`,
    required: 'Saisissez votre note.',
    tooLong: 'La note ne doit pas dépasser 10 000 caractères.',
  },
  deliberation: {
    title: (call: string) => `Délibération — ${call}`,
    lead: 'Le classement, les notes d’audition et une décision motivée par dossier. La publication enregistre toutes les décisions d’un coup et prévient chaque candidat.',
    quota: (min: number | null, max: number | null) =>
      min !== null && max !== null
        ? `de ${min} à ${max}`
        : min !== null
          ? `d’au moins ${min}`
          : max !== null
            ? `d’au plus ${max}`
            : '',
    laureates: (n: number) => plural(n, 'lauréat', 'lauréats'),
    belowQuota: (n: number, quota: string) =>
      `${plural(n, 'lauréat', 'lauréats')} : en dessous du quota ${quota}`,
    aboveQuota: (n: number, quota: string) =>
      `${plural(n, 'lauréat', 'lauréats')} : au-dessus du quota ${quota}`,
    withinQuota: (n: number, quota: string) => `${plural(n, 'lauréat', 'lauréats')}, dans le quota ${quota}.`,
    noQuota: (n: number) => `${plural(n, 'lauréat', 'lauréats')} (pas de quota fixé).`,
    undecided: (n: number) => `${plural(n, 'dossier', 'dossiers')} sans décision.`,
    decisionLegend: (reference: string) => `Décision pour ${reference}`,
    decision: 'Décision',
    motivation: 'Motivation',
    motivationHint: 'Envoyée au candidat avec la décision.',
    saveDecision: 'Enregistrer la décision',
    saved: 'Décision enregistrée.',
    current: (decision: string) => `Décision préparée : ${decision}`,
    notesTitle: 'Notes d’audition',
    noNotes: 'Aucune note d’audition.',
    publishTitle: 'Publier les résultats',
    publishHint:
      'Chaque dossier reçoit sa décision et chaque candidat est prévenu par courriel. Cette action est définitive.',
    publish: 'Publier les résultats',
    published: (when: string) => `Résultats publiés le ${when}.`,
    publishedNotice: 'Résultats publiés : les candidats sont prévenus.',
    errors: {
      decisionRequired: 'Choisissez « Lauréat » ou « Non retenu ».',
      motivationRequired: 'Saisissez la motivation de la décision.',
      motivationTooLong: 'La motivation ne doit pas dépasser 5 000 caractères.',
      notDecidable:
        'Ce dossier n’est pas en évaluation dans cet appel : aucune décision ne peut être préparée.',
      alreadyPublished: 'Les résultats de cet appel sont déjà publiés.',
      undecided: (references: string[]) =>
        `Publication impossible : ${references.length === 1 ? 'le dossier' : 'les dossiers'} ${references.join(', ')} ${references.length === 1 ? 'n’a' : 'n’ont'} pas de décision.`,
      nothing: 'Aucune décision à publier.',
      changed: (reference: string, reason: string) =>
        `Publication impossible, rien n’a été enregistré : dossier ${reference}. ${reason}`,
    },
  },
  mail: {
    auditionSubject: (call: string) => `Invitation à une audition — ${call}`,
    auditionUpdatedSubject: (call: string) => `Audition déplacée — ${call}`,
    auditionIntro: (reference: string, organisation: string) =>
      `Le dossier ${reference} de ${organisation} est présélectionné : le jury vous invite à une audition.`,
    auditionWhen: (when: string, minutes: number) =>
      `Date : ${when} (heure de Paris), durée ${minutes} minutes.`,
    auditionPlace: (place: string) => `Lieu : ${place}`,
    auditionVideo: (url: string) => `Lien de visioconférence : ${url}`,
    auditionAttached: 'Le fichier joint (.ics) ajoute l’audition à votre agenda.',
    calendarSummary: (call: string, reference: string) => `Audition — ${call} (${reference})`,
    resultSubject: (call: string) => `Résultat de l’appel — ${call}`,
    resultIntro: (reference: string, organisation: string) =>
      `Le jury a délibéré sur le dossier ${reference} de ${organisation}.`,
    resultLaureat: 'Décision : votre dossier est lauréat. Félicitations !',
    resultNonRetenu: 'Décision : votre dossier n’est pas retenu.',
    resultMotivation: 'Motivation du jury :',
    link: 'Voir le dossier',
  },
};

export type DeliberationMessages = typeof deliberationFr;
