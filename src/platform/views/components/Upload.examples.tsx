import type { ComponentExample } from './shared.js';
import { Upload } from './Upload.js';

export const uploadExamples: ComponentExample[] = [
  {
    title: 'Ajout d’un fichier obligatoire',
    render: () => (
      <Upload
        name="piece_statuts"
        label="Statuts de l’association"
        accept={['.pdf']}
        maxSize="10 Mo"
        required
      />
    ),
  },
  {
    title: 'Ajout de plusieurs fichiers avec texte d’aide',
    render: () => (
      <Upload
        name="pieces_justificatives"
        label="Pièces justificatives"
        accept={['.pdf', '.jpg', '.png']}
        maxSize="20 Mo"
        multiple
        hint="Par exemple : derniers comptes approuvés, rapport d’activité."
      />
    ),
  },
  {
    title: 'Ajout de fichier en erreur',
    render: () => (
      <Upload
        name="piece_budget"
        label="Budget prévisionnel du projet"
        accept={['.pdf', '.xlsx', '.ods']}
        maxSize="10 Mo"
        error="Le fichier « budget.docx » n’est pas dans un format accepté."
      />
    ),
  },
];
