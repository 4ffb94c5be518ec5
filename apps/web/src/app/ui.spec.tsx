import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { ApiError } from '../api/client';
import { ErrorNotice, Field } from './ui';

describe('Field', () => {
  it('ties its label, hint and error to the input', () => {
    render(<Field label="Adresse courriel" hint="Celle de votre organisation" error="Adresse invalide" />);
    const input = screen.getByLabelText('Adresse courriel');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const described = input.getAttribute('aria-describedby')?.split(' ') ?? [];
    expect(described.map((id) => document.getElementById(id)?.textContent)).toEqual([
      'Celle de votre organisation',
      'Adresse invalide',
    ]);
  });
});

describe('ErrorNotice', () => {
  it('announces the problem’s detail as an alert', () => {
    render(
      <ErrorNotice
        error={
          new ApiError({
            type: '/problems/x',
            title: 'Connexion refusée',
            status: 401,
            detail: 'Courriel ou mot de passe incorrect.',
          })
        }
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('Courriel ou mot de passe incorrect.');
  });

  it('says the server is unreachable on a network failure', () => {
    render(<ErrorNotice error={new ApiError({ type: '/problems/network', title: 'Réseau', status: 0 })} />);
    expect(screen.getByRole('alert').textContent).toMatch(/serveur ne répond pas/);
  });
});
