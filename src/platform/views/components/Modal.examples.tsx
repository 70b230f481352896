import { ButtonsGroup } from './Button.js';
import { Modal, ModalButton } from './Modal.js';
import type { ComponentExample } from './shared.js';

export const modalExamples: ComponentExample[] = [
  {
    title: 'Modale de confirmation avec zone d’action',
    render: () => (
      <>
        <ModalButton modalId="modale-retrait-dossier" label="Retirer le dossier" kind="secondary" />
        <Modal
          id="modale-retrait-dossier"
          title="Retirer le dossier FI-2025-0042 ?"
          icon="fr-icon-warning-line"
          headingLevel={4}
          footer={
            <ButtonsGroup
              inline="lg"
              reverse
              align="right"
              buttons={[
                { label: 'Retirer le dossier', type: 'submit', form: 'form-retrait-dossier' },
                { label: 'Garder le dossier', kind: 'secondary', href: '/dossiers/2025-0042' },
              ]}
            />
          }
        >
          <p>
            Le dossier ne sera plus instruit. Vous pourrez en déposer un nouveau tant que l’appel à projets
            est ouvert.
          </p>
          <form id="form-retrait-dossier" method="post" action="/dossiers/2025-0042/retrait" />
        </Modal>
      </>
    ),
  },
  {
    title: 'Petite modale d’information',
    render: () => (
      <>
        <ModalButton
          modalId="modale-aide-siret"
          label="Où trouver mon numéro SIRET ?"
          kind="tertiary-no-outline"
          icon="fr-icon-question-line"
        />
        <Modal id="modale-aide-siret" title="Où trouver mon numéro SIRET ?" size="sm" headingLevel={4}>
          <p>
            Il figure sur l’avis de situation au répertoire SIRENE et sur les factures de votre structure.
          </p>
        </Modal>
      </>
    ),
  },
];
