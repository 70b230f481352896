import { Button, ButtonsGroup } from './Button.js';
import type { ComponentExample } from './shared.js';

export const buttonExamples: ComponentExample[] = [
  {
    title: 'Bouton principal d’envoi de formulaire',
    render: () => <Button label="Déposer le dossier" type="submit" />,
  },
  {
    title: 'Boutons secondaire et tertiaire',
    render: () => (
      <ButtonsGroup
        inline
        buttons={[
          {
            label: 'Enregistrer le brouillon',
            kind: 'secondary',
            type: 'submit',
            name: 'action',
            value: 'brouillon',
          },
          { label: 'Annuler', kind: 'tertiary' },
        ]}
      />
    ),
  },
  {
    title: 'Lien en forme de bouton, avec icône, téléchargeant un fichier',
    render: () => (
      <Button
        label="Télécharger le récépissé de dépôt"
        href="/dossiers/2025-0042/recepisse.pdf"
        download
        kind="secondary"
        icon="fr-icon-download-line"
      />
    ),
  },
  {
    title: 'Lien ouvrant une nouvelle fenêtre',
    render: () => (
      <Button
        label="Lire le règlement de l’appel à projets"
        href="https://www.economie.gouv.fr/"
        newWindow
        kind="tertiary"
        icon="fr-icon-external-link-line"
        iconPosition="right"
      />
    ),
  },
  {
    title: 'Bouton icône seule (libellé restitué et en infobulle)',
    render: () => (
      <Button
        label="Supprimer la pièce jointe « statuts.pdf »"
        kind="tertiary"
        icon="fr-icon-delete-line"
        iconPosition="only"
      />
    ),
  },
  {
    title: 'Bouton désactivé et petite taille',
    render: () => (
      <ButtonsGroup
        inline
        size="sm"
        buttons={[
          { label: 'Transmettre à l’instruction', disabled: true },
          { label: 'Voir l’historique', kind: 'secondary', href: '/dossiers/2025-0042/historique' },
        ]}
      />
    ),
  },
];
