import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { PIONNIERS_ELIGIBILITY_REASON, PIONNIERS_FORM } from './calls.form.sample.js';
import {
  type CallForm,
  callFormSchema,
  checkEligibility,
  exportColumns,
  exportRow,
  type FormField,
  type FormValues,
  parseCallForm,
  validateAnswers,
  visibleFields,
  visibleSections,
} from './index.js';

const REASON = PIONNIERS_ELIGIBILITY_REASON;
const pionniers: CallForm = PIONNIERS_FORM;

const PDF = { fileId: 'f_0123456789', name: 'plan.pdf', size: 120_000, type: 'application/pdf' };

/** A complete application, as typed in the browser. */
const typed = {
  nom_projet: '  Cantine solidaire  ',
  resume: 'Une cantine où chacun paie selon ses moyens,\r\nouverte à tous.',
  siret_porteur: '130 025 265 00013',
  commune: '2a004',
  site_web: 'https://cantine.example.fr',
  courriel: 'contact@cantine.example.fr',
  telephone: '+33 6 12 34 56 78',
  statut: 'association',
  domaines: ['sante', 'emploi'],
  plus_de_deux_ans: 'oui',
  date_creation: '14/07/2015',
  salaries: '3,5',
  budget: '1 234 567,5',
  partenaires: [
    { partenaire_nom: 'La Poste', partenaire_siret: '356 000 000 00048' },
    { partenaire_nom: '', partenaire_siret: '' },
    { partenaire_nom: 'Danone', partenaire_siret: '73282932000074' },
  ],
  plan_financement: PDF,
};

const normalised: FormValues = {
  nom_projet: 'Cantine solidaire',
  resume: 'Une cantine où chacun paie selon ses moyens,\nouverte à tous.',
  siret_porteur: '13002526500013',
  commune: '2A004',
  site_web: 'https://cantine.example.fr',
  courriel: 'contact@cantine.example.fr',
  telephone: '06 12 34 56 78',
  statut: 'association',
  domaines: ['emploi', 'sante'],
  plus_de_deux_ans: true,
  date_creation: '2015-07-14',
  salaries: 3.5,
  budget: 123_456_750,
  partenaires: [
    { partenaire_nom: 'La Poste', partenaire_siret: '35600000000048' },
    { partenaire_nom: 'Danone', partenaire_siret: '73282932000074' },
  ],
  plan_financement: PDF,
};

describe('the Pionniers French Impact form', () => {
  test('a complete application is accepted and normalised', () => {
    const result = validateAnswers(pionniers, typed, { mode: 'submit' });
    assert.deepEqual(result.errors, {});
    assert.deepEqual(result.values, normalised);
    assert.deepEqual(checkEligibility(pionniers, typed), []);
  });

  test('an empty draft has no error; submitting it lists every required field', () => {
    assert.deepEqual(validateAnswers(pionniers, {}, { mode: 'draft' }), { values: {}, errors: {} });
    const { errors } = validateAnswers(pionniers, {}, { mode: 'submit' });
    const required = 'Ce champ est obligatoire.';
    assert.deepEqual(errors, {
      nom_projet: required,
      resume: required,
      siret_porteur: required,
      commune: required,
      courriel: required,
      statut: required,
      plus_de_deux_ans: required,
      budget: required,
      partenaires: required,
      plan_financement: required,
    });
    // date_creation is required but hidden until « Oui »: not asked for.
    assert.equal((errors as Record<string, string>).date_creation, undefined);
  });

  test('a draft keeps what is valid and reports what is malformed, not what is missing', () => {
    const { values, errors } = validateAnswers(
      pionniers,
      { nom_projet: 'Cantine', resume: 'Trop court', budget: 'mille euros', commune: '7505' },
      { mode: 'draft' },
    );
    assert.deepEqual(values, { nom_projet: 'Cantine', resume: 'Trop court' });
    assert.deepEqual(errors, {
      commune: 'Saisissez un code commune INSEE de 5 caractères, par exemple 75056 ou 2A004.',
      budget:
        'Saisissez un montant en euros, avec au plus deux chiffres après la virgule, par exemple 1 234,50.',
    });
    const submitted = validateAnswers(pionniers, { resume: 'Trop court' }, { mode: 'submit' });
    assert.equal(submitted.errors.resume, 'Saisissez au moins 20 caractères.');
  });

  test('a hidden field is neither required nor kept, even when malformed', () => {
    const answers = { ...typed, plus_de_deux_ans: 'non', date_creation: '31/02/2015' };
    const { values, errors } = validateAnswers(pionniers, answers, { mode: 'submit' });
    assert.deepEqual(errors, {});
    assert.equal('date_creation' in values, false);
    assert.equal(values.plus_de_deux_ans, false);
    // Changing the earlier answer back shows the field again, with its check.
    const back = validateAnswers(pionniers, { ...answers, plus_de_deux_ans: true }, { mode: 'submit' });
    assert.equal(
      back.errors.date_creation,
      'Saisissez une date réelle au format jj/mm/aaaa, par exemple 14/07/2024.',
    );
  });

  test('the eligibility rule blocks with its reason until the answer is « Oui »', () => {
    assert.deepEqual(checkEligibility(pionniers, { ...typed, plus_de_deux_ans: 'non' }), [REASON]);
    assert.deepEqual(checkEligibility(pionniers, {}), [REASON]);
    assert.deepEqual(checkEligibility(pionniers, { plus_de_deux_ans: true }), []);
  });

  test('visible fields and sections follow the answers', () => {
    const ids = (answers: unknown) => visibleFields(pionniers, answers).map((f) => f.id);
    assert.equal(ids({ plus_de_deux_ans: 'non' }).includes('date_creation'), false);
    assert.equal(ids({ plus_de_deux_ans: 'oui' }).includes('date_creation'), true);
    assert.equal(ids({}).includes('intertitre_budget'), true);
    assert.deepEqual(visibleSections(pionniers, {}), ['identite', 'maturite', 'projet']);
  });

  test('errors inside a repeatable block name the occurrence and the field', () => {
    const { values, errors } = validateAnswers(
      pionniers,
      {
        ...typed,
        partenaires: [
          { partenaire_nom: 'Sans SIRET' },
          { partenaire_nom: 'Mauvais SIRET', partenaire_siret: '13002526500014' },
        ],
      },
      { mode: 'submit' },
    );
    assert.deepEqual(errors, {
      'partenaires.0.partenaire_siret': 'Ce champ est obligatoire.',
      'partenaires.1.partenaire_siret':
        'Saisissez un numéro SIRET valide : 14 chiffres, par exemple 130 025 265 00013.',
    });
    assert.deepEqual(values.partenaires, [
      { partenaire_nom: 'Sans SIRET' },
      { partenaire_nom: 'Mauvais SIRET' },
    ]);
  });

  test('a block refuses more occurrences than allowed, and fewer on submission', () => {
    const partner = { partenaire_nom: 'P', partenaire_siret: '13002526500013' };
    const many = validateAnswers(
      pionniers,
      { partenaires: [partner, partner, partner, partner] },
      { mode: 'draft' },
    );
    assert.equal(many.errors.partenaires, 'Ajoutez au plus 3 éléments.');
    assert.equal('partenaires' in many.values, false);
    assert.equal(
      validateAnswers(pionniers, { partenaires: 'x' }, { mode: 'draft' }).errors.partenaires,
      'La réponse à ce bloc est invalide.',
    );
  });

  test('export: one column per answering field, cells in French', () => {
    const columns = exportColumns(pionniers);
    assert.deepEqual(
      columns.map((c) => c.key),
      [
        'nom_projet',
        'resume',
        'siret_porteur',
        'commune',
        'site_web',
        'courriel',
        'telephone',
        'statut',
        'domaines',
        'plus_de_deux_ans',
        'date_creation',
        'salaries',
        'budget',
        'partenaires',
        'plan_financement',
      ],
    );
    assert.equal(columns[9]?.header, 'La structure existe-t-elle depuis plus de deux ans ?');
    const row = exportRow(pionniers, normalised);
    assert.equal(row.length, columns.length);
    const byKey = Object.fromEntries(columns.map((c, i) => [c.key, row[i]]));
    assert.equal(byKey.budget, '1234567,50');
    assert.equal(byKey.date_creation, '14/07/2015');
    assert.equal(byKey.statut, 'Association');
    assert.equal(byKey.domaines, 'Emploi ; Santé');
    assert.equal(byKey.plus_de_deux_ans, 'Oui');
    assert.equal(byKey.salaries, '3,5');
    assert.equal(byKey.plan_financement, 'plan.pdf');
    assert.equal(
      byKey.partenaires,
      '1. Nom : La Poste ; SIRET : 35600000000048 | 2. Nom : Danone ; SIRET : 73282932000074',
    );
    assert.equal(exportRow(pionniers, { plus_de_deux_ans: false, budget: 5 })[9], 'Non');
    assert.equal(exportRow(pionniers, { budget: 5 })[12], '0,05');
    assert.deepEqual(
      exportRow(pionniers, {}),
      columns.map(() => ''),
    );
    const linked = exportRow(pionniers, normalised, {
      attachment: (ref) => `https://exemple.fr/f/${ref.fileId}`,
    });
    assert.equal(linked[14], 'https://exemple.fr/f/f_0123456789');
  });
});

/** A one-field form, to check a field type alone. */
function single(field: Record<string, unknown>): CallForm {
  return callFormSchema.parse({
    version: 1,
    sections: [
      { id: 's', title: 'Section', fields: [{ id: 'f', label: 'Champ', required: true, ...field }] },
    ],
  });
}

function check(form: CallForm, raw: unknown, mode: 'draft' | 'submit' = 'submit') {
  const { values, errors } = validateAnswers(form, { f: raw }, { mode });
  return errors.f !== undefined ? { error: errors.f } : { value: values.f };
}

type Row = [raw: unknown, expected: { value: unknown } | { error: string }];

const TABLES: [string, Record<string, unknown>, Row[]][] = [
  [
    'text',
    { type: 'text', minLength: 2, maxLength: 5 },
    [
      ['  abc ', { value: 'abc' }],
      ['a\u0000b\nc', { value: 'a b c' }],
      ['a', { error: 'Saisissez au moins 2 caractères.' }],
      ['abcdef', { error: 'Saisissez au plus 5 caractères.' }],
      [12, { error: 'La réponse doit être un texte.' }],
      ['   ', { error: 'Ce champ est obligatoire.' }],
    ],
  ],
  [
    'long_text',
    { type: 'long_text', maxLength: 10 },
    [
      ['a\r\nb', { value: 'a\nb' }],
      ['😀😀😀😀😀😀😀😀😀😀', { value: '😀😀😀😀😀😀😀😀😀😀' }],
      ['12345678901', { error: 'Saisissez au plus 10 caractères.' }],
    ],
  ],
  [
    'number',
    { type: 'number', min: 0, max: 10_000, step: 0.5 },
    [
      ['1 234,5', { value: 1234.5 }],
      ['1\u202f000', { value: 1000 }],
      [7, { value: 7 }],
      ['abc', { error: 'Saisissez un nombre, par exemple 1 234,50.' }],
      ['1.234,5', { error: 'Saisissez un nombre, par exemple 1 234,50.' }],
      ['-1', { error: 'Saisissez un nombre supérieur ou égal à 0.' }],
      ['10 001', { error: 'Saisissez un nombre inférieur ou égal à 10\u202f000.' }],
      ['1,25', { error: 'Saisissez un multiple de 0,5.' }],
    ],
  ],
  [
    'money',
    { type: 'money', minCents: 100, maxCents: 100_000_00 },
    [
      ['1 234,50', { value: 123_450 }],
      ['1234.5 €', { value: 123_450 }],
      ['12', { value: 1200 }],
      [500, { value: 500 }],
      [
        '1,234',
        {
          error:
            'Saisissez un montant en euros, avec au plus deux chiffres après la virgule, par exemple 1 234,50.',
        },
      ],
      [
        '-5',
        {
          error:
            'Saisissez un montant en euros, avec au plus deux chiffres après la virgule, par exemple 1 234,50.',
        },
      ],
      ['0,99', { error: 'Saisissez un montant d’au moins 1,00\u00a0€.' }],
      ['100 000,01', { error: 'Saisissez un montant d’au plus 100\u202f000,00\u00a0€.' }],
    ],
  ],
  [
    'date',
    { type: 'date', minDate: '2000-01-01', maxDate: '2030-12-31' },
    [
      ['2024-02-29', { value: '2024-02-29' }],
      ['1/2/2024', { value: '2024-02-01' }],
      ['2023-02-29', { error: 'Saisissez une date réelle au format jj/mm/aaaa, par exemple 14/07/2024.' }],
      ['31/04/2024', { error: 'Saisissez une date réelle au format jj/mm/aaaa, par exemple 14/07/2024.' }],
      ['1999-12-31', { error: 'Saisissez une date à partir du 01/01/2000.' }],
      ['2031-01-01', { error: 'Saisissez une date jusqu’au 31/12/2030 au plus tard.' }],
    ],
  ],
  [
    'choice',
    {
      type: 'choice',
      options: [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
      ],
    },
    [
      ['b', { value: 'b' }],
      ['c', { error: 'Choisissez une des options proposées.' }],
      [['a'], { error: 'Choisissez une des options proposées.' }],
    ],
  ],
  [
    'multiple_choice',
    {
      type: 'multiple_choice',
      minSelections: 2,
      maxSelections: 2,
      options: [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
        { value: 'c', label: 'C' },
      ],
    },
    [
      [['c', 'a', 'a'], { value: ['a', 'c'] }],
      ['a', { error: 'Cochez au moins 2 options.' }],
      [['a', 'b', 'c'], { error: 'Cochez au plus 2 options.' }],
      [['a', 'z'], { error: 'Choisissez une des options proposées.' }],
      [[''], { error: 'Ce champ est obligatoire.' }],
    ],
  ],
  [
    'yes_no',
    { type: 'yes_no' },
    [
      ['Oui', { value: true }],
      ['non', { value: false }],
      [false, { value: false }],
      ['peut-être', { error: 'Répondez par oui ou par non.' }],
    ],
  ],
  [
    'email',
    { type: 'email' },
    [
      [' nom@exemple.fr ', { value: 'nom@exemple.fr' }],
      ['nom@exemple', { error: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.' }],
      ['nom @exemple.fr', { error: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.' }],
    ],
  ],
  [
    'phone',
    { type: 'phone' },
    [
      ['0612345678', { value: '06 12 34 56 78' }],
      ['01.23.45.67.89', { value: '01 23 45 67 89' }],
      ['+33 (0)1 23 45 67 89', { value: '01 23 45 67 89' }],
      ['0033 6 12 34 56 78', { value: '06 12 34 56 78' }],
      ['+262 692 12 34 56', { value: '+262692123456' }],
      [
        '06 12 34 56',
        {
          error:
            'Saisissez un numéro de téléphone français valide, par exemple 06 12 34 56 78 ou +33 6 12 34 56 78.',
        },
      ],
      [
        '+44 20 7946 0958',
        {
          error:
            'Saisissez un numéro de téléphone français valide, par exemple 06 12 34 56 78 ou +33 6 12 34 56 78.',
        },
      ],
    ],
  ],
  [
    'url',
    { type: 'url' },
    [
      ['https://exemple.fr/page?x=1', { value: 'https://exemple.fr/page?x=1' }],
      ['http://exemple.fr', { value: 'http://exemple.fr' }],
      [
        'javascript:alert(1)',
        {
          error:
            'Saisissez une adresse web complète commençant par http:// ou https://, par exemple https://exemple.fr.',
        },
      ],
      [
        'exemple.fr',
        {
          error:
            'Saisissez une adresse web complète commençant par http:// ou https://, par exemple https://exemple.fr.',
        },
      ],
      [
        'ftp://exemple.fr',
        {
          error:
            'Saisissez une adresse web complète commençant par http:// ou https://, par exemple https://exemple.fr.',
        },
      ],
    ],
  ],
  [
    'siret',
    { type: 'siret' },
    [
      ['130 025 265 00013', { value: '13002526500013' }],
      [
        '13002526500014',
        { error: 'Saisissez un numéro SIRET valide : 14 chiffres, par exemple 130 025 265 00013.' },
      ],
      [
        '130025265',
        { error: 'Saisissez un numéro SIRET valide : 14 chiffres, par exemple 130 025 265 00013.' },
      ],
    ],
  ],
  [
    'commune',
    { type: 'commune' },
    [
      ['75056', { value: '75056' }],
      ['2b033', { value: '2B033' }],
      ['97411', { value: '97411' }],
      ['7505', { error: 'Saisissez un code commune INSEE de 5 caractères, par exemple 75056 ou 2A004.' }],
      ['2C001', { error: 'Saisissez un code commune INSEE de 5 caractères, par exemple 75056 ou 2A004.' }],
    ],
  ],
  [
    'attachment',
    { type: 'attachment', allowedTypes: ['application/pdf', 'image/*'], maxSize: 1024 * 1024 },
    [
      [PDF, { value: PDF }],
      [{ ...PDF, type: 'IMAGE/PNG', extra: 1 }, { value: { ...PDF, type: 'image/png' } }],
      [
        { ...PDF, type: 'text/html' },
        { error: 'Ce type de fichier n’est pas accepté. Formats acceptés : application/pdf, image/*.' },
      ],
      [{ ...PDF, size: 2 * 1024 * 1024 }, { error: 'Le fichier ne doit pas dépasser 1 Mo.' }],
      [
        { ...PDF, fileId: '../etc/passwd' },
        { error: 'Le fichier joint est invalide : joignez-le à nouveau.' },
      ],
      ['plan.pdf', { error: 'Le fichier joint est invalide : joignez-le à nouveau.' }],
    ],
  ],
];

describe('each field type', () => {
  for (const [name, field, rows] of TABLES) {
    test(name, () => {
      const form = single(field);
      for (const [raw, expected] of rows) {
        assert.deepEqual(check(form, raw), expected, `${name}: ${JSON.stringify(raw)}`);
      }
      assert.deepEqual(check(form, undefined), { error: 'Ce champ est obligatoire.' });
      assert.deepEqual(check(form, undefined, 'draft'), { value: undefined });
    });
  }

  test('too short and too few are only checked on submission; too long always', () => {
    const form = single({ type: 'text', minLength: 3, maxLength: 4 });
    assert.deepEqual(check(form, 'ab', 'draft'), { value: 'ab' });
    assert.deepEqual(check(form, 'abcde', 'draft'), { error: 'Saisissez au plus 4 caractères.' });
  });

  test('messages exist in English', async () => {
    const { callsFormEn } = await import('./calls.form.en.js');
    const form = single({ type: 'siret' });
    const { errors } = validateAnswers(form, { f: '1' }, { mode: 'submit', messages: callsFormEn });
    assert.equal(errors.f, 'Enter a valid SIRET number: 14 digits, for example 130 025 265 00013.');
  });
});

describe('conditions', () => {
  const form = callFormSchema.parse({
    version: 1,
    sections: [
      {
        id: 'a',
        title: 'A',
        fields: [
          {
            id: 'statut',
            type: 'choice',
            label: 'Statut',
            options: [
              { value: 'asso', label: 'Association' },
              { value: 'scop', label: 'SCOP' },
              { value: 'sa', label: 'SA' },
            ],
          },
          { id: 'rna', type: 'text', label: 'RNA', showIf: { field: 'statut', op: 'equals', value: 'asso' } },
          {
            id: 'pas_asso',
            type: 'text',
            label: 'Autre',
            showIf: { field: 'statut', op: 'not_equals', value: 'asso' },
          },
          {
            id: 'ess',
            type: 'text',
            label: 'ESS',
            showIf: { field: 'statut', op: 'in', values: ['asso', 'scop'] },
          },
          { id: 'effectif', type: 'number', label: 'Effectif' },
          { id: 'gros', type: 'text', label: 'Gros', showIf: { field: 'effectif', op: 'equals', value: 50 } },
        ],
      },
      {
        id: 'b',
        title: 'B',
        showIf: { field: 'effectif', op: 'is_answered' },
        fields: [{ id: 'detail', type: 'text', label: 'Détail', required: true }],
      },
    ],
  });
  const shown = (answers: Record<string, unknown>) => visibleFields(form, answers).map((f) => f.id);

  test('each operator', () => {
    assert.deepEqual(shown({ statut: 'asso' }), ['statut', 'rna', 'ess', 'effectif']);
    assert.deepEqual(shown({ statut: 'scop' }), ['statut', 'pas_asso', 'ess', 'effectif']);
    assert.deepEqual(shown({ statut: 'sa', effectif: '50' }), [
      'statut',
      'pas_asso',
      'effectif',
      'gros',
      'detail',
    ]);
    assert.deepEqual(shown({}), ['statut', 'effectif']);
  });

  test('a hidden section is neither required nor kept', () => {
    assert.deepEqual(validateAnswers(form, { detail: 'x' }, { mode: 'submit' }), { values: {}, errors: {} });
    const { errors } = validateAnswers(form, { effectif: 3 }, { mode: 'submit' });
    assert.deepEqual(errors, { detail: 'Ce champ est obligatoire.' });
  });

  test('a child of a block may depend on an earlier field outside the block', () => {
    const withChild = callFormSchema.parse({
      version: 1,
      sections: [
        {
          id: 's',
          title: 'S',
          fields: [
            { id: 'collectif', type: 'yes_no', label: 'Dossier collectif ?' },
            {
              id: 'membres',
              type: 'repeatable_block',
              label: 'Membres',
              fields: [
                { id: 'nom', type: 'text', label: 'Nom', required: true },
                {
                  id: 'role',
                  type: 'text',
                  label: 'Rôle',
                  required: true,
                  showIf: { field: 'collectif', op: 'is_yes' },
                },
              ],
            },
          ],
        },
      ],
    });
    const answers = { membres: [{ nom: 'A', role: 'Chef de file' }] };
    assert.deepEqual(validateAnswers(withChild, { ...answers, collectif: 'non' }, { mode: 'submit' }), {
      values: { collectif: false, membres: [{ nom: 'A' }] },
      errors: {},
    });
    assert.deepEqual(
      validateAnswers(withChild, { membres: [{ nom: 'A' }], collectif: 'oui' }, { mode: 'submit' }).errors,
      {
        'membres.0.role': 'Ce champ est obligatoire.',
      },
    );
    const [, block] = visibleFields(withChild, { collectif: false });
    assert.deepEqual(block?.type === 'repeatable_block' && block.fields.map((f) => f.id), ['nom']);
  });

  test('a condition on an invalid answer counts as unanswered', () => {
    const { values, errors } = validateAnswers(
      form,
      { effectif: 'beaucoup', detail: 'x' },
      { mode: 'draft' },
    );
    assert.deepEqual(values, {});
    assert.deepEqual(Object.keys(errors), ['effectif']);
  });
});

describe('schema refinements', () => {
  const issues = (input: unknown) => {
    const r = parseCallForm(input);
    return r.ok ? [] : r.issues.map((i) => i.message);
  };
  const form = (fields: unknown[], extra: Record<string, unknown> = {}) => ({
    version: 1,
    sections: [{ id: 's', title: 'Section', fields }],
    ...extra,
  });
  const yesNo = { id: 'q', type: 'yes_no', label: 'Question' };

  test('duplicate ids, including inside blocks', () => {
    assert.deepEqual(
      issues(
        form([
          yesNo,
          {
            id: 'b',
            type: 'repeatable_block',
            label: 'Bloc',
            fields: [{ id: 'q', type: 'text', label: 'Q' }],
          },
        ]),
      ),
      ['L’identifiant « q » est utilisé plusieurs fois : chaque section, champ et règle doit avoir le sien.'],
    );
  });

  test('a condition on an unknown, later or own field (so no cycle)', () => {
    assert.deepEqual(issues(form([{ ...yesNo, showIf: { field: 'nope', op: 'is_answered' } }])), [
      'Le champ « Question » (q) : la condition porte sur le champ « nope », qui n’existe pas dans le formulaire.',
    ]);
    assert.deepEqual(
      issues(
        form([
          { ...yesNo, showIf: { field: 'r', op: 'is_yes' } },
          { id: 'r', type: 'yes_no', label: 'R' },
        ]),
      ),
      ['Le champ « Question » (q) : la condition porte sur le champ « r », qui doit être placé avant lui.'],
    );
    assert.deepEqual(issues(form([{ ...yesNo, showIf: { field: 'q', op: 'is_yes' } }])), [
      'Le champ « Question » (q) : la condition porte sur le champ « q », qui doit être placé avant lui.',
    ]);
    assert.deepEqual(
      issues({
        version: 1,
        sections: [{ id: 's', title: 'Section', showIf: { field: 'q', op: 'is_yes' }, fields: [yesNo] }],
      }),
      ['La section « Section » (s) : la condition porte sur le champ « q », qui doit être placé avant lui.'],
    );
    assert.deepEqual(
      issues(
        form([yesNo], {
          eligibility: [{ id: 'r', condition: { field: 'z', op: 'is_yes' }, reason: 'Non.' }],
        }),
      ),
      [
        'La règle d’éligibilité « r » : la condition porte sur le champ « z », qui n’existe pas dans le formulaire.',
      ],
    );
  });

  test('a condition on a field inside a block, a heading, or with the wrong operator or value', () => {
    const block = {
      id: 'b',
      type: 'repeatable_block',
      label: 'Bloc',
      fields: [{ id: 'c', type: 'yes_no', label: 'C' }],
    };
    assert.deepEqual(issues(form([block, { ...yesNo, showIf: { field: 'c', op: 'is_yes' } }])), [
      'Le champ « Question » (q) : la condition porte sur le champ « c », qui est dans un bloc répétable ; une condition ne peut porter que sur un champ hors bloc.',
    ]);
    assert.deepEqual(
      issues(
        form([
          { id: 'h', type: 'heading', label: 'H' },
          { ...yesNo, showIf: { field: 'h', op: 'is_answered' } },
        ]),
      ),
      ['Le champ « Question » (q) : la condition porte sur « h », un intertitre sans réponse.'],
    );
    const text = { id: 't', type: 'text', label: 'T' };
    assert.deepEqual(issues(form([text, { ...yesNo, showIf: { field: 't', op: 'is_yes' } }])), [
      'Le champ « Question » (q) : l’opérateur « is_yes » ne s’applique pas au type du champ « t ».',
    ]);
    const money = { id: 'm', type: 'money', label: 'M' };
    assert.deepEqual(issues(form([money, { ...yesNo, showIf: { field: 'm', op: 'equals', value: '10' } }])), [
      'Le champ « Question » (q) : la valeur de la condition ne correspond pas au type du champ « m » (un nombre pour un nombre ou un montant en centimes, un texte sinon).',
    ]);
    const choice = { id: 'c', type: 'choice', label: 'C', options: [{ value: 'a', label: 'A' }] };
    assert.deepEqual(
      issues(form([choice, { ...yesNo, showIf: { field: 'c', op: 'in', values: ['a', 'b'] } }])),
      ['Le champ « Question » (q) : la valeur « b » n’est pas une option du champ « c ».'],
    );
  });

  test('options and limits', () => {
    assert.deepEqual(issues(form([{ id: 'c', type: 'choice', label: 'Choix', options: [] }])), [
      'Le champ « Choix » (c) : ajoutez au moins une option.',
    ]);
    assert.deepEqual(
      issues(
        form([
          {
            id: 'c',
            type: 'multiple_choice',
            label: 'Choix',
            options: [
              { value: 'a', label: 'A' },
              { value: 'a', label: 'B' },
            ],
          },
        ]),
      ),
      ['Le champ « Choix » (c) : la valeur d’option « a » est utilisée plusieurs fois.'],
    );
    assert.deepEqual(issues(form([{ id: 't', type: 'text', label: 'Texte', minLength: 10, maxLength: 5 }])), [
      'Le champ « Texte » (t) : le minimum (10) dépasse le maximum (5).',
    ]);
    assert.deepEqual(
      issues(form([{ id: 'm', type: 'money', label: 'Budget', minCents: 200, maxCents: 100 }])),
      ['Le champ « Budget » (m) : le minimum (2,00\u00a0€) dépasse le maximum (1,00\u00a0€).'],
    );
    assert.deepEqual(
      issues(form([{ id: 'd', type: 'date', label: 'Date', minDate: '2025-01-02', maxDate: '2025-01-01' }])),
      ['Le champ « Date » (d) : le minimum (02/01/2025) dépasse le maximum (01/01/2025).'],
    );
    assert.deepEqual(issues(form([{ id: 'n', type: 'number', label: 'Nombre', step: 0 }])), [
      'Le champ « Nombre » (n) : le pas doit être un nombre strictement positif.',
    ]);
    assert.deepEqual(
      issues(
        form([
          {
            id: 'b',
            type: 'repeatable_block',
            label: 'Bloc',
            minOccurrences: 5,
            maxOccurrences: 2,
            fields: [{ id: 'x', type: 'text', label: 'X' }],
          },
        ]),
      ),
      ['Le champ « Bloc » (b) : le minimum (5) dépasse le maximum (2).'],
    );
  });

  test('structural errors get French messages from zod, and English on request', () => {
    const r = parseCallForm({ version: 0, sections: [] });
    assert.deepEqual(r.ok ? [] : r.issues.map((i) => [i.path, i.message.startsWith('Trop petit')]), [
      ['version', true],
      ['sections', true],
    ]);
    const en = parseCallForm(form([{ id: 'c', type: 'choice', label: 'Choice', options: [] }]), 'en');
    assert.deepEqual(en.ok ? [] : en.issues, [
      { path: 'sections.0.fields.0', message: 'The field “Choice” (c): add at least one option.' },
    ]);
  });

  test('-0 is written 0, so that a definition survives JSON', () => {
    const r = parseCallForm(form([{ id: 'n', type: 'number', label: 'N', min: -0, max: 3 }]));
    assert.ok(r.ok);
    const field = r.form.sections[0]?.fields[0];
    assert.ok(field?.type === 'number' && Object.is(field.min, 0));
  });

  test('text the database could not store is refused', () => {
    assert.equal(parseCallForm(form([{ id: 't', type: 'text', label: 'a\u0000b' }])).ok, false);
    assert.equal(parseCallForm(form([{ id: 't', type: 'text', label: 'a\ud800b' }])).ok, false);
  });
});

// ---- Properties ------------------------------------------------------------------------------------------

const SAMPLE_STRINGS = [
  '',
  ' ',
  'oui',
  'non',
  'Oui',
  '1 234,50',
  '-0',
  '0,5',
  '1e3',
  '2024-02-29',
  '14/07/2024',
  '31/02/2024',
  '06 12 34 56 78',
  '+262 692 12 34 56',
  'https://exemple.fr',
  'javascript:alert(1)',
  '13002526500013',
  '75056',
  '2A004',
  'a@b.fr',
  'a',
  'b',
  'association',
  'sante',
  '\u0000',
  '\ud800',
  '__proto__',
];

const scalarAnswer = fc.oneof(
  fc.constantFrom(...SAMPLE_STRINGS),
  fc.string(),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.constantFrom(...SAMPLE_STRINGS), { maxLength: 4 }),
  fc.record({
    fileId: fc.constantFrom('f1', 'x_y', '', '../a'),
    name: fc.string(),
    size: fc.oneof(fc.nat(), fc.double()),
    type: fc.constantFrom('application/pdf', 'image/png', 'text/html', 'IMAGE/JPEG', ''),
  }),
  fc.jsonValue({ maxDepth: 2 }),
);

const oneOf = <T>(values: readonly T[]) => fc.constantFrom(...values);

/** Answers that are often right for the field's type, sometimes wrong, sometimes anything. */
function typedAnswer(field: FormField): fc.Arbitrary<unknown> {
  const plausible = ((): fc.Arbitrary<unknown> => {
    switch (field.type) {
      case 'text':
      case 'long_text':
        return fc.string({ maxLength: 40 });
      case 'number':
        return fc.oneof(
          fc.integer({ min: -10, max: 2000 }),
          fc.double({ noNaN: true }),
          oneOf(['1 234,5', '3,5', '-0', '7']),
        );
      case 'money':
        return fc.oneof(fc.nat(), oneOf(['1 234,50', '12', '0,5', '2 000 000 €']));
      case 'date':
        return fc.oneof(
          fc
            .date({ min: new Date('1990-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10)),
          oneOf(['14/07/2015', '31/02/2020']),
        );
      case 'choice':
        return oneOf(field.options.map((o) => o.value));
      case 'multiple_choice':
        return fc.subarray(field.options.map((o) => o.value));
      case 'yes_no':
        return oneOf([true, false, 'oui', 'non', 'Oui']);
      case 'email':
        return fc.emailAddress();
      case 'phone':
        return oneOf(['06 12 34 56 78', '+33 1 23 45 67 89', '0262 12 34 56', '+262 692 12 34 56', '12']);
      case 'url':
        return fc.webUrl();
      case 'siret':
        return oneOf(['13002526500013', '356 000 000 00048', '73282932000074', '13002526500014']);
      case 'commune':
        return oneOf(['75056', '2a004', '97411', '7505']);
      case 'attachment':
        return fc.record({
          fileId: oneOf(['f1', 'x_y', '../a']),
          name: fc.string({ maxLength: 300 }),
          size: fc.nat(2e7),
          type: oneOf(['application/pdf', 'image/png', 'text/html']),
        });
      case 'heading':
        return fc.constant(undefined);
      case 'repeatable_block': {
        const occurrence = fc.record(
          Object.fromEntries(field.fields.map((c) => [c.id, typedAnswer(c)])) as Record<
            string,
            fc.Arbitrary<unknown>
          >,
          { requiredKeys: [] },
        );
        return fc.array(
          fc.oneof({ arbitrary: occurrence, weight: 5 }, { arbitrary: scalarAnswer, weight: 1 }),
          {
            maxLength: 5,
          },
        );
      }
    }
  })();
  return fc.oneof({ arbitrary: plausible, weight: 5 }, { arbitrary: scalarAnswer, weight: 1 });
}

/** Answers for a form: typed by field (any field may be missing), or any JSON at all. */
function answersFor(form: CallForm) {
  const fields = form.sections.flatMap((s) => s.fields);
  const typed = fc.record(
    Object.fromEntries(fields.map((f) => [f.id, typedAnswer(f)])) as Record<string, fc.Arbitrary<unknown>>,
    {
      requiredKeys: [],
    },
  );
  const withNoise = fc
    .tuple(
      typed,
      fc.dictionary(oneOf(['__proto__', 'constructor', 'inconnu']), fc.jsonValue({ maxDepth: 1 }), {
        maxKeys: 2,
      }),
    )
    .map(([a, noise]) => ({ ...noise, ...a }));
  return fc.oneof({ arbitrary: withNoise, weight: 8 }, { arbitrary: fc.jsonValue(), weight: 1 });
}

/** Random forms: every type, random limits, conditions on random earlier fields. */
const optionsArb = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'association', 'sante'), {
  minLength: 1,
  maxLength: 4,
});
function fieldArb(id: string): fc.Arbitrary<Record<string, unknown>> {
  const base = { id, label: `Champ ${id}` };
  const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
  const clean = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const options = optionsArb.map((vs) => vs.map((value) => ({ value, label: value.toUpperCase() })));
  return fc
    .oneof(
      fc.record({
        type: fc.constantFrom('text', 'long_text'),
        minLength: opt(fc.nat(20)),
        maxLength: opt(fc.integer({ min: 20, max: 200 })),
      }),
      fc.record({
        type: fc.constant('number'),
        min: opt(fc.integer({ min: -100, max: 0 })),
        max: opt(fc.integer({ min: 0, max: 1e6 })),
        step: opt(fc.constantFrom(0.5, 1, 0.01)),
      }),
      fc.record({
        type: fc.constant('money'),
        minCents: opt(fc.nat(100)),
        maxCents: opt(fc.integer({ min: 100, max: 1e9 })),
      }),
      fc.record({
        type: fc.constant('date'),
        minDate: opt(fc.constant('2000-01-01')),
        maxDate: opt(fc.constant('2030-12-31')),
      }),
      fc.record({ type: fc.constant('choice'), options }),
      fc.record({
        type: fc.constant('multiple_choice'),
        options,
        maxSelections: opt(fc.integer({ min: 1, max: 4 })),
      }),
      fc.record({ type: fc.constantFrom('yes_no', 'email', 'phone', 'url', 'siret', 'commune') }),
      fc.record({
        type: fc.constant('attachment'),
        allowedTypes: fc.constant(['application/pdf', 'image/*']),
        maxSize: fc.integer({ min: 1, max: 1e7 }),
      }),
      fc.record({ type: fc.constant('heading') }),
    )
    .chain((f) =>
      fc
        .record({ required: fc.boolean() })
        .map((r) => clean({ ...base, ...f, ...(f.type === 'heading' ? {} : r) })),
    );
}

const generatedForm = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc
    .tuple(
      ...Array.from({ length: n }, (_, i) => fieldArb(`f${i}`)),
      fc.array(fc.integer({ min: 0, max: 7 }), { minLength: n, maxLength: n }),
      fc.array(fieldArb('x'), { minLength: 1, maxLength: 3 }),
      fc.boolean(),
    )
    .map((parts) => {
      const fields = parts.slice(0, n) as Record<string, unknown>[];
      const refs = parts[n] as number[];
      const children = (parts[n + 1] as Record<string, unknown>[])
        .filter((c) => c.type !== 'heading')
        .map((c, i) => ({ ...c, id: `c${i}` }));
      // Conditions: on an earlier answering field, with an operator its type accepts.
      fields.forEach((field, i) => {
        const target = fields[(refs[i] ?? 0) % Math.max(1, i)];
        if (i === 0 || !target || target.type === 'heading') return;
        const options = target.options as { value: string }[] | undefined;
        field.showIf =
          target.type === 'yes_no'
            ? { field: target.id, op: (refs[i] ?? 0) % 2 ? 'is_yes' : 'is_no' }
            : options
              ? { field: target.id, op: 'equals', value: options[0]?.value }
              : { field: target.id, op: 'is_answered' };
      });
      if (parts[n + 2] && children.length > 0) {
        fields.push({
          id: 'bloc',
          type: 'repeatable_block',
          label: 'Bloc',
          maxOccurrences: 3,
          fields: children,
        });
      }
      const half = Math.ceil(fields.length / 2);
      return {
        version: 1,
        sections: [
          { id: 's1', title: 'Un', fields: fields.slice(0, half) },
          { id: 's2', title: 'Deux', fields: fields.slice(half) },
        ],
        eligibility:
          fields[0]?.type === 'yes_no'
            ? [{ id: 'r', condition: { field: 'f0', op: 'is_yes' }, reason: 'Non.' }]
            : [],
      };
    }),
);

const formAndAnswers = generatedForm.chain((input) => {
  const parsed = parseCallForm(input);
  const form = parsed.ok ? parsed.form : pionniers;
  return fc.tuple(
    fc.constant({ input, parsed }),
    answersFor(form).map((answers) => ({ form, answers })),
  );
});

/** How many validations kept at least one value (so that the properties do not only see empty answers). */
let nonEmpty = 0;

function assertIdempotent(form: CallForm, answers: unknown) {
  for (const mode of ['draft', 'submit'] as const) {
    const first = validateAnswers(form, answers, { mode });
    if (Object.keys(first.values).length > 0) nonEmpty++;
    const again = validateAnswers(form, first.values, { mode });
    assert.deepEqual(again.values, first.values);
    if (mode === 'draft' || Object.keys(first.errors).length === 0) assert.deepEqual(again.errors, {});
    // The other functions never throw either, and export one cell per column.
    checkEligibility(form, answers);
    visibleFields(form, answers);
    assert.equal(exportRow(form, first.values).length, exportColumns(form).length);
    assert.equal(exportRow(form, answers).length, exportColumns(form).length);
  }
}

describe('properties', () => {
  test('the sample form: validation never throws and is idempotent on any answers', () => {
    fc.assert(
      fc.property(answersFor(pionniers), (answers) => assertIdempotent(pionniers, answers)),
      { numRuns: 500 },
    );
    assert.ok(nonEmpty > 500, `only ${nonEmpty} validations kept a value`);
  });

  test('generated forms are accepted, round-trip through JSON, and validate any answers idempotently', () => {
    let accepted = 0;
    fc.assert(
      fc.property(formAndAnswers, ([{ input, parsed }, { form, answers }]) => {
        if (!parsed.ok) return;
        accepted++;
        assert.deepEqual(callFormSchema.parse(JSON.parse(JSON.stringify(parsed.form))), parsed.form);
        assert.deepEqual(JSON.parse(JSON.stringify(parsed.form)), parsed.form);
        assert.ok(input);
        assertIdempotent(form, answers);
      }),
      { numRuns: 300 },
    );
    assert.ok(accepted > 150, `only ${accepted} generated forms were accepted`);
  });

  test('any definition the schema accepts round-trips through JSON unchanged', () => {
    // Perturbed definitions: whatever is accepted must survive JSON.
    fc.assert(
      fc.property(generatedForm, fc.jsonValue({ maxDepth: 1 }), fc.nat(20), (input, noise, at) => {
        const noisy = JSON.parse(JSON.stringify(input)) as {
          sections: { fields: Record<string, unknown>[] }[];
        };
        const field = noisy.sections[0]?.fields[at % Math.max(1, noisy.sections[0]?.fields.length ?? 1)];
        if (field) field.hint = noise as unknown as string;
        const parsed = callFormSchema.safeParse(noisy);
        if (!parsed.success) return;
        assert.deepEqual(callFormSchema.parse(JSON.parse(JSON.stringify(parsed.data))), parsed.data);
      }),
      { numRuns: 300 },
    );
    const sample = JSON.parse(JSON.stringify(pionniers));
    assert.deepEqual(callFormSchema.parse(sample), pionniers);
  });
});
