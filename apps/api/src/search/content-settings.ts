import type { Settings } from 'meilisearch';

/** Words too common in French to tell documents apart. */
const FRENCH_STOP_WORDS = [
  'a', 'à', 'au', 'aux', 'avec', 'ce', 'ces', 'cet', 'cette', 'd', 'dans', 'de', 'des', 'du', 'elle', 'elles', 'en',
  'est', 'et', 'il', 'ils', 'je', 'l', 'la', 'le', 'les', 'leur', 'leurs', 'lui', 'mais', 'nous', 'on', 'ou', 'où',
  'par', 'pour', 'qu', 'que', 'qui', 's', 'sa', 'se', 'ses', 'son', 'sont', 'sur', 'un', 'une', 'vous', 'y',
]; // prettier-ignore

/**
 * Words members use for the same thing. Meilisearch's synonyms do not match one phrase of several words to another
 * (measured: "travail de rue" never found "travailleuse de rue"), so each group becomes a concept: a document that
 * contains any variant gets the group's token in `concepts`, and every variant, as a synonym, also searches for that
 * token. The MRC appear under their official name and their usual short forms.
 */
export const CONCEPT_GROUPS: string[][] = [
  ['aînés', 'aînées', 'aîné', 'aînée', 'personnes âgées', 'personne âgée', 'personnes aînées', 'personne aînée'],
  ['travail de rue', 'travailleur de rue', 'travailleuse de rue', 'travailleurs de rue', 'travailleuses de rue'],
  ['proche aidance', 'proches aidants', 'proche aidant', 'proche aidante', 'personnes proches aidantes'],
  ['itinérance', 'sans-abri', 'sans abri', 'personnes itinérantes'],
  ['sécurité alimentaire', 'insécurité alimentaire', 'aide alimentaire'],
  ['égalité femmes-hommes', 'égalité entre les femmes et les hommes', 'égalité hommes-femmes'],
  ['mrc de la matapédia', 'la matapédia', 'matapédia'],
  ['mrc de la matanie', 'la matanie', 'matanie'],
  ['mrc de la mitis', 'la mitis', 'mitis'],
  ['mrc de rimouski-neigette', 'rimouski-neigette'],
  ['mrc des basques', 'les basques'],
  ['mrc de rivière-du-loup', 'rivière-du-loup', 'rdl'],
  ['mrc de témiscouata', 'témiscouata'],
  ['mrc de kamouraska', 'kamouraska'],
  ['cisss', 'cisss du bas-saint-laurent', 'centre intégré de santé et de services sociaux'],
  ['crd', 'collectif régional de développement'],
  ['bsl', 'bas-saint-laurent'],
];

/** Lower case, no accents, words separated by single spaces: how variants and texts are compared. */
const normalize = (text: string): string =>
  ` ${text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;

/** A token no French text contains: `cpt` and the group's first variant, letters only. */
const tokenOf = (group: string[]): string => `cpt${normalize(group[0]!).replace(/ /g, '')}`;

const normalizedGroups = CONCEPT_GROUPS.map((group) => ({
  token: tokenOf(group),
  variants: group.map(normalize),
}));

/** The concept tokens of every group one of whose variants appears, as whole words, in these texts. */
export function conceptsOf(...texts: string[]): string[] {
  const text = normalize(texts.join(' '));
  return normalizedGroups
    .filter((group) => group.variants.some((variant) => text.includes(variant)))
    .map((group) => group.token);
}

const synonymsOf = (groups: string[][]): Record<string, string[]> =>
  Object.fromEntries(groups.flatMap((group) => group.map((variant) => [variant, [tokenOf(group)]])));

/**
 * Stop words, less those inside a concept's variants: Meilisearch drops stop words from the query before it looks for
 * a phrase synonym, so "travail de rue" would never meet its group with "de" a stop word (measured).
 */
const STOP_WORDS = FRENCH_STOP_WORDS.filter(
  (word) => !CONCEPT_GROUPS.some((group) => group.some((variant) => normalize(variant).includes(` ${word} `))),
);

/**
 * The content index: every searchable thing of every pillar in one index (README, "Search"). Searchable attributes are
 * ordered so that a match in the title outranks tags, then the body, then the context; concepts come last.
 */
export const CONTENT_SETTINGS: Settings = {
  searchableAttributes: ['title', 'tags', 'body', 'context', 'authorName', 'concepts'],
  displayedAttributes: ['*'],
  filterableAttributes: [
    'type',
    'spaceIds',
    'everyMember',
    'mrc',
    'volet',
    'tags',
    'organizationId',
    'createdAt',
    'kind',
  ],
  sortableAttributes: ['createdAt'],
  stopWords: STOP_WORDS,
  synonyms: synonymsOf(CONCEPT_GROUPS),
  localizedAttributes: [{ attributePatterns: ['*'], locales: ['fra'] }],
  faceting: { maxValuesPerFacet: 100 },
  // Facet values are listed with their counts, never searched: no facet-search structures to build at indexing.
  facetSearch: false,
  pagination: { maxTotalHits: 1000 },
};
