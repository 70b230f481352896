/** The words of the call form schema (builder errors) and of answer validation, in French (the reference). */

/** 1234.5 → « 1 234,5 » (narrow no-break space between thousands, as French typography wants). */
export function frenchNumber(n: number): string {
  return n.toLocaleString('fr-FR', { maximumFractionDigits: 10 });
}

/** 123450 cents → « 1 234,50 € ». */
export function frenchEuros(cents: number): string {
  return `${(cents / 100).toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}\u00a0€`;
}

/** '2024-02-01' → '01/02/2024'. */
export function frenchDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** 10485760 → « 10 Mo ». */
export function frenchSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${frenchNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10)} Mo`;
  if (bytes >= 1024) return `${frenchNumber(Math.round((bytes / 1024) * 10) / 10)} ko`;
  return `${bytes} octets`;
}

export const callsFormFr = {
  schema: {
    /** How a field, a section or a rule is named in a message. */
    fieldName: (label: string, id: string) => `Le champ « ${label} » (${id})`,
    sectionName: (title: string, id: string) => `La section « ${title} » (${id})`,
    ruleName: (id: string) => `La règle d’éligibilité « ${id} »`,
    duplicateId: (id: string) =>
      `L’identifiant « ${id} » est utilisé plusieurs fois : chaque section, champ et règle doit avoir le sien.`,
    unknownReference: (who: string, ref: string) =>
      `${who} : la condition porte sur le champ « ${ref} », qui n’existe pas dans le formulaire.`,
    laterReference: (who: string, ref: string) =>
      `${who} : la condition porte sur le champ « ${ref} », qui doit être placé avant lui.`,
    blockReference: (who: string, ref: string) =>
      `${who} : la condition porte sur le champ « ${ref} », qui est dans un bloc répétable ; une condition ne peut porter que sur un champ hors bloc.`,
    headingReference: (who: string, ref: string) =>
      `${who} : la condition porte sur « ${ref} », un intertitre sans réponse.`,
    badOperator: (who: string, ref: string, op: string) =>
      `${who} : l’opérateur « ${op} » ne s’applique pas au type du champ « ${ref} ».`,
    badValue: (who: string, ref: string) =>
      `${who} : la valeur de la condition ne correspond pas au type du champ « ${ref} » (un nombre pour un nombre ou un montant en centimes, un texte sinon).`,
    unknownOptionValue: (who: string, ref: string, value: string) =>
      `${who} : la valeur « ${value} » n’est pas une option du champ « ${ref} ».`,
    duplicateOption: (who: string, value: string) =>
      `${who} : la valeur d’option « ${value} » est utilisée plusieurs fois.`,
    noOptions: (who: string) => `${who} : ajoutez au moins une option.`,
    minAboveMax: (who: string, min: string, max: string) =>
      `${who} : le minimum (${min}) dépasse le maximum (${max}).`,
    tooManySelectionsAllowed: (who: string, n: number, options: number) =>
      `${who} : le nombre minimum de cases à cocher (${n}) dépasse le nombre d’options (${options}).`,
    stepNotPositive: (who: string) => `${who} : le pas doit être un nombre strictement positif.`,
    limitAboveCap: (who: string, cap: number) =>
      `${who} : la longueur maximale ne peut pas dépasser ${cap} caractères.`,
    invalid: 'La définition du formulaire est invalide.',
  },
  answers: {
    required: 'Ce champ est obligatoire.',
    notText: 'La réponse doit être un texte.',
    tooShort: (n: number) => `Saisissez au moins ${n} caractère${n > 1 ? 's' : ''}.`,
    tooLong: (n: number) => `Saisissez au plus ${n} caractère${n > 1 ? 's' : ''}.`,
    notNumber: 'Saisissez un nombre, par exemple 1 234,50.',
    numberMin: (n: number) => `Saisissez un nombre supérieur ou égal à ${frenchNumber(n)}.`,
    numberMax: (n: number) => `Saisissez un nombre inférieur ou égal à ${frenchNumber(n)}.`,
    numberStep: (step: number) => `Saisissez un multiple de ${frenchNumber(step)}.`,
    notMoney:
      'Saisissez un montant en euros, avec au plus deux chiffres après la virgule, par exemple 1 234,50.',
    moneyMin: (cents: number) => `Saisissez un montant d’au moins ${frenchEuros(cents)}.`,
    moneyMax: (cents: number) => `Saisissez un montant d’au plus ${frenchEuros(cents)}.`,
    notDate: 'Saisissez une date réelle au format jj/mm/aaaa, par exemple 14/07/2024.',
    dateMin: (iso: string) => `Saisissez une date à partir du ${frenchDate(iso)}.`,
    dateMax: (iso: string) => `Saisissez une date jusqu’au ${frenchDate(iso)} au plus tard.`,
    notOption: 'Choisissez une des options proposées.',
    tooFewSelections: (n: number) =>
      n > 1 ? `Cochez au moins ${n} options.` : 'Cochez au moins une option.',
    tooManySelections: (n: number) => (n > 1 ? `Cochez au plus ${n} options.` : 'Cochez une seule option.'),
    notYesNo: 'Répondez par oui ou par non.',
    notEmail: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.',
    notPhone:
      'Saisissez un numéro de téléphone français valide, par exemple 06 12 34 56 78 ou +33 6 12 34 56 78.',
    notUrl:
      'Saisissez une adresse web complète commençant par http:// ou https://, par exemple https://exemple.fr.',
    notSiret: 'Saisissez un numéro SIRET valide : 14 chiffres, par exemple 130 025 265 00013.',
    notCommune: 'Saisissez un code commune INSEE de 5 caractères, par exemple 75056 ou 2A004.',
    notAttachment: 'Le fichier joint est invalide : joignez-le à nouveau.',
    attachmentType: (types: readonly string[]) =>
      `Ce type de fichier n’est pas accepté. Formats acceptés : ${types.join(', ')}.`,
    attachmentSize: (max: number) => `Le fichier ne doit pas dépasser ${frenchSize(max)}.`,
    notBlock: 'La réponse à ce bloc est invalide.',
    tooFewOccurrences: (n: number) =>
      n > 1 ? `Ajoutez au moins ${n} éléments.` : 'Ajoutez au moins un élément.',
    tooManyOccurrences: (n: number) =>
      n > 1 ? `Ajoutez au plus ${n} éléments.` : 'Ajoutez un seul élément.',
  },
  export: {
    yes: 'Oui',
    no: 'Non',
    /** One occurrence of a repeatable block in an export cell: « 1. Nom : A ; SIRET : 123 ». */
    occurrence: (index: number, parts: readonly string[]) => `${index}. ${parts.join(' ; ')}`,
    part: (label: string, value: string) => `${label} : ${value}`,
    occurrenceSeparator: ' | ',
    selectionSeparator: ' ; ',
  },
};

export type CallsFormMessages = typeof callsFormFr;
