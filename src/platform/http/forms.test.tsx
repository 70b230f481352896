import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod';
import { publicAccess } from '../access/index.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { ErrorSummary, Input } from '../views/components/index.js';
import { Validation } from './errors.js';
import { type FormState, handleForm } from './forms.js';

/** A small real form, built the way every form of the platform is: schema, page, handler. */
const schema = z.object({
  nom: z.string().trim().min(2, 'Indiquez le nom de la structure (2 caractères au moins).'),
  email: z.email('Indiquez une adresse e-mail valide, par exemple nom@exemple.fr.'),
  annee: z.coerce
    .number({ message: 'Indiquez une année en chiffres.' })
    .int('Indiquez une année en chiffres.')
    .min(1800, 'L’année de création doit être postérieure à 1800.')
    .max(2026, 'L’année de création ne peut pas être dans le futur.'),
});

const saved: z.output<typeof schema>[] = [];

function page(csrf: string, state: FormState) {
  const value = (k: string) =>
    typeof state.values[k] === 'string' ? (state.values[k] as string) : undefined;
  return {
    title: 'Structure',
    body: (
      <>
        <h1>Votre structure</h1>
        <ErrorSummary errors={state.summary} />
        <form method="post" action="/essai/structure" novalidate>
          <input type="hidden" name="_csrf" value={csrf} />
          <Input name="nom" label="Nom" value={value('nom')} error={state.errors.nom} required />
          <Input
            name="email"
            label="E-mail"
            type="email"
            value={value('email')}
            error={state.errors.email}
            required
          />
          <Input
            name="annee"
            label="Année de création"
            value={value('annee')}
            error={state.errors.annee}
            required
          />
          <button class="fr-btn" type="submit">
            Enregistrer
          </button>
        </form>
      </>
    ),
  };
}

describe('forms: one helper, GOV.UK pattern in DSFR', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      extend: (app) => {
        app.post('/essai/structure', { config: { access: publicAccess } }, (request, reply) =>
          handleForm(request, reply, {
            schema,
            render: (state) => page(request.ctx.csrfToken, state),
            onValid: (data) => {
              if (data.nom.toLowerCase() === 'doublon') {
                throw new Validation('Doublon', {
                  nom: 'Une structure porte déjà ce nom dans cette commune.',
                });
              }
              saved.push(data);
              return '/essai/structure/merci';
            },
          }),
        );
      },
    });
  });
  after(() => t.close());

  test('invalid input: 400, the same page, values kept, a message under each field, a summary linking to them', async () => {
    const client = t.client();
    const res = await client.post('/essai/structure', {
      nom: 'A',
      email: 'pas-un-mail',
      annee: 'deux mille <b>',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Le formulaire contient des erreurs/);
    for (const [field, message] of [
      ['nom', 'Indiquez le nom de la structure'],
      ['email', 'Indiquez une adresse e-mail valide'],
      ['annee', 'Indiquez une année en chiffres'],
    ] as const) {
      assert.match(
        res.body,
        new RegExp(`href="#field-${field}"[^>]*>[^<]*${message}`),
        `summary links to ${field}`,
      );
      assert.match(res.body, new RegExp(`id="field-${field}"`), `the ${field} field exists`);
    }
    assert.match(res.body, /value="pas-un-mail"/);
    assert.match(
      res.body,
      /value="deux mille (<|&lt;)b(>|&gt;)"/,
      'the value is kept (quoted attribute: no way out)',
    );
    assert.equal(saved.length, 0, 'nothing saved');
  });

  test('valid input: saved once, then 303 to the next page (post/redirect/get)', async () => {
    const res = await t.client().post('/essai/structure', {
      nom: 'Les Jardins de Cocagne',
      email: 'contact@jardins.fr',
      annee: '1991',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/essai/structure/merci');
    assert.deepEqual(saved.at(-1), {
      nom: 'Les Jardins de Cocagne',
      email: 'contact@jardins.fr',
      annee: 1991,
    });
  });

  test('a rule checked by the service comes back under its field with status 400', async () => {
    const before = saved.length;
    const res = await t.client().post('/essai/structure', { nom: 'Doublon', email: 'a@b.fr', annee: '2000' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Une structure porte déjà ce nom/);
    assert.match(res.body, /value="Doublon"/);
    assert.equal(saved.length, before);
  });
});
