import {
  type PortraitPage,
  portraitRoutes,
  portraitTable,
  type PortraitTableName,
  portraitTablesOf,
} from '@maillage/contracts';
import { Controller, Res } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';

import { attachmentDisposition } from '../common/http/attachment';
import { Endpoint, Input, type InputOf } from '../common/http/endpoint';
import { notFound } from '../common/http/problems';
import { CurrentViewer } from '../identity/current-viewer';
import type { Viewer } from '../identity/viewer';
import { PortraitService } from './portrait.service';

/** A withheld count (fewer than 5 people) reads as the page shows it. */
const WITHHELD = '<5';

/**
 * One table of the page as CSV: the rows portraitTable gives the page, with a BOM for spreadsheet software. A table
 * the viewer's page does not hold (an MRC page's MRC table, a member's organizations) does not exist for them.
 */
function sendTable(response: Response, page: PortraitPage, table: PortraitTableName): string {
  if (!portraitTablesOf(page).includes(table)) throw notFound();
  const { columns, rows } = portraitTable(page, table);
  const subject =
    page.scope.kind === 'network'
      ? 'reseau'
      : page.scope.kind === 'mrc'
        ? page.scope.slug
        : `volet-${page.scope.number}`;
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader(
    'Content-Disposition',
    attachmentDisposition(`portrait-${subject}-${table}-${page.period.from}-${page.period.to}.csv`),
  );
  return `\uFEFF${stringify([columns.map((column) => column.label), ...rows.map((row) => row.map((cell) => cell ?? WITHHELD))])}`;
}

@Controller()
export class PortraitController {
  constructor(private readonly portrait: PortraitService) {}

  @Endpoint(portraitRoutes.network)
  network(@CurrentViewer() viewer: Viewer, @Input() { query }: InputOf<typeof portraitRoutes.network>) {
    return this.portrait.network(viewer, query);
  }

  @Endpoint(portraitRoutes.networkCsv)
  async networkCsv(
    @CurrentViewer() viewer: Viewer,
    @Input() { params, query }: InputOf<typeof portraitRoutes.networkCsv>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    return sendTable(response, await this.portrait.network(viewer, query), params.table);
  }

  @Endpoint(portraitRoutes.mrc)
  mrc(@CurrentViewer() viewer: Viewer, @Input() { params, query }: InputOf<typeof portraitRoutes.mrc>) {
    return this.portrait.mrc(viewer, params.code, query);
  }

  @Endpoint(portraitRoutes.mrcCsv)
  async mrcCsv(
    @CurrentViewer() viewer: Viewer,
    @Input() { params, query }: InputOf<typeof portraitRoutes.mrcCsv>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    return sendTable(response, await this.portrait.mrc(viewer, params.code, query), params.table);
  }

  @Endpoint(portraitRoutes.volet)
  volet(@CurrentViewer() viewer: Viewer, @Input() { params, query }: InputOf<typeof portraitRoutes.volet>) {
    return this.portrait.volet(viewer, params.number, query);
  }

  @Endpoint(portraitRoutes.voletCsv)
  async voletCsv(
    @CurrentViewer() viewer: Viewer,
    @Input() { params, query }: InputOf<typeof portraitRoutes.voletCsv>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    return sendTable(response, await this.portrait.volet(viewer, params.number, query), params.table);
  }
}
