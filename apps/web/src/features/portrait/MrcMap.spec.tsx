import type { PortraitFigures, PortraitPage } from '@maillage/contracts';
import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';

import { MrcMap } from './MrcMap';

const figures = (topics: number | null, activeMembers: number | null = 0): PortraitFigures => ({
  activeMembers,
  topics: topics ?? 0,
  replies: 0,
  messages: 0,
  resourcesShared: 0,
  downloads: 0,
  eventsHeld: 0,
  attendance: 0,
  searchMisses: 0,
});

const names: [string, string][] = [
  ['07', 'MRC de La Matapédia'],
  ['08', 'MRC de La Matanie'],
  ['09', 'MRC de La Mitis'],
  ['10', 'MRC de Rimouski-Neigette'],
  ['11', 'MRC des Basques'],
  ['12', 'MRC de Rivière-du-Loup'],
  ['13', 'MRC de Témiscouata'],
  ['14', 'MRC de Kamouraska'],
];

const mrcs: PortraitPage['mrcs'] = names.map(([code, name], index) => ({
  code,
  slug: code,
  name,
  figures: figures(index * 10, code === '10' ? null : 7),
}));

function renderMap(metric: 'topics' | 'activeMembers', linked: boolean) {
  const router = createMemoryRouter(
    [
      {
        path: '/',
        element: <MrcMap mrcs={mrcs} metric={metric} linkTo={(code) => (linked ? `/portrait/mrc/${code}` : null)} />,
      },
    ],
    { initialEntries: ['/'] },
  );
  render(<RouterProvider router={router} />);
}

describe('the map of the MRC', () => {
  it('names every MRC with its figure, linking to its page for the Comité directeur', () => {
    renderMap('topics', true);
    const map = screen.getByRole('group', { name: /8 MRC du Bas-Saint-Laurent, ombrées selon : Sujets/ });
    const links = map.querySelectorAll('a');
    expect(links).toHaveLength(8);
    expect(screen.getByRole('link', { name: 'MRC de Kamouraska : 70 (Sujets)' }).getAttribute('href')).toBe(
      '/portrait/mrc/14',
    );
    // Shaded from light to dark, and the figure written on the map: colour never says it alone.
    expect(map.textContent).toContain('70');
  });

  it('writes "moins de 5" where people are too few, and links nowhere for other members', () => {
    renderMap('activeMembers', false);
    expect(screen.queryAllByRole('link')).toHaveLength(0);
    expect(screen.getByRole('img', { name: 'MRC de Rimouski-Neigette : moins de 5 (Membres actifs)' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'MRC de La Mitis : 7 (Membres actifs)' })).toBeTruthy();
  });
});
