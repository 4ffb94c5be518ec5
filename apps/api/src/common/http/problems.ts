import { HttpException, HttpStatus } from '@nestjs/common';

export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * An error the client can act on, rendered as RFC 9457 problem details by ProblemDetailsFilter. `type` is a short
 * slug, published as a URI under /problems/.
 */
export class Problem extends HttpException {
  constructor(
    status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly fieldProblems?: FieldProblem[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title, status);
  }
}

export class ValidationProblem extends Problem {
  constructor(errors: FieldProblem[]) {
    super(HttpStatus.BAD_REQUEST, 'validation', 'Requête invalide', 'Certains champs sont invalides.', errors);
  }
}

/** What a viewer may not see does not exist for them: 404, never 403. */
export const notFound = (detail = 'Cette ressource n’existe pas ou ne vous est pas accessible.') =>
  new Problem(HttpStatus.NOT_FOUND, 'not-found', 'Introuvable', detail);

export const conflict = (detail: string, fieldProblems?: FieldProblem[]) =>
  new Problem(HttpStatus.CONFLICT, 'conflict', 'Conflit', detail, fieldProblems);

export const forbidden = (detail = 'Cette action est réservée à un autre rôle.') =>
  new Problem(HttpStatus.FORBIDDEN, 'forbidden', 'Action non permise', detail);

export const unauthenticated = (detail = 'Connectez-vous pour continuer.') =>
  new Problem(HttpStatus.UNAUTHORIZED, 'unauthenticated', 'Connexion requise', detail);

export const invalid = (path: string, message: string) => new ValidationProblem([{ path, message }]);
