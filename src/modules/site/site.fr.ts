/** The words of the site's own pages (home, about, legal pages, sitemap, domains to come), in French. */
export const siteFr = {
  home: {
    title: 'French Impact',
    lead: 'Le mouvement et l’accélérateur national de l’innovation sociale, lancés par l’État le 18 janvier 2018.',
    intro:
      'Associations, fondations, coopératives, mutuelles, collectivités, entrepreneurs sociaux et entreprises engagées se rassemblent sous une même bannière pour transformer le pays en profondeur. L’accélérateur aide les initiatives locales qui ont démontré leur impact à changer d’échelle et à se déployer au niveau national.',
    purposesTitle: 'Ce que fait la plateforme',
    figuresSource:
      'Chiffres du programme annoncés au lancement du 18 janvier 2018 et bilan de l’appel Pionniers 2018.',
    about: 'Découvrir le programme et son calendrier',
  },
  purposes: [
    {
      key: 'community',
      href: '/annuaire',
      title: 'Fédérer la communauté',
      figure: '7',
      figureLabel: 'familles d’acteurs sous une même bannière',
      text: 'Chaque acteur de l’innovation sociale rejoint le mouvement et figure dans un annuaire national public.',
    },
    {
      key: 'calls',
      href: '/appels',
      title: 'Repérer et accélérer',
      figure: '22',
      figureLabel: 'Pionniers lauréats en 2018, sur 200 candidatures et 45 auditions',
      text: 'Des appels à projets repèrent les initiatives locales à fort impact et les accompagnent pour changer d’échelle.',
    },
    {
      key: 'labels',
      href: '/labels',
      title: 'Labelliser',
      figure: '2',
      figureLabel: 'labels : structures d’accompagnement et territoires',
      text: 'Un appel permanent labellise les incubateurs, ruches, financeurs, évaluateurs d’impact, PTCE et les territoires innovants.',
    },
    {
      key: 'territories',
      href: '/territoires',
      title: 'Territoires',
      figure: '≈ 10',
      figureLabel: 'territoires pilotes dès mai 2018, puis toutes les régions en 2019',
      text: 'L’accélérateur est d’abord testé dans une dizaine de territoires pilotes avant d’être généralisé.',
    },
    {
      key: 'hackers',
      href: '/hackers-publics',
      title: 'Hackers publics',
      figure: '1',
      figureLabel: 'hacker public dans chaque ministère et chaque région',
      text: 'Des agents publics lèvent les obstacles administratifs et financiers rencontrés par les innovateurs sociaux.',
    },
    {
      key: 'funding',
      href: '/financement',
      title: 'Financer',
      figure: '1 Md€',
      figureLabel: 'de fonds publics et privés mobilisés sur 2018–2022',
      text: 'Dont un fonds d’amorçage national avec la Caisse des Dépôts, Bpifrance, le Crédit Coopératif, BNP Paribas et France Active.',
    },
    {
      key: 'impact',
      href: '/impact',
      title: 'Mesurer l’impact',
      figure: '101',
      figureLabel: 'départements où suivre le déploiement des solutions',
      text: 'Des indicateurs d’impact communs, déclarés par les projets et consolidés par territoire et au niveau national.',
    },
    {
      key: 'opendata',
      href: '/donnees',
      title: 'Ouvrir',
      figure: '100 %',
      figureLabel: 'code source ouvert et données publiées',
      text: 'Annuaire, labels, lauréats, territoires, simplifications et subventions en données ouvertes, avec une API documentée.',
    },
  ],
  about: {
    title: 'À propos de French Impact',
    lead: 'Lancement de l’Accélérateur national de l’innovation sociale « French Impact », le 18 janvier 2018.',
    paragraphs: [
      'Le mouvement « French Impact » a été lancé le jeudi 18 janvier 2018 par Nicolas Hulot, ministre de la Transition écologique et solidaire, et Christophe Itier, haut-commissaire à l’économie sociale et solidaire et à l’innovation sociale, en présence de Jean-Michel Blanquer, ministre de l’Éducation nationale, et de Julien Denormandie, secrétaire d’État auprès du ministre de la Cohésion des territoires.',
      'Il a pour ambition de rassembler, au-delà du secteur de l’économie sociale et solidaire, tous les acteurs qui souhaitent transformer le pays en profondeur par leurs initiatives sociales : associations, fondations, coopératives, mutuelles, collectivités, entrepreneurs sociaux et entreprises engagées peuvent se revendiquer d’une même bannière.',
      'Au cœur du French Impact, un accélérateur d’innovation sociale permet aux initiatives locales qui ont démontré leur impact de changer d’échelle et de se déployer au niveau national. Le gouvernement mobilise 1 milliard d’euros de fonds publics et privés sur la durée du quinquennat, dont un fonds d’amorçage national réunissant la Caisse des Dépôts, Bpifrance, le Crédit Coopératif, BNP Paribas et France Active.',
      'Dans chaque ministère et en région, des fonctionnaires, les « hackers publics », ont pour mission de simplifier les démarches administratives et financières des innovateurs sociaux.',
    ],
    calendarTitle: 'Calendrier du programme',
    calendar: [
      {
        when: '18 janvier 2018',
        what: 'Lancement du mouvement French Impact et de l’appel à projets « Pionniers » (10 à 15 entreprises pionnières attendues).',
      },
      { when: 'Février 2018', what: 'Mise en place d’une plateforme numérique pour animer la communauté.' },
      {
        when: 'Mars 2018',
        what: 'Appel à candidatures pour labelliser des structures d’accompagnement (ruches, incubateurs…) et des territoires innovants.',
      },
      { when: 'Mai 2018', what: 'Test de l’accélérateur dans une dizaine de territoires pilotes.' },
      { when: 'Fin du 2e trimestre 2018', what: 'Création du fonds d’amorçage national.' },
      { when: '2019', what: 'Généralisation du dispositif à toutes les régions.' },
      { when: '2018–2022', what: 'Mobilisation de 1 milliard d’euros de fonds publics et privés.' },
    ],
    source: 'Source : communiqué de lancement du 29 janvier 2018.',
  },
  legal: {
    title: 'Mentions légales',
    sections: [
      {
        heading: 'Éditeur',
        text: 'Cette plateforme est éditée par l’État, pour le programme French Impact, accélérateur national de l’innovation sociale, placé auprès du haut-commissariat à l’économie sociale et solidaire et à l’innovation sociale.',
      },
      {
        heading: 'Directeur de la publication',
        text: 'Le haut-commissaire à l’économie sociale et solidaire et à l’innovation sociale.',
      },
      {
        heading: 'Hébergement',
        text: 'L’hébergeur de chaque instance est indiqué par l’administration qui la met en service. Le code de la plateforme peut être installé par tout service de l’État.',
      },
      {
        heading: 'Réutilisation des contenus',
        text: 'Sauf mention contraire, les contenus et données publiés sont réutilisables sous la licence ouverte Etalab 2.0. Le système de design de l’État (DSFR) est réservé aux sites de l’État : une installation hors de l’État doit remplacer le thème.',
      },
      {
        heading: 'Code source',
        text: 'Le code source de la plateforme est ouvert.',
      },
    ],
  },
  privacy: {
    title: 'Données personnelles',
    lead: 'Ce que la plateforme garde sur vous, pourquoi, et pour combien de temps.',
    sections: [
      {
        heading: 'Responsable de traitement',
        text: 'Le programme French Impact (État). Vous pouvez exercer vos droits d’accès, de rectification, d’effacement et d’opposition auprès de lui.',
      },
      {
        heading: 'Données traitées aujourd’hui',
        text: 'Si vous créez un compte : votre adresse e-mail, le nom que vous choisissez d’afficher, l’empreinte de votre mot de passe (jamais le mot de passe lui-même), vos rôles, vos comptes liés (fournisseur d’identité) et, si vous l’activez, la double authentification (clé chiffrée, empreinte des codes de secours) ; pour chaque session ouverte, sa date, son adresse IP et le type de navigateur ; le journal d’audit des actions de sécurité ; les e-mails qui vous sont envoyés. Pour tous : les journaux techniques du serveur (adresse IP, identifiant de requête, page demandée, date), pour la sécurité du service, pendant 12 mois au plus.',
      },
      {
        heading: 'Durées de conservation',
        text: 'Compte : jusqu’à sa suppression, que vous pouvez faire vous-même depuis « Mon compte › Mes données » (où vous pouvez aussi télécharger vos données) ; un compte dont l’adresse n’a jamais été confirmée est effacé après 7 jours. Sessions : 30 jours au plus, fermées après 12 heures sans activité (30 minutes pour les comptes d’agents), effacées 30 jours après leur fin. Liens envoyés par e-mail : valables de 10 minutes à 24 heures, effacés 24 heures après. Compteurs anti-abus : adresse e-mail et adresse IP sous forme d’empreinte, jusqu’à la fin de leur fenêtre (une heure au plus). E-mails envoyés : le message reste 7 jours dans la file d’envoi après son envoi (30 jours s’il n’a pas pu partir). Journal d’audit : 5 ans. Il est en ajout seul et chaîné, pour qu’aucune trace ne puisse être effacée ni modifiée : quand un compte est supprimé, ses évènements passés restent avec l’adresse e-mail et l’adresse IP qui les identifiaient alors, et seul le compte lui-même est anonymisé.',
      },
      {
        heading: 'Cookies',
        text: 'Trois cookies strictement nécessaires, sans mesure d’audience ni publicité, qui ne demandent donc pas votre consentement : « csrf », qui protège les formulaires (durée de la session du navigateur), « session », qui vous garde connecté (30 jours au plus, seulement si vous vous connectez), et « lang », qui retient la langue que vous choisissez (12 mois).',
      },
      {
        heading: 'Vos droits',
        text: 'Conformément au règlement général sur la protection des données (RGPD) et à la loi Informatique et libertés, vous pouvez aussi adresser une réclamation à la CNIL.',
      },
    ],
  },
  accessibility: {
    title: 'Déclaration d’accessibilité',
    lead: 'L’État s’engage à rendre ses sites internet accessibles, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.',
    sections: [
      {
        heading: 'État de conformité',
        text: 'La plateforme French Impact est non conforme avec le référentiel général d’amélioration de l’accessibilité (RGAA) version 4.1, car aucun audit de conformité n’a encore été réalisé.',
      },
      {
        heading: 'Ce qui est vérifié à chaque modification',
        text: 'Chaque page est contrôlée automatiquement avec axe-core (critères WCAG 2.1 niveaux A et AA) dans un vrai navigateur, ainsi que la navigation au clavier et les liens d’évitement. Ces contrôles automatiques ne remplacent pas un audit.',
      },
      {
        heading: 'Établissement de cette déclaration',
        text: 'Cette déclaration a été établie le 27 novembre 2026.',
      },
      {
        heading: 'Retour d’information et contact',
        text: 'Si vous n’arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter le programme French Impact pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.',
      },
      {
        heading: 'Voies de recours',
        text: 'Si vous avez signalé un défaut d’accessibilité sans obtenir de réponse satisfaisante, vous pouvez écrire au Défenseur des droits, contacter son délégué dans votre région ou lui écrire par courrier gratuit : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.',
      },
    ],
  },
  sitemap: {
    title: 'Plan du site',
    general: 'Informations',
    domains: 'Les rubriques',
  },
  domains: {
    '/labels': {
      title: 'Labels',
      lead: 'Les structures d’accompagnement et les territoires labellisés French Impact.',
      coming: [
        'Le registre public des labels, avec leur numéro, leur date et leur validité.',
        'Une page de vérification par numéro de label, un badge à intégrer et un certificat PDF.',
      ],
    },
    '/territoires': {
      title: 'Territoires',
      lead: 'Les territoires pilotes puis labellisés, et leurs collectifs d’acteurs.',
      coming: [
        'La carte nationale des territoires et de leur phase (pilote, labellisé, généralisé).',
        'La page de chaque territoire : membres, défis, projets, structures labellisées et impact.',
      ],
    },
    '/hackers-publics': {
      title: 'Hackers publics',
      lead: 'Signaler un obstacle administratif ou financier, et consulter les simplifications obtenues.',
      coming: [
        'Le signalement d’un obstacle, orienté vers le hacker public du ministère ou de la région compétents.',
        'La base publique des simplifications obtenues et les statistiques par administration et par région.',
      ],
    },
    '/financement': {
      title: 'Financement',
      lead: 'Le suivi du milliard d’euros mobilisé pour l’innovation sociale.',
      coming: [
        'Les engagements et versements des partenaires, par fonds et par instrument.',
        'Le tableau de bord public : engagé et versé face à l’objectif, par partenaire, année, région et domaine.',
      ],
    },
    '/impact': {
      title: 'Impact',
      lead: 'Mesurer l’impact des projets accompagnés et leur essaimage.',
      coming: [
        'Une bibliothèque d’indicateurs communs et les indicateurs propres à chaque projet.',
        'Les consolidations par promotion, par territoire et au niveau national.',
      ],
    },
    '/donnees': {
      title: 'Données ouvertes',
      lead: 'Les données publiques de la plateforme et son API.',
      coming: [
        'Des jeux de données en CSV et JSON, avec schémas documentés et adresses stables.',
        'Une API JSON versionnée, documentée en OpenAPI.',
      ],
    },
  } as Record<string, { title: string; lead: string; coming: string[] }>,
};

export type SiteMessages = typeof siteFr;
