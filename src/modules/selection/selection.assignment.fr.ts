/** The words of the assignment pages (staff) and of the conflicts of interest page (évaluateurs), in French. */
export const assignmentFr = {
  home: 'Accueil',
  selection: 'Sélection',
  title: 'Affectation des dossiers',
  lead: (k: number) =>
    `Chaque dossier recevable est confié à ${k} évaluateur${k > 1 ? 's' : ''} : sans conflit d’intérêts, dans la limite de leur capacité, en privilégiant l’expertise (domaines communs) et une charge équilibrée.`,
  inputs: {
    heading: 'Données de l’affectation',
    dossiers: (n: number) => (n === 1 ? '1 dossier à affecter' : `${n} dossiers à affecter`),
    jury: (n: number) => (n === 1 ? '1 évaluateur' : `${n} évaluateurs`),
    k: (k: number) => `${k} évaluateur${k > 1 ? 's' : ''} par dossier`,
    capacity: (n: number) => `Capacité totale du jury : ${n} dossier${n > 1 ? 's' : ''}`,
    published: (date: string) => `Affectation publiée le ${date}.`,
    notPublished: 'L’affectation n’est pas encore publiée.',
  },
  compute: 'Calculer l’affectation',
  computeHint:
    'Remplace la proposition calculée précédente qui n’est pas publiée ; les affectations publiées et celles ajoutées à la main sont conservées.',
  publish: 'Publier l’affectation',
  publishHint:
    'Les affectations proposées deviennent définitives, les dossiers recevables passent « en évaluation » et chaque évaluateur reçoit un seul courriel avec la liste de ses nouveaux dossiers.',
  notices: {
    computed: (pairs: number, short: number) =>
      `Affectation calculée : ${pairs} affectation${pairs > 1 ? 's' : ''}${short ? `, ${short} dossier${short > 1 ? 's' : ''} incomplet${short > 1 ? 's' : ''}` : ''}.`,
    added: 'L’affectation a été ajoutée.',
    removed: 'L’affectation a été retirée.',
    published: (pairs: number, reviewers: number) =>
      `Affectation publiée : ${pairs} affectation${pairs > 1 ? 's' : ''}, ${reviewers} évaluateur${reviewers > 1 ? 's' : ''} prévenu${reviewers > 1 ? 's' : ''}.`,
  },
  objective: {
    heading: 'Qualité de l’affectation',
    pairs: (n: number, wanted: number) => `${n} affectation${n > 1 ? 's' : ''} sur ${wanted} souhaitées`,
    expertise: (n: number) =>
      n === 0 ? 'Tous les évaluateurs partagent un domaine avec leurs dossiers' : `Coût d’expertise : ${n}`,
    mismatches: (n: number) => (n === 0 ? '' : `${n} affectation${n > 1 ? 's' : ''} sans domaine commun`),
    load: (n: number) => `Coût de charge : ${n}`,
    total: (n: number) => `Coût total : ${n}`,
  },
  short: {
    heading: 'Dossiers incomplets',
    caption: 'Dossiers qui ont moins d’évaluateurs que prévu',
    colReference: 'Dossier',
    colAssigned: 'Évaluateurs',
    colReason: 'Raison',
    conflicts: (available: number, k: number) =>
      `Seulement ${available} évaluateur${available > 1 ? 's' : ''} sans conflit d’intérêts avec ce dossier (il en faut ${k}).`,
    capacity: (needed: number, capacity: number, available: number) =>
      `Capacité insuffisante : ${needed} affectations nécessaires pour une capacité totale de ${capacity} ; les ${available} évaluateurs sans conflit avec ce dossier sont au complet.`,
  },
  byDossier: {
    heading: 'Par dossier',
    caption: 'Évaluateurs de chaque dossier',
    range: (first: string, last: string, total: string) => `Dossiers ${first} à ${last} sur ${total}`,
    colDossier: 'Dossier',
    colOrganisation: 'Organisation',
    colReviewers: 'Évaluateurs',
    colCount: 'Nombre',
    none: 'Aucun évaluateur',
    match: 'expertise',
    noMatch: 'hors domaine',
    proposed: 'proposée',
    published: 'publiée',
    conflict: 'conflit',
    remove: (name: string, reference: string) => `Retirer ${name} du dossier ${reference}`,
    removeShort: 'Retirer',
  },
  byReviewer: {
    heading: 'Par évaluateur',
    caption: 'Charge des évaluateurs',
    colReviewer: 'Évaluateur',
    colDomains: 'Domaines',
    colLoad: 'Charge / capacité',
  },
  add: {
    heading: 'Ajouter une affectation à la main',
    dossier: 'Dossier',
    reviewer: 'Évaluateur',
    submit: 'Ajouter',
  },
  errors: {
    noDossier: 'Choisissez un dossier à affecter de cet appel.',
    noReviewer: 'Choisissez un évaluateur du jury de cet appel.',
    conflict: 'Cet évaluateur a un conflit d’intérêts avec ce dossier : l’affectation est refusée.',
    duplicate: 'Cet évaluateur est déjà affecté à ce dossier.',
    overCapacity: 'Cet évaluateur a atteint sa capacité : l’affectation est refusée.',
    notFound: 'Cette affectation n’existe pas.',
    alreadyPublished: 'Cette affectation est publiée : elle ne peut plus être retirée ici.',
    nothingToPublish: 'Aucune affectation proposée à publier.',
    noJury: 'Le jury de cet appel est vide : nommez des évaluateurs avant de calculer l’affectation.',
  },
  conflicts: {
    title: 'Conflits d’intérêts',
    lead: 'Déclarez tout lien avec une organisation candidate ou partenaire (membre, salarié, administrateur, financeur, proche…). Une déclaration retire ce dossier de vos évaluations : un autre évaluateur le reprend.',
    caption: 'Dossiers de l’appel',
    colReference: 'Référence',
    colOrganisation: 'Organisation',
    colTitle: 'Intitulé',
    colDeclared: 'Votre déclaration',
    notDeclared: 'Aucune',
    empty: 'Aucun dossier en évaluation pour cet appel.',
    formHeading: 'Déclarer un conflit d’intérêts',
    dossier: 'Dossier concerné',
    reason: 'Nature du lien',
    reasonHint: 'Quelques mots suffisent (2 000 caractères au plus).',
    submit: 'Déclarer le conflit',
    declared: 'Votre conflit d’intérêts est enregistré.',
    errorDossier: 'Choisissez un dossier de cet appel.',
    errorReason: 'Indiquez la nature du lien.',
    errorReasonLong: 'La nature du lien doit faire 2 000 caractères au plus.',
    notReviewer: 'Seuls les évaluateurs de l’appel déclarent des conflits d’intérêts.',
  },
  mail: {
    subject: (callTitle: string) => `Dossiers à évaluer – ${callTitle}`,
    intro: (callTitle: string, n: number) =>
      `${n === 1 ? 'Un nouveau dossier vous est confié' : `${n} nouveaux dossiers vous sont confiés`} pour l’appel « ${callTitle} ».`,
    open: 'Voir le dossier',
    list: 'Vos évaluations',
  },
};

export type AssignmentMessages = typeof assignmentFr;
