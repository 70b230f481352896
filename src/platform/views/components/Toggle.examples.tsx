import type { ComponentExample } from './shared.js';
import { Toggle } from './Toggle.js';

export const toggleExamples: ComponentExample[] = [
  {
    title: 'Interrupteur avec état et texte d’aide',
    render: () => (
      <Toggle
        name="notifications_courriel"
        label="Recevoir un courriel à chaque changement de statut du dossier"
        hint="Vous pourrez modifier ce choix à tout moment."
        showState
        checked
      />
    ),
  },
  {
    title: 'Interrupteur simple avec séparateur',
    render: () => (
      <Toggle name="annuaire_public" label="Apparaître dans l’annuaire des lauréats" borderBottom />
    ),
  },
  {
    title: 'Interrupteur en erreur',
    render: () => (
      <Toggle
        name="partage_donnees"
        label="Partager les indicateurs d’impact avec les financeurs"
        showState
        error="Ce partage est obligatoire pour les lauréats du programme d’accélération."
      />
    ),
  },
];
