import { SearchBar } from './SearchBar.js';
import type { ComponentExample } from './shared.js';

export const searchBarExamples: ComponentExample[] = [
  {
    title: 'Barre de recherche simple',
    render: () => (
      <SearchBar id="recherche-appels" action="/appels-a-projets" label="Rechercher un appel à projets" />
    ),
  },
  {
    title: 'Grande barre de recherche avec libellé visible et requête conservée',
    render: () => (
      <SearchBar
        id="recherche-structures"
        action="/organisations"
        label="Rechercher une structure par nom, SIRET ou commune"
        showLabel
        size="lg"
        value="ressourcerie Lannion"
      />
    ),
  },
  {
    title: 'Barre de recherche en erreur',
    render: () => (
      <SearchBar
        id="recherche-dossiers"
        action="/dossiers"
        name="recherche"
        label="Rechercher un dossier"
        value="a"
        error="Saisissez au moins 2 caractères."
      />
    ),
  },
];
