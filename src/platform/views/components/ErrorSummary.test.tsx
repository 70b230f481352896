import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { componentsEn } from '../../i18n/components.en.js';
import { CheckboxGroup } from './Checkbox.js';
import { ErrorSummary } from './ErrorSummary.js';
import { Input } from './Input.js';
import { RadioGroup } from './Radio.js';
import { Select } from './Select.js';
import { $, $$, brokenReferences, byId, classes, dom, render, text } from './testing.js';
import { Upload } from './Upload.js';

const errors = [
  { field: 'titre', message: 'Saisissez le titre du projet.' },
  { field: 'adresse.codePostal', message: 'Saisissez un code postal à 5 chiffres.' },
  { field: 'duree', message: 'Choisissez la durée du projet.' },
  { field: 'territoires', message: 'Cochez au moins un territoire.' },
  { field: 'region', message: 'Sélectionnez une région.' },
  { field: 'statuts', message: 'Ajoutez les statuts.' },
];

describe('ErrorSummary', () => {
  it('renders nothing when there is no error', async () => {
    assert.equal(await render(<ErrorSummary errors={[]} />), '');
  });

  it('is a focusable DSFR error alert, announced and named by its title', async () => {
    const root = await dom(<ErrorSummary errors={errors} />);
    const summary = $(root, '.fr-alert');
    assert.ok(classes(summary).includes('fr-alert--error'));
    assert.equal(summary.attrs.role, 'alert');
    assert.equal(summary.attrs.tabindex, '-1');
    assert.equal(summary.attrs.autofocus, '', 'focused on page load, without script');
    const title = byId(root, summary.attrs['aria-labelledby'] ?? '');
    assert.equal(title?.tag, 'h2');
    assert.equal(text(title), 'Le formulaire contient des erreurs');
  });

  it('lists each message as a link to its field', async () => {
    const root = await dom(<ErrorSummary errors={errors} />);
    assert.deepEqual(
      $$(root, 'li a').map((a) => [a.attrs.href, text(a)]),
      [
        ['#field-titre', 'Saisissez le titre du projet.'],
        ['#field-adresse-codePostal', 'Saisissez un code postal à 5 chiffres.'],
        ['#field-duree', 'Choisissez la durée du projet.'],
        ['#field-territoires', 'Cochez au moins un territoire.'],
        ['#field-region', 'Sélectionnez une région.'],
        ['#field-statuts', 'Ajoutez les statuts.'],
      ],
    );
  });

  it('links to ids that exist in a form rendered with the field components, landing on a control', async () => {
    const root = await dom(
      <form>
        <ErrorSummary errors={errors} />
        <Input name="titre" label="Titre" error="Saisissez le titre du projet." />
        <Input name="adresse.codePostal" label="Code postal" error="Saisissez un code postal à 5 chiffres." />
        <RadioGroup
          name="duree"
          label="Durée"
          error="Choisissez la durée du projet."
          options={[
            { value: '12', label: '12 mois' },
            { value: '24', label: '24 mois' },
          ]}
        />
        <CheckboxGroup
          name="territoires"
          label="Territoires"
          error="Cochez au moins un territoire."
          options={[
            { value: 'urbain', label: 'Urbain' },
            { value: 'rural', label: 'Rural' },
          ]}
        />
        <Select
          name="region"
          label="Région"
          options={[{ value: '53', label: 'Bretagne' }]}
          error="Sélectionnez une région."
        />
        <Upload name="statuts" label="Statuts" error="Ajoutez les statuts." />
      </form>,
    );
    assert.deepEqual(brokenReferences(root), []);
    for (const link of $$(root, '.fr-alert li a')) {
      const target = byId(root, (link.attrs.href ?? '').slice(1));
      assert.ok(
        target && ['input', 'select', 'textarea'].includes(target.tag),
        `${link.attrs.href} is a control`,
      );
    }
  });

  it('accepts a title, a heading level, an id, English words, and can leave the focus alone', async () => {
    const root = await dom(
      <ErrorSummary
        errors={errors.slice(0, 1)}
        headingLevel={3}
        id="erreurs"
        autofocus={false}
        labels={componentsEn}
      />,
    );
    const summary = $(root, '#erreurs');
    assert.equal(summary.attrs.autofocus, undefined);
    assert.equal(text($(root, 'h3')), 'There is a problem with the form');
    const custom = await dom(<ErrorSummary errors={errors.slice(0, 1)} title="Le dossier est incomplet" />);
    assert.equal(text($(custom, 'h2')), 'Le dossier est incomplet');
  });
});
