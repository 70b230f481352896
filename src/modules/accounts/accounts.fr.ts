/** The words of the accounts pages and e-mails, in French (the reference). */
export const accountsFr = {
  fields: {
    email: 'Adresse e-mail',
    emailHint: 'Format attendu : nom@domaine.fr',
    name: 'Nom affiché',
    nameHint: 'Votre prénom et votre nom, tels que les autres membres les verront.',
    password: 'Mot de passe',
    passwordHint:
      'De 12 à 128 caractères. Une phrase de plusieurs mots est plus sûre et plus facile à retenir.',
    newPassword: 'Nouveau mot de passe',
    confirm: 'Confirmez le mot de passe',
  },
  signUp: {
    title: 'Créer un compte',
    lead: 'Un compte vous permet de suivre vos démarches auprès du programme French Impact.',
    submit: 'Créer mon compte',
    haveAccount: 'Vous avez déjà un compte ?',
    signIn: 'Se connecter',
    sentTitle: 'Vérifiez votre boîte mail',
    sent: 'Si cette adresse peut recevoir un compte, un e-mail vient de lui être envoyé avec un lien pour confirmer l’adresse. Le lien est valable 24 heures.',
    sentHint: 'Vous ne le trouvez pas ? Regardez dans les courriers indésirables.',
  },
  verify: {
    title: 'Confirmer votre adresse e-mail',
    lead: 'Confirmez que cette adresse est bien la vôtre pour activer votre compte.',
    submit: 'Confirmer mon adresse',
    doneTitle: 'Adresse confirmée',
    done: 'Votre adresse e-mail est confirmée. Vous pouvez maintenant vous connecter.',
  },
  signIn: {
    title: 'Se connecter',
    submit: 'Se connecter',
    forgot: 'Mot de passe oublié ?',
    noAccount: 'Pas encore de compte ?',
    signUp: 'Créer un compte',
    unverifiedTitle: 'Adresse pas encore confirmée ?',
    unverified:
      'La connexion n’est possible qu’une fois l’adresse confirmée par le lien reçu à l’inscription. Si votre compte n’est pas encore confirmé et que le mot de passe saisi est le bon, un nouveau lien vient de vous être envoyé par e-mail.',
    signedOut: 'Vous êtes déconnecté.',
    resetDone:
      'Votre mot de passe a été changé et toutes vos sessions ont été fermées. Connectez-vous avec le nouveau mot de passe.',
    verified: 'Votre adresse e-mail est confirmée. Vous pouvez maintenant vous connecter.',
  },
  forgot: {
    title: 'Mot de passe oublié',
    lead: 'Indiquez l’adresse e-mail de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.',
    submit: 'Recevoir un lien',
    sentTitle: 'Vérifiez votre boîte mail',
    sent: 'Si un compte existe avec cette adresse, un e-mail vient de lui être envoyé avec un lien pour choisir un nouveau mot de passe. Le lien est valable une heure et ne sert qu’une fois.',
  },
  reset: {
    title: 'Choisir un nouveau mot de passe',
    lead: 'Toutes vos sessions ouvertes seront fermées.',
    submit: 'Enregistrer le mot de passe',
  },
  account: {
    title: 'Mon compte',
    profile: 'Profil',
    sessions: 'Sessions actives',
    sessionsLead:
      'Les appareils et navigateurs connectés à votre compte. Fermez ceux que vous ne reconnaissez pas.',
    device: 'Appareil',
    since: 'Connecté depuis',
    lastSeen: 'Dernière activité',
    ip: 'Adresse IP',
    actions: 'Action',
    current: 'Cette session',
    revoke: 'Déconnecter cette session',
    revokeOthers: 'Déconnecter toutes les autres sessions',
    revoked: 'La session a été déconnectée.',
    othersRevoked: 'Les autres sessions ont été déconnectées.',
    unknownDevice: 'Appareil inconnu',
  },
  errors: {
    emailInvalid: 'Indiquez une adresse e-mail valide, par exemple nom@exemple.fr.',
    emailTooLong: 'L’adresse e-mail compte 254 caractères au plus.',
    nameRequired: 'Indiquez le nom à afficher.',
    nameTooLong: 'Le nom affiché compte 100 caractères au plus.',
    passwordRequired: 'Indiquez votre mot de passe.',
    passwordTooLong: 'Le mot de passe doit compter 128 caractères au plus.',
    confirmMismatch: 'Les deux mots de passe ne sont pas identiques.',
    badCredentials: 'Adresse e-mail ou mot de passe incorrect.',
    linkInvalid:
      'Ce lien n’est plus valable : il a déjà servi ou il a expiré. Demandez-en un nouveau si besoin.',
    tokenMissing: 'Le lien est incomplet : copiez l’adresse complète reçue par e-mail.',
  },
  mail: {
    verification: {
      subject: 'Confirmez votre adresse e-mail',
      greeting: (name: string) => `Bonjour ${name},`,
      body: 'Vous venez de créer un compte sur la plateforme French Impact. Pour l’activer, confirmez votre adresse e-mail en ouvrant ce lien (valable 24 heures, une seule fois) :',
      ignore: 'Si vous n’avez pas créé de compte, ignorez ce message : aucun compte ne sera activé.',
      action: 'Confirmer mon adresse',
    },
    reset: {
      subject: 'Choisissez un nouveau mot de passe',
      greeting: (name: string) => `Bonjour ${name},`,
      body: 'Une demande de nouveau mot de passe a été faite pour votre compte. Ouvrez ce lien pour le choisir (valable une heure, une seule fois) :',
      ignore:
        'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe ne change pas.',
      action: 'Choisir un nouveau mot de passe',
    },
    exists: {
      subject: 'Vous avez déjà un compte',
      greeting: (name: string) => `Bonjour ${name},`,
      body: 'Quelqu’un (vous, sans doute) a essayé de créer un compte avec cette adresse, qui en a déjà un. Connectez-vous, ou choisissez un nouveau mot de passe si vous l’avez oublié :',
      ignore: 'Si ce n’est pas vous, ignorez ce message : rien n’a changé.',
      action: 'Mot de passe oublié',
    },
  },
  roles: {
    names: {
      administrateur: 'Administrateur',
      instructeur: 'Instructeur',
      evaluateur: 'Évaluateur',
      hacker_public: 'Hacker public',
      financeur: 'Financeur',
      coordinateur: 'Coordinateur de territoire',
      membre: 'Membre',
    },
    scopes: {
      appel: 'appel',
      administration: 'administration',
      region: 'région',
      partenaire: 'partenaire financeur',
      territoire: 'territoire',
      organisation: 'organisation',
    },
    errors: {
      scope: 'Ce rôle ne s’attribue pas pour cet objet : choisissez le type d’objet qui convient au rôle.',
      unknownUser: 'Ce compte n’existe pas ou a été supprimé.',
      unknownAssignment: 'Ce rôle a déjà été retiré.',
      alreadyHeld: 'Ce compte a déjà ce rôle pour cet objet.',
    },
  },
};

export type AccountsMessages = typeof accountsFr;
