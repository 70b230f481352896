import type { NotificationTopic } from './notifications.topics.js';

export interface TopicWords {
  label: string;
  description: string;
  /** Ends « Vous recevez ce message car … » in e-mails of this topic. */
  because: string;
}

export const notificationsFr = {
  title: 'Notifications par e-mail',
  lead: 'Choisissez les e-mails que vous souhaitez recevoir. Les e-mails obligatoires vous sont toujours envoyés.',
  breadcrumb: { home: 'Accueil', account: 'Mon compte' },
  legend: 'E-mails reçus',
  mandatory: 'obligatoire (accusé de réception, décision)',
  correctionNote:
    'Les demandes de correction restent visibles sur la page du dossier : leur délai s’applique même si vous ne recevez pas l’e-mail.',
  save: 'Enregistrer mes préférences',
  saved: 'Vos préférences de notification sont enregistrées.',
  invalid: 'Choix de notification inconnu : rechargez la page et recommencez.',
  errorSummaryTitle: 'Il y a un problème',
  topics: {
    dossier_receipt: {
      label: 'Accusés de réception',
      description: 'L’accusé de réception de chaque dossier déposé, avec son numéro.',
      because: 'vous avez déposé un dossier',
    },
    dossier_decision: {
      label: 'Décisions sur les dossiers',
      description: 'Recevabilité ou irrecevabilité, puis lauréat ou non retenu, avec la motivation.',
      because: 'une décision a été prise sur un dossier de votre organisation',
    },
    dossier_status: {
      label: 'Suivi des dossiers',
      description: 'Mise en instruction, demande de correction, retrait d’un dossier de vos organisations.',
      because: 'vous êtes membre d’une organisation porteuse de ce dossier',
    },
    dossier_messages: {
      label: 'Messages sur les dossiers',
      description:
        'Les nouveaux messages échangés sur un dossier (au plus un e-mail par heure et par dossier).',
      because: 'vous suivez les messages de ce dossier',
    },
    dossier_staff_activity: {
      label: 'Activité des appels que j’instruis',
      description: 'Pour les instructeurs : nouveau dépôt, correction reçue, retrait d’un dossier.',
      because: 'vous instruisez cet appel',
    },
  } satisfies Record<NotificationTopic, TopicWords>,
  mail: {
    because: (reason: string) => `Vous recevez ce message car ${reason}.`,
    stop: (url: string) => `Pour ne plus recevoir ces e-mails : ${url}`,
  },
};

export type NotificationsMessages = typeof notificationsFr;
