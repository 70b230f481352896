import { type CallForm, type CallFormInput, callFormSchema } from './calls.form.js';

/**
 * A sample form (the « Pionniers French Impact » application): used by the demo data and by the tests of
 * every module that needs a realistic form (a conditional field, an eligibility rule, an attachment, a
 * repeatable block).
 */
export const PIONNIERS_ELIGIBILITY_REASON =
  'Seules les structures créées depuis plus de deux ans peuvent candidater.';

/** The « Pionniers French Impact » call, as an administrator would build it. */
export const pionniersInput: CallFormInput = {
  version: 1,
  sections: [
    {
      id: 'identite',
      title: 'Identité du projet',
      description: 'Présentez la structure qui porte le projet.',
      fields: [
        { id: 'nom_projet', type: 'text', label: 'Nom du projet', required: true, maxLength: 120 },
        {
          id: 'resume',
          type: 'long_text',
          label: 'Résumé du projet',
          hint: 'En quelques lignes : le besoin social, la solution, l’impact.',
          required: true,
          minLength: 20,
          maxLength: 2000,
        },
        { id: 'siret_porteur', type: 'siret', label: 'SIRET de la structure porteuse', required: true },
        { id: 'commune', type: 'commune', label: 'Commune du siège', required: true },
        { id: 'site_web', type: 'url', label: 'Site web' },
        { id: 'courriel', type: 'email', label: 'Adresse e-mail de contact', required: true },
        { id: 'telephone', type: 'phone', label: 'Téléphone' },
        {
          id: 'statut',
          type: 'choice',
          label: 'Statut juridique',
          required: true,
          options: [
            { value: 'association', label: 'Association' },
            { value: 'cooperative', label: 'Coopérative (SCOP, SCIC)' },
            { value: 'entreprise', label: 'Entreprise de l’ESS' },
          ],
        },
        {
          id: 'domaines',
          type: 'multiple_choice',
          label: 'Domaines d’action',
          options: [
            { value: 'emploi', label: 'Emploi' },
            { value: 'sante', label: 'Santé' },
            { value: 'education', label: 'Éducation' },
            { value: 'environnement', label: 'Environnement' },
          ],
          minSelections: 1,
          maxSelections: 2,
        },
      ],
    },
    {
      id: 'maturite',
      title: 'Maturité de la structure',
      fields: [
        {
          id: 'plus_de_deux_ans',
          type: 'yes_no',
          label: 'La structure existe-t-elle depuis plus de deux ans ?',
          required: true,
        },
        {
          id: 'date_creation',
          type: 'date',
          label: 'Date de création',
          required: true,
          maxDate: '2026-12-31',
          showIf: { field: 'plus_de_deux_ans', op: 'is_yes' },
        },
        { id: 'salaries', type: 'number', label: 'Salariés (équivalents temps plein)', min: 0, step: 0.5 },
      ],
    },
    {
      id: 'projet',
      title: 'Projet',
      fields: [
        { id: 'intertitre_budget', type: 'heading', label: 'Budget et partenaires' },
        {
          id: 'budget',
          type: 'money',
          label: 'Budget prévisionnel',
          required: true,
          minCents: 100_000,
          maxCents: 1_000_000_000,
        },
        {
          id: 'partenaires',
          type: 'repeatable_block',
          label: 'Partenaires',
          required: true,
          minOccurrences: 1,
          maxOccurrences: 3,
          fields: [
            { id: 'partenaire_nom', type: 'text', label: 'Nom', required: true },
            { id: 'partenaire_siret', type: 'siret', label: 'SIRET', required: true },
          ],
        },
        {
          id: 'plan_financement',
          type: 'attachment',
          label: 'Plan de financement',
          required: true,
          allowedTypes: ['application/pdf'],
          maxSize: 10 * 1024 * 1024,
        },
      ],
    },
  ],
  eligibility: [
    {
      id: 'anciennete',
      condition: { field: 'plus_de_deux_ans', op: 'is_yes' },
      reason: PIONNIERS_ELIGIBILITY_REASON,
    },
  ],
};

export const PIONNIERS_FORM: CallForm = callFormSchema.parse(pionniersInput);
