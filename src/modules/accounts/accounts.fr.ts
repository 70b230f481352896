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
  menu: {
    title: 'Mon compte',
    overview: 'Profil et sessions',
    security: 'Double authentification',
    email: 'Adresse e-mail',
    data: 'Mes données',
    organisations: 'Mes organisations',
    notifications: 'Notifications par e-mail',
    admin: 'Administration',
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
  link: {
    title: 'Recevoir un lien de connexion',
    lead: 'Indiquez l’adresse e-mail de votre compte : nous vous enverrons un lien qui vous connecte sans mot de passe. Il est valable 10 minutes et ne sert qu’une fois.',
    submit: 'Recevoir un lien',
    fromSignIn: 'Recevoir un lien de connexion par e-mail',
    sentTitle: 'Vérifiez votre boîte mail',
    sent: 'Si un compte existe avec cette adresse, un e-mail vient de lui être envoyé avec un lien de connexion. Le lien est valable 10 minutes et ne sert qu’une fois.',
    sentHint:
      'Vous ne le trouvez pas ? Regardez dans les courriers indésirables, ou demandez un nouveau lien : le précédent cessera de fonctionner.',
    openTitle: 'Se connecter avec le lien reçu',
    openLead: 'Confirmez pour ouvrir une session sur cet appareil.',
    openSubmit: 'Me connecter',
    mail: {
      subject: 'Votre lien de connexion',
      greeting: (name: string) => `Bonjour ${name},`,
      body: 'Vous avez demandé à vous connecter à la plateforme French Impact sans mot de passe. Ouvrez ce lien pour vous connecter (valable 10 minutes, une seule fois) :',
      ignore: 'Si vous n’avez rien demandé, ignorez ce message : personne ne peut se connecter sans ce lien.',
      action: 'Me connecter',
    },
  },
  emailChange: {
    title: 'Changer d’adresse e-mail',
    current: 'Adresse actuelle',
    how: 'Nous envoyons un lien de confirmation à la nouvelle adresse (valable 24 heures) : l’adresse ne change qu’une fois ce lien ouvert. Votre adresse actuelle reçoit un message qui signale la demande.',
    newEmail: 'Nouvelle adresse e-mail',
    password: 'Mot de passe actuel',
    passwordHint: 'Pour vérifier que la demande vient bien de vous.',
    submit: 'Envoyer le lien de confirmation',
    noPasswordTitle: 'Choisissez d’abord un mot de passe',
    noPassword:
      'Votre compte n’a pas de mot de passe (vous vous connectez par un fournisseur d’identité). Pour vérifier qu’un changement d’adresse vient bien de vous, il faut un mot de passe : choisissez-en un avec « Mot de passe oublié » (le lien arrive à votre adresse actuelle), puis revenez sur cette page.',
    noPasswordLink: 'Choisir un mot de passe',
    sent: 'Un lien de confirmation a été envoyé à la nouvelle adresse. Ouvrez-le dans les 24 heures pour terminer le changement.',
    confirmTitle: 'Confirmer votre nouvelle adresse e-mail',
    confirmLead:
      'Confirmez pour que cette adresse devienne celle de votre compte. Les autres sessions de votre compte seront fermées.',
    confirmSubmit: 'Confirmer la nouvelle adresse',
    doneTitle: 'Adresse e-mail changée',
    done: 'Votre adresse e-mail a été changée : utilisez-la désormais pour vous connecter. Les autres sessions de votre compte ont été fermées.',
    signIn: 'Se connecter',
    account: 'Retour à mon compte',
    errors: {
      same: 'C’est déjà l’adresse de votre compte : indiquez une autre adresse.',
      passwordRequired: 'Indiquez votre mot de passe actuel.',
      wrongPassword: 'Mot de passe incorrect.',
      taken:
        'Cette adresse est devenue celle d’un autre compte entre-temps : le changement n’a pas été fait. Gardez votre adresse actuelle ou demandez le changement vers une autre adresse.',
    },
    mail: {
      confirm: {
        subject: 'Confirmez votre nouvelle adresse e-mail',
        greeting: (name: string) => `Bonjour ${name},`,
        body: 'Une demande a été faite pour que cette adresse devienne celle de votre compte French Impact. Ouvrez ce lien pour la confirmer (valable 24 heures, une seule fois) :',
        ignore: 'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : rien ne changera.',
        action: 'Confirmer cette adresse',
      },
      taken: {
        subject: 'Cette adresse a déjà un compte',
        greeting: (name: string) => `Bonjour ${name},`,
        body: 'Quelqu’un a demandé que cette adresse devienne celle d’un autre compte de la plateforme French Impact. Elle a déjà un compte, le vôtre : rien n’a été changé.',
        ignore:
          'Si c’est vous, connectez-vous simplement avec cette adresse. Sinon, ignorez ce message : votre compte n’est pas touché.',
        action: 'Se connecter',
      },
      notice: {
        subject: 'Demande de changement d’adresse e-mail',
        greeting: (name: string) => `Bonjour ${name},`,
        body: 'Une demande de changement d’adresse e-mail a été faite pour votre compte French Impact. L’adresse ne changera que si le lien envoyé à la nouvelle adresse est ouvert.',
        ignore:
          'Si ce n’est pas vous, changez votre mot de passe au plus vite avec ce lien, puis fermez vos autres sessions depuis « Mon compte ».',
        action: 'Changer mon mot de passe',
      },
    },
  },
  data: {
    title: 'Mes données',
    lead: 'Ce que la plateforme garde sur vous, combien de temps, et comment l’obtenir ou l’effacer.',
    keptTitle: 'Ce que nous gardons, et combien de temps',
    kept: [
      'Votre compte (adresse e-mail, nom affiché, empreinte du mot de passe, rôles) : jusqu’à ce que vous le supprimiez. Un compte dont l’adresse n’a jamais été confirmée est effacé après 7 jours.',
      'Vos sessions (date, adresse IP, type de navigateur) : une session dure 30 jours au plus et se ferme après 12 heures sans activité (30 minutes pour les comptes d’agents) ; elle est effacée 30 jours après sa fin.',
      'Les liens envoyés par e-mail (connexion, confirmation, mot de passe) : valables de 10 minutes à 24 heures, effacés 24 heures après.',
      'La double authentification : la clé (chiffrée) et l’empreinte des codes de secours, jusqu’à ce que vous la désactiviez ou supprimiez votre compte.',
      'Le journal d’audit (connexions, changements de sécurité, avec la date et l’adresse IP) : conservé 5 ans. Il ne peut pas être modifié : après la suppression du compte, ses évènements passés restent, avec l’adresse e-mail qui les identifiait alors.',
      'Les compteurs anti-abus (adresse et IP sous forme d’empreinte) : jusqu’à la fin de leur fenêtre, une heure au plus.',
      'Les e-mails envoyés : leur objet et leur date.',
    ],
    privacyLink: 'La page « Données personnelles » de la plateforme',
    exportTitle: 'Télécharger mes données',
    export:
      'Un fichier JSON avec votre profil, vos rôles, vos sessions, vos comptes liés, l’état de la double authentification (jamais la clé ni les codes), les évènements du journal d’audit qui vous concernent et les e-mails qui vous ont été envoyés.',
    exportButton: 'Télécharger mes données (JSON)',
    deleteTitle: 'Supprimer mon compte',
    deleteLead:
      'La suppression est définitive : votre profil est anonymisé, vos sessions, liens, rôles, comptes liés et codes de secours sont effacés, et vous êtes déconnecté. Le journal d’audit garde ses évènements passés.',
    password: 'Mot de passe',
    passwordHint: 'Pour vérifier que la demande vient bien de vous.',
    typeEmail: 'Recopiez l’adresse e-mail de votre compte',
    typeEmailHint: 'Votre compte n’a pas de mot de passe : recopiez son adresse pour confirmer.',
    confirm: 'Je comprends que mon compte sera supprimé définitivement.',
    deleteButton: 'Supprimer mon compte',
    deletedTitle: 'Votre compte a été supprimé',
    deleted:
      'Votre compte a été supprimé et vous avez été déconnecté. Vous pouvez créer un nouveau compte avec la même adresse si vous le souhaitez.',
    home: 'Retour à l’accueil',
    errors: {
      confirmRequired: 'Cochez la case pour confirmer la suppression.',
      passwordRequired: 'Indiquez votre mot de passe.',
      wrongPassword: 'Mot de passe incorrect.',
      emailMismatch: 'L’adresse recopiée n’est pas celle de votre compte.',
      lastAdministrator:
        'Vous êtes le dernier administrateur de la plateforme : votre compte ne peut pas être supprimé. Attribuez d’abord ce rôle à un autre compte.',
    },
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
  secondFactor: {
    title: 'Double authentification',
    lead: 'En plus du mot de passe, la connexion demande un code à 6 chiffres donné par une application d’authentification (FreeOTP, Aegis, Google Authenticator, Microsoft Authenticator…). Un mot de passe volé ne suffit plus pour entrer dans votre compte.',
    staffRequired:
      'Votre rôle exige la double authentification : activez-la pour accéder aux pages de votre rôle.',
    staffConfirm:
      'Votre rôle exige la double authentification : connectez-vous à nouveau avec votre code pour accéder aux pages de votre rôle.',
    staffRequiredTitle: 'Double authentification obligatoire',
    offStatus: 'La double authentification n’est pas activée.',
    onStatus: 'La double authentification est activée.',
    start: 'Activer la double authentification',
    restart: 'Recommencer avec un nouveau code QR',
    step1: '1. Scannez ce code QR avec votre application d’authentification',
    step1Text: 'Vous ne pouvez pas scanner ? Saisissez cette clé dans l’application :',
    secretLabel: 'Clé secrète',
    qrLabel: 'Code QR à scanner avec votre application d’authentification',
    step2: '2. Saisissez le code affiché par l’application',
    confirm: 'Activer',
    code: 'Code à 6 chiffres',
    codeHint: 'Le code affiché par votre application d’authentification, par exemple 123456.',
    recoveryCode: 'Code de secours',
    recoveryCodeHint: 'Un des codes de secours reçus à l’activation, par exemple k7mh-3xqe-9tfw-2rbn.',
    codesTitle: 'Vos codes de secours',
    codesLead:
      'Chaque code permet une seule connexion si vous n’avez plus votre application. Notez-les ou imprimez-les et gardez-les en lieu sûr : ils ne seront plus jamais affichés.',
    codesContinue: 'J’ai noté mes codes, continuer',
    enabledNotice: 'La double authentification est activée.',
    unusedCodes: (n: number) =>
      n === 0
        ? 'Il ne vous reste aucun code de secours : générez-en de nouveaux.'
        : `Il vous reste ${n} code${n > 1 ? 's' : ''} de secours non utilisé${n > 1 ? 's' : ''}.`,
    regenerateTitle: 'Nouveaux codes de secours',
    regenerateLead:
      'Les anciens codes cesseront de fonctionner. Confirmez avec un code de votre application.',
    regenerate: 'Générer de nouveaux codes',
    disableTitle: 'Désactiver la double authentification',
    disableLead: 'Votre compte ne sera plus protégé que par votre mot de passe.',
    disableWithCode: 'Votre compte n’a pas de mot de passe : confirmez avec un code de votre application.',
    disable: 'Désactiver',
    disabledNotice: 'La double authentification est désactivée.',
    staffKeep:
      'Votre rôle exige la double authentification : elle ne peut pas être désactivée tant que vous le détenez.',
    signInTitle: 'Double authentification',
    signInLead: 'Saisissez le code à 6 chiffres affiché par votre application d’authentification.',
    signInRecoveryLead: 'Saisissez un de vos codes de secours. Chaque code ne sert qu’une fois.',
    verify: 'Valider',
    useRecovery: 'Je n’ai pas mon application : utiliser un code de secours',
    useApp: 'Utiliser le code de mon application',
    cancel: 'Annuler et se déconnecter',
    errors: {
      wrongCode:
        'Code incorrect. Saisissez le code à 6 chiffres affiché en ce moment par votre application (chaque code ne sert qu’une fois).',
      wrongRecoveryCode:
        'Code incorrect. Saisissez un code de secours pas encore utilisé, par exemple k7mh-3xqe-9tfw-2rbn.',
      wrongPassword: 'Mot de passe incorrect.',
      codeRequired: 'Saisissez le code.',
      alreadyOn: 'La double authentification est déjà activée sur ce compte.',
      notStarted:
        'L’activation a expiré ou n’a pas commencé : recommencez depuis la page « Double authentification ».',
      notOn: 'La double authentification n’est pas activée sur ce compte.',
      staffMustKeep:
        'Votre rôle exige la double authentification : elle ne peut pas être désactivée tant que vous le détenez.',
      accountGone: 'Ce compte n’existe plus.',
    },
  },
  roles: {
    names: {
      administrator: 'Administrateur',
      instructor: 'Instructeur',
      reviewer: 'Évaluateur',
      public_hacker: 'Hacker public',
      funder: 'Financeur',
      territory_coordinator: 'Coordinateur de territoire',
      member: 'Membre',
    },
    scopes: {
      call: 'appel',
      administration: 'administration',
      region: 'région',
      partner: 'partenaire financeur',
      territory: 'territoire',
      organisation: 'organisation',
    },
    errors: {
      scope: 'Ce rôle ne s’attribue pas pour cet objet : choisissez le type d’objet qui convient au rôle.',
      unknownUser: 'Ce compte n’existe pas ou a été supprimé.',
      unknownAssignment: 'Ce rôle a déjà été retiré.',
      alreadyHeld: 'Ce compte a déjà ce rôle pour cet objet.',
      lastAdministrator:
        'C’est le dernier administrateur de la plateforme : attribuez d’abord ce rôle à un autre compte.',
    },
  },
  oidc: {
    or: 'ou',
    withPassword: 'Avec votre adresse e-mail et votre mot de passe',
    connectLogin: 'S’identifier avec',
    whatIs: (brand: string) => `Qu’est-ce que ${brand} ?`,
    newWindow: 'nouvelle fenêtre',
    failedTitle: 'Connexion impossible',
    back: 'Revenir à la page de connexion',
    refused: {
      provider_error:
        'Le service d’identification n’a pas autorisé la connexion (vous l’avez peut-être annulée). Aucune information n’a été transmise.',
      invalid_state:
        'Cette réponse de connexion n’est plus valable : elle a déjà servi, elle a expiré (10 minutes) ou elle ne correspond à aucune connexion commencée dans ce navigateur. Recommencez depuis la page de connexion.',
      token_error:
        'La réponse du service d’identification n’a pas pu être vérifiée. Recommencez depuis la page de connexion.',
      no_email:
        'Le service d’identification n’a pas transmis d’adresse e-mail : impossible de créer ou de retrouver votre compte.',
      email_not_verified:
        'Le service d’identification n’a pas confirmé votre adresse e-mail : impossible de créer un compte ou de retrouver le vôtre avec elle. Confirmez l’adresse auprès de ce service, ou créez un compte avec un mot de passe.',
      account_deleted: 'Le compte rattaché à cette identité a été supprimé.',
    },
    unavailableTitle: 'Service d’identification indisponible',
    unavailable: (label: string) =>
      `Le service « ${label} » ne répond pas pour le moment. Réessayez dans quelques minutes, ou connectez-vous avec votre adresse e-mail et votre mot de passe.`,
    link: {
      title: 'Rattacher votre identité à votre compte',
      lead: (email: string, provider: string) =>
        `Un compte existe déjà avec l’adresse ${email}. Rattacher votre identité ${provider} à ce compte ?`,
      explain:
        'Pour vérifier que ce compte est bien le vôtre, saisissez son mot de passe. Vous pourrez ensuite vous connecter de l’une ou l’autre façon.',
      submit: 'Rattacher et me connecter',
      cancel: 'Annuler',
      wrongPassword: 'Mot de passe incorrect.',
      noPasswordTitle: 'Ce compte n’a pas de mot de passe',
      noPassword:
        'Choisissez d’abord un mot de passe avec « Mot de passe oublié » (un lien est envoyé à l’adresse du compte), puis recommencez la connexion.',
      forgot: 'Mot de passe oublié',
      expired:
        'Cette demande de rattachement n’est plus valable (elle dure 10 minutes). Recommencez la connexion depuis la page de connexion.',
      cancelled: 'Le rattachement a été annulé : rien n’a changé.',
    },
    identities: {
      title: 'Identités rattachées',
      lead: 'Vous pouvez vous connecter à votre compte avec ces services d’identification.',
      provider: 'Service',
      email: 'Adresse transmise',
      since: 'Rattachée le',
      actions: 'Action',
      unlink: (label: string) => `Dissocier (${label})`,
      needsPassword:
        'Pour dissocier une identité, choisissez d’abord un mot de passe avec « Mot de passe oublié » : sans lui, vous ne pourriez plus vous connecter.',
      noPassword:
        'Ce compte n’a pas de mot de passe : dissocier cette identité vous empêcherait de vous connecter. Choisissez d’abord un mot de passe.',
      unlinked: 'L’identité a été dissociée de votre compte.',
    },
  },
};

export type AccountsMessages = typeof accountsFr;
