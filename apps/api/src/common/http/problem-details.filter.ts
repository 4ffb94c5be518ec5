import type { ProblemDetails } from '@maillage/contracts';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';

import { Problem } from './problems';

const titles: Record<number, string> = {
  400: 'Requête invalide',
  401: 'Connexion requise',
  403: 'Action non permise',
  404: 'Introuvable',
  405: 'Méthode non permise',
  413: 'Contenu trop volumineux',
  415: 'Type de contenu non pris en charge',
  429: 'Trop de requêtes',
};

/** Every error leaves as RFC 9457 problem details; unexpected ones are logged with their stack, never sent. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const response = context.getResponse<Response>();
    const request = context.getRequest<Request>();
    const { problem, headers } = this.toProblem(error, request);
    if (response.headersSent) return;
    response
      .status(problem.status)
      .set({ 'Content-Type': 'application/problem+json', ...headers })
      .send(JSON.stringify(problem));
  }

  private toProblem(error: unknown, request: Request): { problem: ProblemDetails; headers: Record<string, string> } {
    if (error instanceof Problem) {
      return {
        problem: {
          type: `/problems/${error.slug}`,
          title: error.title,
          status: error.getStatus(),
          detail: error.detail,
          ...(error.fieldProblems ? { errors: error.fieldProblems } : {}),
        },
        headers: error.headers,
      };
    }
    if (error instanceof HttpException && error.getStatus() < 500) {
      const status = error.getStatus();
      const detail =
        status === HttpStatus.NOT_FOUND
          ? `Aucune route ${request.method} ${request.originalUrl.split('?')[0]}.`
          : error.message;
      return { problem: this.generic(status, detail), headers: {} };
    }
    this.logger.error({ err: error, requestId: request.id, path: request.path }, 'unexpected error');
    return {
      problem: {
        type: '/problems/internal',
        title: 'Erreur interne',
        status: 500,
        detail: 'Une erreur inattendue est survenue.',
      },
      headers: {},
    };
  }

  private generic(status: number, detail: string): ProblemDetails {
    return { type: `/problems/http-${status}`, title: titles[status] ?? 'Erreur', status, detail };
  }
}
