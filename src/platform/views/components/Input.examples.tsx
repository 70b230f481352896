import { Button } from './Button.js';
import { Input, Textarea } from './Input.js';
import type { ComponentExample } from './shared.js';

export const inputExamples: ComponentExample[] = [
  {
    title: 'Champ obligatoire avec autocomplétion',
    render: () => (
      <Input name="association_nom" label="Nom de l’association" autocomplete="organization" required />
    ),
  },
  {
    title: 'Champ avec texte d’aide et valeur conservée',
    render: () => (
      <Input
        name="contact_courriel"
        type="email"
        label="Adresse électronique de contact"
        hint="Format attendu : nom@domaine.fr"
        autocomplete="email"
        spellcheck={false}
        value="contact@jardins-solidaires.fr"
        icon="fr-icon-mail-line"
      />
    ),
  },
  {
    title: 'Champ en erreur',
    render: () => (
      <Input
        name="association_siret"
        label="Numéro SIRET"
        hint="14 chiffres, sans espace"
        inputmode="numeric"
        pattern="[0-9]{14}"
        maxlength={14}
        value="123 456"
        error="Le numéro SIRET doit comporter 14 chiffres."
        required
      />
    ),
  },
  {
    title: 'Champ nombre avec bornes, validé',
    render: () => (
      <Input
        name="montant_demande"
        type="number"
        label="Montant de la subvention demandée (en euros)"
        min={1000}
        max={150000}
        step={100}
        value={25000}
        valid="Montant compris dans l’enveloppe de l’appel à projets."
      />
    ),
  },
  {
    title: 'Champ date',
    render: () => (
      <Input name="date_creation" type="date" label="Date de création de la structure" max="2025-12-31" />
    ),
  },
  {
    title: 'Champ accolé à un bouton',
    render: () => (
      <Input
        name="code_invitation"
        label="Code d’invitation au programme d’accélération"
        autocomplete="off"
        addon={<Button label="Valider le code" type="submit" />}
      />
    ),
  },
  {
    title: 'Champ désactivé',
    render: () => <Input name="numero_dossier" label="Numéro de dossier" value="FI-2025-0042" disabled />,
  },
];

export const textareaExamples: ComponentExample[] = [
  {
    title: 'Zone de texte avec limite de longueur',
    render: () => (
      <Textarea
        name="projet_presentation"
        label="Présentation du projet"
        hint="Décrivez le besoin social auquel répond le projet, en 2 000 caractères au plus."
        rows={6}
        maxlength={2000}
        required
      />
    ),
  },
  {
    title: 'Zone de texte en erreur, valeur conservée',
    render: () => (
      <Textarea
        name="projet_impact"
        label="Impact social attendu"
        value="Créer 12 emplois en insertion d’ici 2026."
        error="Précisez les indicateurs qui permettront de mesurer cet impact."
      />
    ),
  },
];
