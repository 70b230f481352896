import type { ImpactDomain, LegalForm, SizeBand } from './organisations.vocabulary.js';
import { IMPACT_DOMAIN_LABELS, LEGAL_FORM_LABELS, SIZE_BANDS } from './organisations.vocabulary.js';

/** « 123 456 789 », « 123 456 789 00012 »: an identifier as people read it. */
export function groupDigits(id: string): string {
  if (/^[0-9]{9}$/.test(id)) return `${id.slice(0, 3)} ${id.slice(3, 6)} ${id.slice(6)}`;
  if (/^[0-9]{14}$/.test(id)) return `${id.slice(0, 3)} ${id.slice(3, 6)} ${id.slice(6, 9)} ${id.slice(9)}`;
  return id;
}

/** The words of the organisation pages, in French (the reference). */
export const organisationsFr = {
  home: 'Accueil',
  directory: 'Annuaire',
  legalForms: LEGAL_FORM_LABELS as Record<LegalForm, string>,
  domains: IMPACT_DOMAIN_LABELS as Record<ImpactDomain, string>,
  sizeBands: SIZE_BANDS as Record<SizeBand, string>,
  fields: {
    identity: 'Identité',
    name: 'Nom de l’organisation',
    nameHint: 'Le nom d’usage, tel que le public le connaît.',
    legalForm: 'Forme',
    legalFormPlaceholder: 'Choisir une forme',
    categorie: 'Catégorie juridique INSEE',
    categorieHint: 'Facultatif. 4 chiffres, par exemple 9220 pour une association déclarée.',
    identifiers: 'Identifiants officiels',
    identifiersHint: 'Facultatifs, mais ils évitent les doublons et facilitent vos démarches.',
    siren: 'SIREN',
    sirenHint: '9 chiffres, les espaces sont acceptés.',
    siret: 'SIRET du siège',
    siretHint: '14 chiffres : le SIREN suivi des 5 chiffres de l’établissement.',
    rna: 'Numéro RNA',
    rnaHint: 'Associations seulement : W suivi de 9 chiffres.',
    naf: 'Code NAF (activité principale)',
    nafHint: 'Par exemple 88.99B.',
    location: 'Adresse',
    address: 'Adresse',
    addressHint: 'Numéro et voie.',
    postalCode: 'Code postal',
    commune: 'Commune',
    communeHint: 'Son nom, son code postal ou son code INSEE.',
    communeChoice: 'Laquelle de ces communes ?',
    presentation: 'Présentation',
    domains: 'Domaines d’impact',
    domainsHint: 'Cochez un ou plusieurs domaines.',
    description: 'Description',
    descriptionHint: 'Ce que fait l’organisation, pour qui, où. 5 000 caractères au plus.',
    website: 'Site internet',
    websiteHint: 'Par exemple https://www.exemple.fr',
    sizeBand: 'Effectif salarié',
    sizeBandPlaceholder: 'Non renseigné',
    foundedYear: 'Année de création',
    foundedYearHint: 'Par exemple 1998.',
    contact: 'Contact',
    contactEmail: 'Adresse e-mail de contact',
    contactPhone: 'Téléphone de contact',
    showContact: 'Afficher ces coordonnées sur la page publique de l’organisation',
    showContactHint: 'Sans cette case, seuls les membres de l’organisation les voient.',
    notDuplicate: 'Il ne s’agit pas de la même organisation',
  },
  create: {
    title: 'Créer une organisation',
    lead: 'Présentez votre organisation : vous en deviendrez propriétaire et pourrez inviter d’autres membres.',
    submit: 'Créer l’organisation',
  },
  edit: {
    title: (name: string) => `Modifier ${name}`,
    lead: 'Les informations publiques apparaissent sur la page de l’organisation et dans l’annuaire.',
    submit: 'Enregistrer',
    cancel: 'Annuler',
    saved: 'Les modifications ont été enregistrées.',
    created: 'L’organisation a été créée. Vous en êtes propriétaire.',
  },
  duplicates: {
    identifierTitle: 'Cette organisation existe déjà',
    identifierLead:
      'Une organisation porte déjà cet identifiant. Si vous en faites partie, demandez à la gérer plutôt que d’en créer une autre.',
    identifierLeadEdit:
      'Une autre organisation porte déjà cet identifiant : vérifiez ce que vous avez saisi.',
    claim: 'Demander à gérer cette organisation',
    view: 'Voir la page',
    closeTitle: 'Une organisation au nom proche existe dans cette commune',
    closeLead:
      'Vérifiez qu’il ne s’agit pas de la vôtre. Si c’est une autre organisation, cochez la case ci-dessous puis envoyez à nouveau le formulaire.',
    confirmRequired: 'Cochez cette case si votre organisation n’est aucune de celles-ci.',
    bySiren: (siren: string) => `SIREN ${groupDigits(siren)}`,
    byRna: (rna: string) => `RNA ${rna}`,
  },
  errors: {
    nameRequired: 'Indiquez le nom de l’organisation.',
    nameTooLong: 'Le nom doit faire 200 caractères au plus.',
    legalForm: 'Choisissez la forme de l’organisation.',
    controlCharacters: 'Ce champ contient des caractères non autorisés.',
    tooLong: (max: number) => `Ce champ doit faire ${max} caractères au plus.`,
    categorieFormat: 'La catégorie juridique INSEE s’écrit avec 4 chiffres, par exemple 9220.',
    categorieMismatch: (code: string, label: string, form: string) =>
      `La catégorie juridique ${code} (${label}) ne correspond pas à la forme « ${form} ».`,
    sirenDigits: (typed: string) => `Le SIREN doit comporter 9 chiffres (vous avez saisi « ${typed} »).`,
    sirenKey: (siren: string) =>
      `Le SIREN ${groupDigits(siren)} n’est pas valide : la clé de contrôle ne correspond pas.`,
    siretDigits: (typed: string) => `Le SIRET doit comporter 14 chiffres (vous avez saisi « ${typed} »).`,
    siretKey: (siret: string) =>
      `Le SIRET ${groupDigits(siret)} n’est pas valide : la clé de contrôle ne correspond pas.`,
    siretNotSiren: (siret: string, siren: string) =>
      `Le SIRET ${groupDigits(siret)} ne commence pas par le SIREN ${groupDigits(siren)}.`,
    rnaFormat: (typed: string) =>
      `Le numéro RNA « ${typed} » n’est pas valide : il s’écrit W suivi de 9 chiffres, par exemple W751234567.`,
    rnaNotAssociation:
      'Seule une association a un numéro RNA : choisissez la forme « Association » ou videz ce champ.',
    nafFormat: (typed: string) =>
      `Le code NAF « ${typed} » n’est pas valide : il s’écrit 2 chiffres, un point, 2 chiffres et une lettre, par exemple 88.99B.`,
    postalCodeFormat: 'Le code postal s’écrit avec 5 chiffres, par exemple 69001.',
    postalCodeMismatch: (postalCode: string, commune: string) =>
      `Le code postal ${postalCode} n’est pas celui de la commune ${commune}.`,
    communeRequired: 'Indiquez la commune : son nom, son code postal ou son code INSEE.',
    communeUnknown: (typed: string) =>
      `Aucune commune ne correspond à « ${typed} ». Vérifiez l’orthographe, ou saisissez son code postal.`,
    communeAmbiguous: (typed: string) =>
      `Plusieurs communes correspondent à « ${typed} » : choisissez la vôtre dans la liste.`,
    domains: 'Un des domaines cochés n’existe pas.',
    descriptionTooLong: 'La description doit faire 5 000 caractères au plus.',
    website:
      'L’adresse du site n’est pas valide : elle commence par https:// ou http://, par exemple https://www.exemple.fr.',
    sizeBand: 'Choisissez un effectif dans la liste.',
    foundedYear: (max: number) => `L’année de création doit être un nombre entre 1000 et ${max}.`,
    email: 'L’adresse e-mail de contact n’est pas valide : elle s’écrit nom@domaine.fr.',
    phone:
      'Le numéro de téléphone n’est pas valide : chiffres, espaces, points, tirets et + seulement, par exemple 01 23 45 67 89.',
    sirenTaken: (siren: string) => `Une organisation porte déjà le SIREN ${groupDigits(siren)}.`,
    siretTaken: (siret: string) => `Une organisation porte déjà le SIRET ${groupDigits(siret)}.`,
    rnaTaken: (rna: string) => `Une organisation porte déjà le numéro RNA ${rna}.`,
  },
  profile: {
    closed: 'Cette organisation a cessé son activité.',
    closedSince: (date: string) => `Cette organisation a cessé son activité le ${date}.`,
    edit: 'Modifier',
    legalForm: 'Forme',
    categorie: 'Catégorie juridique',
    siren: 'SIREN',
    siret: 'SIRET',
    rna: 'Numéro RNA',
    naf: 'Activité principale (NAF)',
    address: 'Adresse',
    commune: 'Commune',
    departement: 'Département',
    region: 'Région',
    domains: 'Domaines d’impact',
    website: 'Site internet',
    websiteNewWindow: 'nouvelle fenêtre',
    foundedYear: 'Année de création',
    sizeBand: 'Effectif salarié',
    contact: 'Contact',
    email: 'E-mail',
    phone: 'Téléphone',
    about: 'Présentation',
    details: 'Informations',
    noDescription: 'Cette organisation n’a pas encore rédigé sa présentation.',
    members: 'Membres',
    membersLead: 'Visible des seuls membres de l’organisation et des administrateurs.',
    memberName: 'Nom',
    memberRole: 'Rôle',
    roles: { owner: 'Propriétaire', editor: 'Éditeur' } as Record<'owner' | 'editor', string>,
    movementMember: 'Membre du mouvement French Impact',
    manageMembers: 'Gérer les membres et les invitations',
    movement: 'Adhésion au mouvement French Impact',
    claimLead: 'Vous représentez cette organisation ?',
    claim: 'Demander à gérer cette fiche',
    logoAlt: (name: string) => `Logo de ${name}`,
    privateContact: 'Coordonnées visibles des seuls membres (non publiées).',
  },
  logo: {
    title: 'Logo',
    current: 'Logo actuel',
    none: 'Aucun logo pour l’instant.',
    field: 'Choisir une image',
    hint: 'Elle sera réduite à 400 × 400 pixels au plus.',
    submit: 'Envoyer le logo',
    remove: 'Supprimer le logo',
    saved: 'Le logo a été enregistré.',
    removed: 'Le logo a été supprimé.',
    missing: 'Choisissez une image à envoyer.',
    notImage: 'Le fichier n’est pas une image PNG, JPEG, WebP ou GIF.',
    unreadable: 'Le fichier n’a pas pu être lu en entier : envoyez-le à nouveau.',
    tooLarge: 'Le fichier dépasse 2 Mo : choisissez une image plus légère.',
    tooManyPixels:
      'L’image est trop grande (plus de 40 millions de pixels) : réduisez-la avant de l’envoyer.',
  },
};

export type OrganisationsMessages = typeof organisationsFr;
