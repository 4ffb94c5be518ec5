import { describe, expect, it } from 'vitest';

import en from './en.json';
import frCA from './fr-CA.json';

const keysOf = (value: object, prefix = ''): string[] =>
  Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'object' && child !== null ? keysOf(child, `${prefix}${key}.`) : [`${prefix}${key}`],
  );

describe('translations', () => {
  it('has every French string in English too, and no English-only string', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(frCA).sort());
  });

  it('has no empty string', () => {
    for (const dictionary of [frCA, en]) {
      const empty = keysOf(dictionary).filter(
        (key) =>
          key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], dictionary) === '',
      );
      expect(empty).toEqual([]);
    }
  });
});
