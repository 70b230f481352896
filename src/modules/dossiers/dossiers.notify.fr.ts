/** The words of the e-mails about dossiers (events and messages), in French (the reference). */
export const notifyFr = {
  events: {
    submitted: {
      subject: (reference: string, call: string) => `Nouveau dossier déposé ${reference} — ${call}`,
      body: (reference: string, organisation: string) =>
        `Le dossier ${reference} de ${organisation} vient d’être déposé.`,
    },
    correction_received: {
      subject: (reference: string, call: string) => `Correction reçue pour le dossier ${reference} — ${call}`,
      body: (reference: string, organisation: string) =>
        `${organisation} a déposé la correction demandée pour le dossier ${reference}.`,
    },
    withdrawn: {
      subject: (reference: string, call: string) => `Dossier ${reference} retiré — ${call}`,
      body: (reference: string, organisation: string) =>
        `Le dossier ${reference} de ${organisation} a été retiré par la structure.`,
    },
    instruction_started: {
      subject: (reference: string, call: string) => `Votre dossier ${reference} est en instruction — ${call}`,
      body: (reference: string, _organisation: string) =>
        `L’équipe d’instruction a commencé l’examen du dossier ${reference}.`,
    },
    correction_requested: {
      subject: (reference: string, call: string) =>
        `Correction demandée sur votre dossier ${reference} — ${call}`,
      body: (reference: string, _organisation: string) =>
        `L’équipe d’instruction demande une correction du dossier ${reference}. Modifiez-le puis déposez-le à nouveau avant la date indiquée sur sa page.`,
    },
    declared_admissible: {
      subject: (reference: string, call: string) => `Votre dossier ${reference} est recevable — ${call}`,
      body: (reference: string, _organisation: string) =>
        `Le dossier ${reference} a été déclaré recevable : il passe à l’étape suivante de l’appel.`,
    },
    declared_inadmissible: {
      subject: (reference: string, call: string) => `Votre dossier ${reference} est irrecevable — ${call}`,
      body: (reference: string, _organisation: string) =>
        `Le dossier ${reference} a été déclaré irrecevable.`,
    },
  },
  status: (label: string) => `Statut du dossier : ${label}`,
  reason: 'Motif',
  dueDate: (date: string) => `À corriger avant le ${date}.`,
  open: 'Voir le dossier',
  messages: {
    subject: (reference: string, call: string) => `Nouveaux messages sur le dossier ${reference} — ${call}`,
    intro: (count: number, reference: string) =>
      count === 1
        ? `Un nouveau message a été publié sur le dossier ${reference} :`
        : `${count} nouveaux messages ont été publiés sur le dossier ${reference} :`,
    staffAuthor: 'L’équipe d’instruction',
    applicantAuthor: 'Un membre de la structure',
    heading: (author: string, at: string) => `${author}, le ${at}`,
    reply: 'Pour répondre, rendez-vous sur la page du dossier.',
  },
};

export type NotifyMessages = typeof notifyFr;
