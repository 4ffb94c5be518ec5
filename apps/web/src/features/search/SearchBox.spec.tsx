import type { SearchSuggestions } from '@maillage/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { SearchBox } from './SearchBox';
import { SnippetText } from './SnippetText';

const suggestions: SearchSuggestions = {
  groups: [
    {
      type: 'topic',
      total: 1,
      items: [
        {
          type: 'topic',
          id: '01a2147a-11ee-7306-a1b0-03fce840e527',
          title: [
            { text: 'Plan en ', match: false },
            { text: 'itinérance', match: true },
          ],
          excerpt: [],
          context: 'Réseau régional',
          url: '/sujets/01a2147a-11ee-7306-a1b0-03fce840e527',
          spaceName: 'Réseau régional',
          authorName: 'Geneviève Côté',
          tags: [],
          createdAt: '2026-11-25T10:00:00-05:00',
        },
      ],
    },
  ],
};

function renderBox() {
  const router = createMemoryRouter(
    [
      { path: '/', element: <SearchBox /> },
      { path: '*', element: <p>page</p> },
    ],
    { initialEntries: ['/'] },
  );
  render(
    <QueryClientProvider client={new QueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

afterEach(() => vi.unstubAllGlobals());

describe('SnippetText', () => {
  it('marks matches and leaves markup in the text as text', () => {
    const { container } = render(
      <SnippetText
        snippet={[
          { text: '<b>aînés</b> et ', match: false },
          { text: 'itinérance', match: true },
        ]}
      />,
    );
    expect(container.innerHTML).toBe('&lt;b&gt;aînés&lt;/b&gt; et <mark>itinérance</mark>');
  });
});

describe('SearchBox', () => {
  it('focuses on "/", shows grouped instant results, and opens the chosen one with the keyboard', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(suggestions), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const router = renderBox();
    const box = screen.getByRole('combobox', { name: 'Rechercher dans Maillage' });

    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(box);
    fireEvent.change(box, { target: { value: 'itinerance' } });
    const option = await screen.findByRole('option', { name: /Plan en itinérance/ });
    expect(option.querySelector('mark')?.textContent).toBe('itinérance');
    expect(String(fetch.mock.calls[0]?.[0 as never])).toBe('/api/v1/search/suggest?q=itinerance');

    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(box.getAttribute('aria-activedescendant')).toBe(option.id);
    await act(async () => fireEvent.keyDown(box, { key: 'Enter' }));
    expect(router.state.location.pathname).toBe('/sujets/01a2147a-11ee-7306-a1b0-03fce840e527');
  });

  it('says so when search is unavailable', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ type: 'x', title: 'Recherche indisponible', status: 503 }), { status: 503 }),
      ),
    );
    renderBox();
    const box = screen.getByRole('combobox', { name: 'Rechercher dans Maillage' });
    fireEvent.focus(box);
    fireEvent.change(box, { target: { value: 'aines' } });
    expect(await screen.findByText(/momentanément indisponible/)).toBeTruthy();
  });
});
