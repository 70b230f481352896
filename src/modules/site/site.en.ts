import type { SiteMessages } from './site.fr.js';

export const siteEn: SiteMessages = {
  home: {
    title: 'French Impact',
    lead: 'The national movement and accelerator for social innovation, launched by the French State on 18 January 2018.',
    intro:
      'Associations, foundations, cooperatives, mutuals, local authorities, social entrepreneurs and committed companies gather under one banner to transform the country in depth. The accelerator helps local initiatives with proven impact to scale up and spread nationally.',
    purposesTitle: 'What the platform does',
    figuresSource:
      'Programme figures announced at the launch on 18 January 2018 and results of the 2018 Pioneers call.',
    about: 'Discover the programme and its calendar',
  },
  purposes: [
    {
      key: 'community',
      href: '/annuaire',
      title: 'Bring the community together',
      figure: '7',
      figureLabel: 'kinds of actors under one banner',
      text: 'Every actor of social innovation joins the movement and appears in a public national directory.',
    },
    {
      key: 'calls',
      href: '/appels',
      title: 'Spot and accelerate',
      figure: '22',
      figureLabel: 'Pioneer laureates in 2018, out of 200 applications and 45 auditions',
      text: 'Calls for projects spot high-impact local initiatives and support them to scale up.',
    },
    {
      key: 'labels',
      href: '/labels',
      title: 'Label',
      figure: '2',
      figureLabel: 'labels: support structures and territories',
      text: 'A permanent call labels incubators, hives, funders, impact assessors, PTCEs and innovative territories.',
    },
    {
      key: 'territories',
      href: '/territoires',
      title: 'Territories',
      figure: '≈ 10',
      figureLabel: 'pilot territories from May 2018, then every region in 2019',
      text: 'The accelerator is first tested in about ten pilot territories before being generalised.',
    },
    {
      key: 'hackers',
      href: '/hackers-publics',
      title: 'Public hackers',
      figure: '1',
      figureLabel: 'public hacker in each ministry and each region',
      text: 'Civil servants remove the administrative and financial obstacles that social innovators hit.',
    },
    {
      key: 'funding',
      href: '/financement',
      title: 'Fund',
      figure: '€1 bn',
      figureLabel: 'of public and private funds mobilised over 2018–2022',
      text: 'Including a national seed fund with the Caisse des Dépôts, Bpifrance, Crédit Coopératif, BNP Paribas and France Active.',
    },
    {
      key: 'impact',
      href: '/impact',
      title: 'Measure impact',
      figure: '101',
      figureLabel: 'départements in which to follow how solutions spread',
      text: 'Common impact indicators, reported by projects and rolled up by territory and nationally.',
    },
    {
      key: 'opendata',
      href: '/donnees',
      title: 'Open up',
      figure: '100 %',
      figureLabel: 'open source code and published data',
      text: 'Directory, labels, laureates, territories, simplifications and grants as open data, with a documented API.',
    },
  ],
  about: {
    title: 'About French Impact',
    lead: 'Launch of the national accelerator for social innovation "French Impact", 18 January 2018.',
    paragraphs: [
      'The "French Impact" movement was launched on Thursday 18 January 2018 by Nicolas Hulot, Minister for the Ecological and Inclusive Transition, and Christophe Itier, High Commissioner for the Social and Solidarity Economy and Social Innovation, with Jean-Michel Blanquer, Minister of Education, and Julien Denormandie, Secretary of State to the Minister for Territorial Cohesion.',
      'It aims to gather, beyond the social and solidarity economy, every actor who wants to transform the country through social initiatives: associations, foundations, cooperatives, mutuals, local authorities, social entrepreneurs and committed companies can all claim the same banner.',
      'At the heart of French Impact, a social innovation accelerator lets local initiatives with proven impact scale up and spread nationally. The government mobilises €1 billion of public and private funds over the five-year term, including a national seed fund with the Caisse des Dépôts, Bpifrance, Crédit Coopératif, BNP Paribas and France Active.',
      'In every ministry and region, civil servants, the "public hackers", simplify the administrative and financial procedures of social innovators.',
    ],
    calendarTitle: 'Programme calendar',
    calendar: [
      {
        when: '18 January 2018',
        what: 'Launch of the French Impact movement and of the "Pioneers" call for projects (10 to 15 pioneering companies expected).',
      },
      { when: 'February 2018', what: 'A digital platform to animate the community.' },
      {
        when: 'March 2018',
        what: 'Call for applications to label support structures (hives, incubators…) and innovative territories.',
      },
      { when: 'May 2018', what: 'The accelerator tested in about ten pilot territories.' },
      { when: 'End of Q2 2018', what: 'Creation of the national seed fund.' },
      { when: '2019', what: 'Generalisation to every region.' },
      { when: '2018–2022', what: '€1 billion of public and private funds mobilised.' },
    ],
    source: 'Source: launch press release of 29 January 2018.',
  },
  legal: {
    title: 'Legal notice',
    sections: [
      {
        heading: 'Publisher',
        text: 'This platform is published by the French State for the French Impact programme, the national accelerator for social innovation, under the High Commissioner for the Social and Solidarity Economy and Social Innovation.',
      },
      {
        heading: 'Publication director',
        text: 'The High Commissioner for the Social and Solidarity Economy and Social Innovation.',
      },
      {
        heading: 'Hosting',
        text: 'The host of each instance is stated by the administration that runs it. Any State service may install the platform’s code.',
      },
      {
        heading: 'Reuse of content',
        text: 'Unless stated otherwise, published content and data may be reused under the Etalab 2.0 open licence. The State design system (DSFR) is reserved to State websites: an installation outside the State must replace the theme.',
      },
      { heading: 'Source code', text: 'The platform’s source code is open.' },
    ],
  },
  privacy: {
    title: 'Personal data',
    lead: 'What the platform keeps about you, why, and for how long.',
    sections: [
      {
        heading: 'Data controller',
        text: 'The French Impact programme (French State). You may exercise your rights of access, rectification, erasure and objection with it.',
      },
      {
        heading: 'Data processed today',
        text: 'If you create an account: your e-mail address, the name you choose to display, a hash of your password (never the password itself), your roles, your linked accounts (identity provider) and, if you turn it on, two-factor authentication (encrypted key, hashes of the recovery codes); for each open session, its date, IP address and browser type; the audit trail of security actions; the e-mails sent to you. For everyone: the server’s technical logs (IP address, request id, page requested, date), for the security of the service, for 12 months at most.',
      },
      {
        heading: 'How long data is kept',
        text: 'Account: until it is deleted, which you can do yourself from “My account › My data” (where you can also download your data); an account whose address was never confirmed is erased after 7 days. Sessions: 30 days at most, closed after 12 hours without activity (30 minutes for staff accounts), erased 30 days after they end. Links sent by e-mail: valid from 10 minutes to 24 hours, erased 24 hours later. Anti-abuse counters: e-mail address and IP address as hashes, until their window ends (one hour at most). E-mails sent: the message stays 7 days in the sending queue after it is sent (30 days if it could not be sent). Audit trail: 5 years. It is append-only and chained, so that no trace can be erased or edited: when an account is deleted, its past events remain with the e-mail address and IP address that identified them then, and only the account itself is anonymised.',
      },
      {
        heading: 'Cookies',
        text: 'Three strictly necessary cookies, with no audience measurement or advertising, which therefore need no consent: "csrf", which protects forms (browser session), "session", which keeps you signed in (30 days at most, only if you sign in), and "lang", which remembers the language you choose (12 months).',
      },
      {
        heading: 'Your rights',
        text: 'Under the General Data Protection Regulation (GDPR) and the French Data Protection Act, you may also lodge a complaint with the CNIL.',
      },
    ],
  },
  accessibility: {
    title: 'Accessibility statement',
    lead: 'The State is committed to making its websites accessible, in accordance with article 47 of law no. 2005-102 of 11 February 2005.',
    sections: [
      {
        heading: 'Compliance status',
        text: 'The French Impact platform is not compliant with the French accessibility framework (RGAA) version 4.1, because no compliance audit has been carried out yet.',
      },
      {
        heading: 'What is checked at every change',
        text: 'Every page is checked automatically with axe-core (WCAG 2.1 levels A and AA) in a real browser, as are keyboard navigation and skip links. These automatic checks do not replace an audit.',
      },
      { heading: 'Date of this statement', text: 'This statement was made on 27 November 2026.' },
      {
        heading: 'Feedback and contact',
        text: 'If you cannot access some content or a service, contact the French Impact programme to be directed to an accessible alternative or to get the content in another form.',
      },
      {
        heading: 'Remedies',
        text: 'If you reported an accessibility defect without a satisfactory answer, you may write to the Défenseur des droits, contact its delegate in your region, or write free of charge to: Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.',
      },
    ],
  },
  sitemap: { title: 'Sitemap', general: 'Information', domains: 'Sections' },
  domains: {
    '/labels': {
      title: 'Labels',
      lead: 'Support structures and territories labelled French Impact.',
      coming: [
        'The public register of labels with their number, date and validity.',
        'A verification page per label number, an embeddable badge and a PDF certificate.',
      ],
    },
    '/territoires': {
      title: 'Territories',
      lead: 'Pilot then labelled territories and their collectives of actors.',
      coming: [
        'The national map of territories and their phase (pilot, labelled, generalised).',
        'A page per territory: members, challenges, projects, labelled structures and impact.',
      ],
    },
    '/hackers-publics': {
      title: 'Public hackers',
      lead: 'Report an administrative or financial obstacle, and read the simplifications obtained.',
      coming: [
        'Reporting an obstacle, routed to the public hacker of the competent ministry or region.',
        'The public base of simplifications obtained, with statistics by administration and region.',
      ],
    },
    '/financement': {
      title: 'Funding',
      lead: 'Tracking the billion euros mobilised for social innovation.',
      coming: [
        'Partners’ commitments and disbursements, by fund and instrument.',
        'The public dashboard: committed and paid against the target, by partner, year, region and domain.',
      ],
    },
    '/impact': {
      title: 'Impact',
      lead: 'Measuring the impact of supported projects and how they spread.',
      coming: [
        'A library of common indicators and each project’s own indicators.',
        'Roll-ups by cohort, by territory and nationally.',
      ],
    },
    '/donnees': {
      title: 'Open data',
      lead: 'The platform’s public data and its API.',
      coming: [
        'Data sets in CSV and JSON with documented schemas and stable URLs.',
        'A versioned JSON API documented in OpenAPI.',
      ],
    },
  },
};
