import { componentsFr } from './components.fr.js';

/**
 * The French catalogue: the reference. Every word a user sees comes from here (or its English twin,
 * which TypeScript holds to the same shape). Domain terms follow docs/GLOSSARY.md.
 */
export const fr = {
  lang: 'fr',
  site: {
    name: 'French Impact',
    tagline: 'L’accélérateur national de l’innovation sociale',
    marianne: ['République', 'Française'],
    homeTitle: 'Accueil — French Impact',
  },
  skipLinks: { label: 'Accès rapide', content: 'Contenu', menu: 'Menu', footer: 'Pied de page' },
  header: {
    menu: 'Menu',
    close: 'Fermer',
    mainNav: 'Menu principal',
    language: 'Langue',
    switchTo: 'English',
    switchToLang: 'en',
    switchToTitle: 'Switch the site to English',
    display: 'Paramètres d’affichage',
    account: 'Mon compte',
    dossiers: 'Mes dossiers',
    instruction: 'Instruction',
    reviews: 'Évaluations',
    signIn: 'Se connecter',
    signOut: 'Se déconnecter',
  },
  nav: {
    home: 'Accueil',
    community: 'Communauté',
    calls: 'Appels à projets',
    showcase: 'Vitrine',
    labels: 'Labels',
    territories: 'Territoires',
    hackers: 'Hackers publics',
    funding: 'Financement',
    impact: 'Impact',
    opendata: 'Données ouvertes',
  },
  footer: {
    description:
      'French Impact rassemble les acteurs de l’innovation sociale et aide les initiatives locales qui ont fait leurs preuves à changer d’échelle.',
    sitemap: 'Plan du site',
    accessibility: 'Accessibilité : non conforme',
    legal: 'Mentions légales',
    privacy: 'Données personnelles',
    about: 'À propos',
    licence:
      'Sauf mention explicite de propriété intellectuelle détenue par des tiers, les contenus de ce site sont proposés sous',
    licenceName: 'licence etalab-2.0',
    sourceCode: 'Code source ouvert',
    externalTitle: (name: string) => `${name} — nouvelle fenêtre`,
  },
  display: {
    title: 'Paramètres d’affichage',
    legend: 'Choisissez un thème pour personnaliser l’apparence du site.',
    light: 'Thème clair',
    dark: 'Thème sombre',
    system: 'Système',
    systemHint: 'Utilise les paramètres système',
    save: 'Appliquer',
  },
  errors: {
    title: (status: number) => `Erreur ${status}`,
    notFoundTitle: 'Page non trouvée',
    notFound: 'La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.',
    notFoundHelp:
      'Si vous avez tapé l’adresse web dans le navigateur, vérifiez qu’elle est correcte. La page n’est peut-être plus disponible.',
    forbiddenTitle: 'Accès refusé',
    tooLargeTitle: 'Envoi trop volumineux',
    tooLarge: (max: string) => `Ce que vous avez envoyé dépasse la taille maximale acceptée (${max}).`,
    badRequestTitle: 'Requête invalide',
    unsupportedTitle: 'Format non pris en charge',
    unsupported: 'Le format de ce qui a été envoyé n’est pas accepté par cette page.',
    rateLimitedTitle: 'Trop de tentatives',
    serverTitle: 'Erreur inattendue',
    server:
      'Désolés, le service rencontre un problème. Nous y travaillons pour le résoudre le plus rapidement possible.',
    serverHelp: 'Essayez de rafraîchir la page ou réessayez un peu plus tard.',
    reference: 'Référence de l’incident à communiquer au support :',
    backHome: 'Page d’accueil',
    formSummary: 'Le formulaire contient des erreurs',
  },
  comingSoon: {
    badge: 'Bientôt disponible',
    intro: 'Cette partie de la plateforme est en cours de construction. Elle n’affiche encore aucune donnée.',
    whatComes: 'Ce qui arrive',
    meanwhile: 'En attendant, vous pouvez consulter la présentation du programme.',
    aboutLink: 'À propos de French Impact',
  },
  components: componentsFr,
};

export type Messages = typeof fr;
