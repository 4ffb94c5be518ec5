import type { Role } from '@maillage/contracts';

export const voletSpaceNames: Record<number, string> = {
  1: 'Volet 1 — MRC et lutte à la pauvreté',
  2: 'Volet 2 — Travail de rue',
  3: 'Volet 3 — Bien vieillir chez soi',
  4: 'Volet 4 — Égalité entre les femmes et les hommes',
};

export interface DemoPerson {
  name: string;
  email: string;
  title: string;
  role: Role;
  /** Organization slug from region.json. */
  organization: string;
  /** Slugs of the private committee spaces the person sits on. */
  committees: string[];
}

const agent = (
  name: string,
  email: string,
  organization: string,
  title: string,
  committees: string[] = [],
): DemoPerson => ({
  name,
  email: `${email}@maillage.demo`,
  title,
  role: 'member',
  organization,
  committees,
});

/** Invented people with plausible roles, for development and demonstrations only. */
export const demoPeople: DemoPerson[] = [
  {
    name: 'Nathalie Bélanger',
    email: 'admin@maillage.demo',
    title: 'Coordonnatrice de l’Entente sectorielle',
    role: 'admin',
    organization: 'crd',
    committees: ['comite-directeur', 'comite-volet-1', 'comite-volet-2', 'comite-volet-3', 'comite-volet-4'],
  },
  {
    name: 'Alexandre Gauthier',
    email: 'alexandre.gauthier@maillage.demo',
    title: 'Agent de liaison régional',
    role: 'moderator',
    organization: 'crd',
    committees: ['comite-volet-1', 'comite-volet-2'],
  },
  agent('Geneviève Côté', 'genevieve.cote', 'la-matapedia', 'Agente de développement social', [
    'comite-directeur',
    'comite-volet-1',
  ]),
  agent('Mathieu Bérubé', 'mathieu.berube', 'la-matapedia', 'Conseiller en développement des communautés'),
  agent('Isabelle Ouellet', 'isabelle.ouellet', 'la-matanie', 'Agente de développement social', ['comite-volet-2']),
  agent('François Gagnon', 'francois.gagnon', 'la-matanie', 'Coordonnateur en travail de rue', ['comite-volet-2']),
  agent('Marie-Ève Lavoie', 'marie-eve.lavoie', 'la-mitis', 'Agente de développement social', ['comite-volet-3']),
  agent('Julien Pelletier', 'julien.pelletier', 'la-mitis', 'Agent de concertation en sécurité alimentaire'),
  agent('Catherine Dionne', 'catherine.dionne', 'rimouski-neigette', 'Conseillère en développement social', [
    'comite-directeur',
  ]),
  agent('Olivier Saint-Pierre', 'olivier.saint-pierre', 'rimouski-neigette', 'Agent de projet en logement'),
  agent('Sophie Rioux', 'sophie.rioux', 'les-basques', 'Agente de développement social', ['comite-volet-4']),
  agent('Étienne Morin', 'etienne.morin', 'les-basques', 'Agent de milieu auprès des aînés', ['comite-volet-3']),
  agent('Annie Dubé', 'annie.dube', 'riviere-du-loup', 'Agente de développement social', ['comite-volet-1']),
  agent('Simon Lévesque', 'simon.levesque', 'riviere-du-loup', 'Travailleur de rue'),
  agent('Julie Caron', 'julie.caron', 'temiscouata', 'Agente de développement social', ['comite-volet-4']),
  agent('Patrick Thériault', 'patrick.theriault', 'temiscouata', 'Agent de mobilisation des communautés'),
  agent('Valérie Michaud', 'valerie.michaud', 'kamouraska', 'Agente de développement social', ['comite-directeur']),
  agent('Louis Chouinard', 'louis.chouinard', 'kamouraska', 'Agent en persévérance scolaire'),
  agent('Josée Fortin', 'josee.fortin', 'cisss-bsl', 'Organisatrice communautaire', [
    'comite-directeur',
    'comite-volet-3',
  ]),
  agent('Karine Ross', 'karine.ross', 'mess', 'Conseillère en solidarité sociale', [
    'comite-directeur',
    'comite-volet-1',
  ]),
  agent('Hélène Desjardins', 'helene.desjardins', 'scf', 'Conseillère en égalité', ['comite-volet-4']),
];

/** Themes of the region a demo person plausibly works on, read from their title. */
export function demoThemes(title: string): string[] {
  const byWord: [RegExp, string[]][] = [
    [/travail(leur)? de rue/i, ['travail de rue', 'itinérance']],
    [/sécurité alimentaire/i, ['sécurité alimentaire']],
    [/logement/i, ['logement', 'itinérance']],
    [/aînés/i, ['maintien à domicile des personnes aînées', 'proche aidance']],
    [/persévérance/i, ['persévérance scolaire', 'petite enfance et famille']],
    [/égalité/i, ['égalité femmes-hommes']],
    [/solidarité/i, ['pauvreté et exclusion sociale']],
    [/communautaire|communautés|mobilisation/i, ['participation sociale', 'concertation locale']],
    [/développement social/i, ['pauvreté et exclusion sociale', 'concertation locale']],
  ];
  const themes = byWord.flatMap(([pattern, found]) => (pattern.test(title) ? found : []));
  return [...new Set(themes.length > 0 ? themes : ['concertation locale'])];
}

export const demoBio = (person: DemoPerson) =>
  `${person.title}. Profil de démonstration : ${person.name} n’existe pas, ses expertises sont inventées.`;
