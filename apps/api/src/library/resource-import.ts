import { access, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';

import { CreateLinkRequest, ResourceMetadata } from '@maillage/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';

import { validated } from '../common/http/endpoint';
import { Problem, ValidationProblem } from '../common/http/problems';
import type { Viewer } from '../identity/viewer';
import { LibraryService } from './library.service';

/** One row of a metadata sheet, as its columns are named (README). Lists are separated by `;`. */
export interface SheetRow {
  file?: string;
  url?: string;
  format?: string;
  title?: string;
  summary?: string;
  kind?: string;
  volet?: string | number;
  mrc?: string;
  themes?: string;
  tags?: string;
  language?: string;
  space?: string;
  author?: string;
}

export interface ImportReport {
  imported: number;
  duplicates: number;
  failures: { row: number; reason: string }[];
}

export const SHEET_NAMES = ['metadata.csv', 'metadata.json'];

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(';')
    .map((item) => item.trim())
    .filter(Boolean);

const reasonOf = (error: unknown): string => {
  if (error instanceof ValidationProblem) {
    return (error.fieldProblems ?? [])
      .map((problem) => `${problem.path.replace(/^body\.(metadata\.)?/, '')} : ${problem.message}`)
      .join('; ');
  }
  if (error instanceof Problem) return error.detail ?? error.title;
  return error instanceof Error ? error.message : String(error);
};

/**
 * `import-resources DIR`: adds existing documents to the library from a folder and its metadata sheet
 * (metadata.csv or metadata.json). Each row goes through the same checks as an upload (type by content, size, the
 * same file in the space); a bad row is reported with its number and reason and the others are imported.
 */
@Injectable()
export class ResourceImport {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly library: LibraryService,
  ) {}

  async run(
    folder: string,
    defaultAuthor: string | undefined,
    onProgress: (done: number, total: number) => void,
  ): Promise<ImportReport> {
    const { rows, firstRowNumber } = await this.readSheet(resolve(folder));
    const report: ImportReport = { imported: 0, duplicates: 0, failures: [] };
    const spaces = new Map<string, string>(
      (await this.dataSource.query('SELECT slug, id FROM spaces')).map((row: { slug: string; id: string }) => [
        row.slug,
        row.id,
      ]),
    );
    onProgress(0, rows.length);
    for (const [index, row] of rows.entries()) {
      try {
        const duplicate = await this.importRow(resolve(folder), row, spaces, defaultAuthor);
        report.imported += 1;
        if (duplicate) report.duplicates += 1;
      } catch (error) {
        report.failures.push({ row: firstRowNumber + index, reason: reasonOf(error) });
      }
      onProgress(index + 1, rows.length);
    }
    return report;
  }

  private async importRow(
    folder: string,
    row: SheetRow,
    spaces: Map<string, string>,
    defaultAuthor: string | undefined,
  ): Promise<boolean> {
    const author = await this.author(row.author?.trim() || defaultAuthor);
    const spaceId = spaces.get(row.space?.trim() ?? '');
    if (!spaceId) throw new Error(`espace inconnu « ${row.space ?? ''} » (donnez son identifiant court)`);
    const fields = {
      spaceId,
      title: row.title ?? '',
      summary: row.summary ?? '',
      kind: row.kind?.trim(),
      volet: row.volet === undefined || row.volet === '' ? null : Number(row.volet),
      mrcCodes: list(row.mrc),
      themes: list(row.themes),
      tags: list(row.tags),
      language: row.language?.trim() || 'fr',
    };
    if (row.url?.trim()) {
      const link = validated(
        CreateLinkRequest,
        { ...fields, format: row.format?.trim() || 'link', url: row.url.trim() },
        '',
      );
      // A link has no content to compare: the same address in the same space is the same resource.
      const [existing] = await this.dataSource.query(
        'SELECT id FROM resources WHERE space_id = $1 AND url = $2 AND deleted_at IS NULL LIMIT 1',
        [link.spaceId, link.url],
      );
      if (existing) return true;
      await this.library.createLink(author, link);
      return false;
    }
    if (!row.file?.trim()) throw new Error('ni fichier ni adresse');
    const path = join(folder, row.file.trim());
    if (!path.startsWith(folder)) throw new Error(`fichier hors du dossier : ${row.file}`);
    await access(path).catch(() => {
      throw new Error(`fichier introuvable : ${row.file}`);
    });
    const { duplicate } = await this.library.importFile(
      author,
      validated(ResourceMetadata, fields, ''),
      path,
      basename(path),
    );
    return duplicate;
  }

  private async author(email: string | undefined): Promise<Viewer> {
    if (!email) throw new Error('aucun auteur (colonne author ou option --author)');
    const [user] = await this.dataSource.query(
      `SELECT id, role FROM users WHERE lower(email) = lower($1) AND status = 'active'`,
      [email],
    );
    if (!user) throw new Error(`aucun compte actif pour ${email}`);
    return { id: user.id, role: user.role, sessionId: 'import' };
  }

  private async readSheet(folder: string): Promise<{ rows: SheetRow[]; firstRowNumber: number }> {
    for (const name of SHEET_NAMES) {
      const text = await readFile(join(folder, name), 'utf8').catch(() => null);
      if (text === null) continue;
      if (name.endsWith('.json')) {
        const rows: unknown = JSON.parse(text);
        if (!Array.isArray(rows)) throw new Error(`${name} doit contenir un tableau de lignes`);
        return { rows: rows as SheetRow[], firstRowNumber: 1 };
      }
      // The first line names the columns: the first data row is line 2 of the file.
      return { rows: parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true }), firstRowNumber: 2 };
    }
    throw new Error(`aucune feuille de métadonnées dans ${folder} (${SHEET_NAMES.join(' ou ')})`);
  }
}
