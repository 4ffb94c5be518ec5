import { authRoutes, invitationRoutes, memberRoutes, searchRoutes, spaceRoutes } from '@maillage/contracts';
import { describe, expect, it } from 'vitest';

import { ApiError, urlOf } from './client';

describe('urlOf', () => {
  it('places parameters, escaped, under /api/v1', () => {
    expect(urlOf(spaceRoutes.removeMember, { params: { id: 'a/b', userId: 'c' } })).toBe(
      '/api/v1/spaces/a%2Fb/members/c',
    );
    expect(urlOf(authRoutes.me)).toBe('/api/v1/me');
    expect(urlOf(invitationRoutes.accept, { params: { token: 'abc' } })).toBe('/api/v1/invitations/abc/accept');
  });

  it('leaves empty query values out', () => {
    expect(urlOf(memberRoutes.list, { query: { q: '', limit: 50, cursor: undefined } })).toBe(
      '/api/v1/admin/members?limit=50',
    );
  });

  it('repeats a parameter for each value of a list', () => {
    expect(urlOf(searchRoutes.search, { query: { q: 'aînés', type: ['topic', 'post'], mrc: [] } })).toBe(
      '/api/v1/search?q=a%C3%AEn%C3%A9s&type=topic&type=post',
    );
  });
});

describe('ApiError', () => {
  it('maps problem field paths to form fields', () => {
    const error = new ApiError({
      type: '/problems/validation',
      title: 'Requête invalide',
      status: 400,
      errors: [
        { path: 'body.email', message: 'Adresse invalide' },
        { path: 'body', message: 'Clé inconnue' },
        { path: 'body.email', message: 'second message ignoré' },
      ],
    });
    expect(error.fieldErrors()).toEqual({ email: 'Adresse invalide', form: 'Clé inconnue' });
  });
});
