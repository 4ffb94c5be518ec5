import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

import type {
  ContactVisibility,
  Directory,
  DirectoryQuery,
  MyProfileSettings,
  OrganizationKind,
  PersonCard,
  Profile,
  UpdateProfileRequest,
} from '@maillage/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { z } from 'zod';

import { decodeCursor, encodeCursor } from '../common/http/cursor';
import { notFound } from '../common/http/problems';
import { visibleContact } from '../identity/contact-visibility';
import type { Viewer } from '../identity/viewer';
import { OutboxService } from '../outbox/outbox.service';
import { SEARCH_INDEX, type SearchSyncPayload } from '../search/search-events';
import { FileStorage } from '../storage/file-storage';
import { resizeAvatar } from './avatar-images';

type DirectoryInput = z.output<typeof DirectoryQuery>;

/** Lower case without accents, the same way on both sides of a comparison (`foldSql` in the database). */
export const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replaceAll('œ', 'oe')
    .replaceAll('æ', 'ae');

const ACCENTED = 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿ';
const PLAIN = 'aaaaaaceeeeiiiinooooouuuuyy';
const foldSql = (expression: string) =>
  `replace(replace(translate(lower(${expression}), '${ACCENTED}', '${PLAIN}'), 'œ', 'oe'), 'æ', 'ae')`;

/** `p` is the member's profile row (possibly absent), `o` their organization. */
const PERSON_COLUMNS = `u.id, u.display_name AS "displayName", u.handle, u.title, u.email, u.role, u.created_at AS "createdAt",
  o.id AS "organizationId", o.slug AS "organizationSlug", o.name AS "organizationName",
  o.short_name AS "organizationShortName", o.kind AS "organizationKind",
  coalesce(p.mrc_codes, '{}') AS "mrcCodes", coalesce(p.themes, '{}') AS themes, coalesce(p.tags, '{}') AS tags,
  coalesce(p.bio, '') AS bio, coalesce(p.languages, '{fr}') AS languages, coalesce(p.phone, '') AS phone,
  coalesce(p.email_visibility, 'members') AS "emailVisibility", coalesce(p.phone_visibility, 'nobody') AS "phoneVisibility",
  p.avatar_key AS "avatarKey", p.updated_at AS "profileUpdatedAt"`;

const PERSON_FROM = `users u LEFT JOIN member_profiles p ON p.user_id = u.id
  LEFT JOIN organizations o ON o.id = u.organization_id`;

/** A person as cards and profiles show them, to follow with WHERE. */
export const PERSON_SELECT = `${PERSON_COLUMNS} FROM ${PERSON_FROM}`;

/** What a directory search reads through: names, title, bio, themes, tags and organization, folded. */
const DIRECTORY_TEXT = foldSql(
  `u.display_name || ' ' || u.title || ' ' || coalesce(p.bio, '') || ' ' || array_to_string(coalesce(p.themes, '{}'), ' ')
   || ' ' || array_to_string(coalesce(p.tags, '{}'), ' ') || ' ' || coalesce(o.name, '') || ' ' || coalesce(o.short_name, '')`,
);

export interface PersonRow {
  id: string;
  displayName: string;
  handle: string;
  title: string;
  email: string;
  role: Profile['role'];
  createdAt: Date;
  organizationId: string | null;
  organizationSlug: string | null;
  organizationName: string | null;
  organizationShortName: string | null;
  organizationKind: OrganizationKind | null;
  mrcCodes: string[];
  themes: string[];
  tags: string[];
  bio: string;
  languages: string[];
  phone: string;
  emailVisibility: ContactVisibility;
  phoneVisibility: ContactVisibility;
  avatarKey: string | null;
  profileUpdatedAt: Date | null;
}

/** Where a member's picture is served; the version makes a changed picture a new address for browser caches. */
const avatarUrl = (row: PersonRow) =>
  row.avatarKey ? `/api/v1/people/${row.handle}/avatar?v=${row.profileUpdatedAt?.getTime() ?? 0}` : null;

export function presentCard(viewer: Viewer, row: PersonRow): PersonCard {
  return {
    id: row.id,
    displayName: row.displayName,
    handle: row.handle,
    title: row.title,
    organization: row.organizationId
      ? {
          id: row.organizationId,
          slug: row.organizationSlug!,
          name: row.organizationName!,
          shortName: row.organizationShortName!,
          kind: row.organizationKind!,
        }
      : null,
    mrcCodes: row.mrcCodes,
    themes: row.themes,
    tags: row.tags,
    email: visibleContact(viewer, row).email,
    avatarUrl: avatarUrl(row),
  };
}

/**
 * Members as the network sees them: the directory, profiles, and each member's own settings and picture. Every answer
 * that shows a person's contact details goes through `visibleContact`.
 */
@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: FileStorage,
    private readonly outbox: OutboxService,
  ) {}

  /** Active members matching the words and filters, by name (keyset pages), with how many match in all. */
  async directory(viewer: Viewer, query: DirectoryInput): Promise<Directory> {
    const after = query.cursor ? decodeCursor<[string, string]>(query.cursor, 2) : null;
    const patterns = fold(query.q ?? '')
      .split(/\s+/)
      .filter((word) => word.length > 0)
      .map((word) => `%${word.replace(/[\\%_]/g, (character) => `\\${character}`)}%`);
    const filters = `u.status = 'active'
      AND ($1::uuid IS NULL OR u.organization_id = $1)
      AND ($2::text IS NULL OR p.mrc_codes @> ARRAY[$2] OR o.mrc_code = $2)
      AND ($3::text IS NULL OR p.themes @> ARRAY[$3] OR p.tags @> ARRAY[$3])
      AND ${DIRECTORY_TEXT} LIKE ALL ($4::text[])`;
    const parameters = [query.organization ?? null, query.mrc ?? null, query.theme ?? null, patterns];
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${PERSON_COLUMNS} FROM ${PERSON_FROM}
         WHERE ${filters} AND ($5::text IS NULL OR (u.display_name, u.id) > ($5, $6::uuid))
         ORDER BY u.display_name, u.id LIMIT ${query.limit + 1}`,
        [...parameters, after?.[0] ?? null, after?.[1] ?? null],
      ) as Promise<PersonRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM ${PERSON_FROM} WHERE ${filters}`, parameters),
    ]);
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map((row) => presentCard(viewer, row)),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.displayName, last.id]) : null,
      total,
    };
  }

  /** A member's page: 404 for an unknown or deactivated handle. */
  profile(viewer: Viewer, handle: string): Promise<Profile> {
    return this.profileWhere(viewer, 'u.handle = $1', handle);
  }

  private async profileWhere(viewer: Viewer, condition: string, value: string): Promise<Profile> {
    const row = await this.person(condition, value);
    if (!row) throw notFound('Ce membre n’existe pas ou n’est plus actif.');
    const contact = visibleContact(viewer, row);
    return {
      ...presentCard(viewer, row),
      role: row.role,
      bio: row.bio,
      languages: row.languages,
      phone: contact.phone,
      memberSince: row.createdAt.toISOString(),
    };
  }

  async settings(viewer: Viewer): Promise<MyProfileSettings> {
    const row = (await this.person('u.id = $1', viewer.id))!;
    return {
      displayName: row.displayName,
      title: row.title,
      mrcCodes: row.mrcCodes,
      themes: row.themes,
      tags: row.tags,
      bio: row.bio,
      languages: row.languages,
      phone: row.phone,
      emailVisibility: row.emailVisibility,
      phoneVisibility: row.phoneVisibility,
      avatarUrl: avatarUrl(row),
    };
  }

  /** Saves my profile; the directory and search see the change at once. */
  async update(viewer: Viewer, change: z.output<typeof UpdateProfileRequest>): Promise<Profile> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('UPDATE users SET display_name = $2, title = $3, updated_at = now() WHERE id = $1', [
        viewer.id,
        change.displayName,
        change.title,
      ]);
      await manager.query(
        `INSERT INTO member_profiles (user_id, bio, languages, themes, tags, mrc_codes, phone, email_visibility, phone_visibility)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (user_id) DO UPDATE SET bio = $2, languages = $3, themes = $4, tags = $5, mrc_codes = $6,
           phone = $7, email_visibility = $8, phone_visibility = $9, updated_at = now()`,
        [
          viewer.id,
          change.bio,
          change.languages,
          change.themes,
          change.tags,
          change.mrcCodes,
          change.phone,
          change.emailVisibility,
          change.phoneVisibility,
        ],
      );
      await this.outbox.enqueue(manager, SEARCH_INDEX, { type: 'person', id: viewer.id } satisfies SearchSyncPayload);
    });
    this.outbox.notifyCommitted();
    return this.profileWhere(viewer, 'u.id = $1', viewer.id);
  }

  /** Replaces my picture with the resized upload; the former file is removed once the new one is recorded. */
  async setAvatar(viewer: Viewer, body: Buffer): Promise<Profile> {
    const resized = await resizeAvatar(body);
    const key = `avatars/${viewer.id}/${randomBytes(8).toString('hex')}`;
    await this.storage.write(key, Readable.from([resized]));
    let previous: { previousKey: string | null } | undefined;
    try {
      [previous] = await this.dataSource.query(
        `INSERT INTO member_profiles (user_id, avatar_key) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET avatar_key = $2, updated_at = now()
         RETURNING (SELECT avatar_key FROM member_profiles WHERE user_id = $1) AS "previousKey"`,
        [viewer.id, key],
      );
    } catch (error) {
      await this.storage.remove(key);
      throw error;
    }
    if (previous?.previousKey) await this.storage.remove(previous.previousKey);
    return this.profileWhere(viewer, 'u.id = $1', viewer.id);
  }

  async removeAvatar(viewer: Viewer): Promise<void> {
    const [[row]] = await this.dataSource.query(
      `UPDATE member_profiles p SET avatar_key = NULL, updated_at = now()
       FROM member_profiles before WHERE p.user_id = $1 AND before.user_id = p.user_id
       RETURNING before.avatar_key AS "previousKey"`,
      [viewer.id],
    );
    if (row?.previousKey) await this.storage.remove(row.previousKey);
  }

  /** A member's picture, for members (every member sees every other's). */
  async avatar(handle: string): Promise<Readable> {
    const row = await this.person('u.handle = $1', handle);
    if (!row?.avatarKey) throw notFound('Ce membre n’a pas de photo.');
    return this.storage.read(row.avatarKey);
  }

  private async person(condition: string, value: string): Promise<PersonRow | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT ${PERSON_COLUMNS} FROM ${PERSON_FROM} WHERE ${condition} AND u.status = 'active'`,
      [value],
    );
    return row;
  }
}
