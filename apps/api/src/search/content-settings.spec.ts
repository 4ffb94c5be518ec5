import { conceptsOf, CONTENT_SETTINGS } from './content-settings';
import { toSnippet } from './search.service';

describe('concepts', () => {
  it('finds every variant of a group, whatever its accents, case or hyphens', () => {
    const [aines] = conceptsOf('aînés');
    expect(aines).toBeDefined();
    for (const text of ['Les PERSONNES ÂGÉES du village', 'personnes agees', 'une aînée seule'])
      expect(conceptsOf(text)).toEqual([aines]);
    const [street] = conceptsOf('travail de rue');
    for (const text of ['Notre travailleuse de rue', 'Travailleurs   de\nrue', 'TRAVAILLEUR DE RUE'])
      expect(conceptsOf(text)).toEqual([street]);
    expect(conceptsOf('Rivière du Loup')).toEqual(conceptsOf('MRC de Rivière-du-Loup'));
  });

  it('matches whole words only', () => {
    expect(conceptsOf('le travail se fait dans la rue')).toEqual([]);
    expect(conceptsOf('crdt, bslx, mitisien')).toEqual([]);
  });

  it('maps each variant, as a synonym, to its group’s token', () => {
    const [street] = conceptsOf('travail de rue');
    expect(CONTENT_SETTINGS.synonyms?.['travailleuse de rue']).toEqual([street]);
    expect(CONTENT_SETTINGS.searchableAttributes).toEqual([
      'title',
      'tags',
      'body',
      'context',
      'authorName',
      'concepts',
    ]);
  });

  it('keeps the stop words that a group’s phrases need', () => {
    expect(CONTENT_SETTINGS.stopWords).not.toContain('de');
    expect(CONTENT_SETTINGS.stopWords).toContain('pour');
  });
});

describe('toSnippet', () => {
  it('turns marked text into segments', () => {
    expect(toSnippet('Plan \uE000itinérance\uE001 et \uE000aînés\uE001')).toEqual([
      { text: 'Plan ', match: false },
      { text: 'itinérance', match: true },
      { text: ' et ', match: false },
      { text: 'aînés', match: true },
    ]);
    expect(toSnippet(undefined)).toEqual([]);
  });
});
