/** The words of submission (dépôt), frozen versions, receipts and withdrawal, in French (the reference). */
export const submissionFr = {
  home: 'Accueil',
  myDossiers: 'Mes dossiers',
  instruction: 'Instruction',
  versionTitle: (version: number) => `Version ${version} déposée`,
  versionLead: (reference: string, call: string) => `Dossier ${reference} — ${call}`,
  submittedNotice: {
    title: 'Votre dossier a été déposé',
    body: 'Un accusé de réception vous est envoyé par courriel, ainsi qu’aux membres de votre organisation.',
  },
  alreadyNotice: {
    title: 'Ce dossier est déjà déposé',
    body: 'Il a déjà été déposé (par exemple depuis un autre onglet ou par un double clic) : voici la version enregistrée.',
  },
  receipt: {
    title: 'Accusé de réception',
    number: 'Numéro',
    submittedAt: 'Déposé le',
    submittedBy: 'Déposé par',
    digest: 'Empreinte SHA-256 du contenu',
    digestHint:
      'Cette empreinte est calculée sur les réponses, la version du formulaire et le contenu des pièces jointes : toute modification la changerait.',
    download: 'Télécharger l’accusé de réception (PDF)',
  },
  answers: 'Réponses déposées',
  notAnswered: 'Non renseigné',
  attachment: (name: string, size: string) => `${name} (${size})`,
  otherVersions: 'Versions déposées',
  versionLink: (version: number, when: string) => `Version ${version}, déposée le ${when}`,
  current: 'version affichée',
  backToDossier: 'Retour au dossier',
  withdrawLink: 'Retirer ce dossier',
  /** « 15 mars 2027 à 12:00:00 (heure de Paris) ». */
  parisDateTime: (date: string, time: string) => `${date} à ${time} (heure de Paris)`,

  refused: {
    title: 'Dépôt impossible',
    callClosed: (date: string, time: string) =>
      `L’appel a fermé le ${date} à ${time} (heure de Paris) : le dépôt n’est plus possible.`,
    callClosedEarly: 'L’appel a été clos par anticipation : le dépôt n’est plus possible.',
    callNotOpen: (date: string, time: string) =>
      `L’appel n’ouvre que le ${date} à ${time} (heure de Paris) : le dépôt n’est pas encore possible.`,
    callWithoutDates: 'L’appel n’est pas ouvert : le dépôt n’est pas possible.',
    correctionExpired: (date: string, time: string) =>
      `Le délai de correction a expiré le ${date} à ${time} (heure de Paris) : le dépôt n’est plus possible.`,
    noOpenCorrection: 'Aucune demande de correction n’est en cours : le dépôt n’est pas possible.',
    notSubmittable: 'Ce dossier ne peut plus être déposé dans son état actuel.',
    stale:
      'Le dossier a été modifié depuis l’affichage du récapitulatif (par exemple dans un autre onglet ou par un autre membre). Relisez le récapitulatif puis déposez-le à nouveau.',
    invalidTitle: 'Le dossier ne peut pas encore être déposé',
    invalid: 'Corrigez les points suivants, puis revenez au récapitulatif pour déposer le dossier.',
    ineligible: 'Le dossier ne remplit pas les conditions d’éligibilité de l’appel :',
    fieldProblem: (label: string, message: string) => `${label} : ${message}`,
    missingFile: 'la pièce jointe est introuvable ; déposez-la à nouveau.',
    badRequest: 'Le formulaire de dépôt est incomplet. Revenez au récapitulatif puis déposez le dossier.',
    backToSummary: 'Revoir le récapitulatif',
    toDossier: 'Voir le dossier',
  },

  withdraw: {
    title: 'Retirer le dossier',
    lead: (reference: string, call: string) => `Dossier ${reference} — ${call}`,
    warning:
      'Le retrait est définitif : le dossier sera classé sans suite et ne sera pas instruit. Les versions déjà déposées restent consultables.',
    reason: 'Motif du retrait (facultatif)',
    reasonHint: 'Il sera communiqué à l’équipe qui instruit l’appel.',
    reasonTooLong: 'Le motif ne doit pas dépasser 2 000 caractères.',
    confirm: 'Retirer définitivement le dossier',
    cancel: 'Annuler',
    done: 'Votre dossier a été retiré : il est classé sans suite.',
    refusedDecision:
      'Ce dossier ne peut plus être retiré : une décision a déjà été prise (ou il a déjà été retiré).',
    stale:
      'Le dossier a changé depuis l’affichage de cette page. Relisez la page puis confirmez le retrait à nouveau.',
    badRequest: 'Le formulaire de retrait est incomplet. Rechargez la page puis confirmez le retrait.',
  },

  mail: {
    subject: (call: string) => `Accusé de réception — ${call}`,
    intro: (reference: string, organisation: string) =>
      `Le dossier ${reference} de ${organisation} a bien été déposé.`,
    number: (n: string) => `Numéro d’accusé de réception : ${n}`,
    when: (when: string) => `Date et heure du dépôt : ${when}`,
    by: (who: string) => `Déposé par : ${who}`,
    digest: (d: string) => `Empreinte SHA-256 du contenu : ${d}`,
    link: 'Consulter la version déposée',
    attached: 'L’accusé de réception est joint à ce courriel au format PDF.',
  },
};

export type SubmissionMessages = typeof submissionFr;
