/** Words of the e-mails the platform sends and of the development outbox (French: the reference). */
export const mailFr = {
  frame: {
    brand: 'French Impact',
    tagline: 'L’accélérateur national de l’innovation sociale',
    automatic:
      'Cet e-mail a été envoyé automatiquement par la plateforme French Impact. Merci de ne pas y répondre.',
  },
  test: {
    subject: 'E-mail d’essai de la plateforme French Impact',
    heading: 'E-mail d’essai',
    body: 'Cet e-mail a été envoyé par la plateforme French Impact pour vérifier que l’envoi des e-mails fonctionne.',
    requestedAt: (date: string) => `Envoi demandé le ${date}.`,
    nothingToDo: 'Vous n’avez rien à faire : si vous lisez ce message, l’envoi fonctionne.',
  },
  outbox: {
    title: 'Boîte mail de développement',
    intro:
      'Quand aucun serveur SMTP n’est configuré (variable SMTP_URL absente), les e-mails de la plateforme ne partent pas : ils sont conservés ici. Cette page n’existe pas en production.',
    smtpConfigured:
      'Un serveur SMTP est configuré : les nouveaux e-mails partent par SMTP et n’apparaissent pas ici.',
    caption: 'E-mails conservés, du plus récent au plus ancien',
    date: 'Date',
    to: 'Destinataire',
    subject: 'Objet',
    empty: 'Aucun e-mail conservé pour l’instant.',
    total: (count: string) => `${count} e-mail(s) conservé(s).`,
    pageOf: (page: number, pages: number) => ` — page ${page} sur ${pages}`,
    testTitle: 'Envoyer un e-mail d’essai',
    testLabel: 'Adresse e-mail du destinataire',
    testHint: 'Format attendu : nom@domaine.fr',
    testSubmit: 'Envoyer l’e-mail d’essai',
    emailRequired: 'Saisissez l’adresse e-mail du destinataire',
    emailInvalid: 'Saisissez une adresse e-mail au bon format, comme nom@domaine.fr',
    queuedTitle: 'E-mail d’essai mis en file d’envoi',
    queued:
      'Il apparaîtra dans cette liste (ou partira par SMTP) dès que la tâche d’envoi aura tourné : rechargez la page.',
    badPage: 'Ce numéro de page n’existe pas : indiquez un nombre entier à partir de 1.',
    notFound: 'Cet e-mail n’existe pas dans la boîte mail de développement.',
    detailTitle: (subject: string) => `E-mail « ${subject} »`,
    back: 'Retour à la boîte mail',
    from: 'Expéditeur',
    template: 'Modèle',
    textVersion: 'Version texte',
    htmlVersion: 'Version HTML',
    htmlHelp:
      'La version HTML s’ouvre seule, dans un bac à sable : ni script ni formulaire ne peuvent s’y exécuter.',
    openHtml: 'Ouvrir la version HTML',
  },
};

export type MailLabels = typeof mailFr;
