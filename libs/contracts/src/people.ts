import { z } from 'zod';

import { Id, IsoDateTime, Role, text, uniqueList } from './common';
import { Organization, OrganizationSummary } from './organizations';
import { MrcCode } from './search';

/** The themes of the regional network (region.json), offered first as a member's fields of expertise. */
export const REGION_THEMES = [
  'pauvreté et exclusion sociale',
  'travail de rue',
  'itinérance',
  'maintien à domicile des personnes aînées',
  'proche aidance',
  'égalité femmes-hommes',
  'sécurité alimentaire',
  'logement',
  'transport collectif',
  'petite enfance et famille',
  'persévérance scolaire',
  'santé mentale',
  'participation sociale',
  'concertation locale',
] as const;
export const RegionTheme = z.enum(REGION_THEMES);

export const PROFILE_LANGUAGES = ['fr', 'en', 'es', 'atikamekw', 'innu', 'mi’gmaq', 'wolastoqey'] as const;
export const ProfileLanguage = z.enum(PROFILE_LANGUAGES);

/** Who may see one of my contact details: the other members, or nobody (administrators always may). */
export const ContactVisibility = z.enum(['members', 'nobody']);
export type ContactVisibility = z.infer<typeof ContactVisibility>;

/** A member as others see them: contact details only where the member shows them. */
export const PersonCard = z
  .object({
    id: Id,
    displayName: z.string(),
    handle: z.string(),
    title: z.string(),
    organization: OrganizationSummary.nullable(),
    mrcCodes: z.array(z.string()),
    themes: z.array(z.string()),
    tags: z.array(z.string()),
    /** Null when the member does not show it to this viewer. */
    email: z.string().nullable(),
    avatarUrl: z.string().nullable(),
  })
  .meta({ id: 'PersonCard' });
export type PersonCard = z.infer<typeof PersonCard>;

export const Profile = PersonCard.extend({
  role: Role,
  bio: z.string(),
  languages: z.array(z.string()),
  phone: z.string().nullable(),
  memberSince: IsoDateTime,
}).meta({ id: 'Profile' });
export type Profile = z.infer<typeof Profile>;

export const Directory = z
  .object({ items: z.array(PersonCard), nextCursor: z.string().nullable(), total: z.number().int() })
  .meta({ id: 'Directory' });
export type Directory = z.infer<typeof Directory>;

export const DirectoryQuery = z.strictObject({
  /** Words of a name, a title, a bio, a theme, a tag or an organization; accents and case do not matter. */
  q: z.string().trim().max(100).optional(),
  organization: Id.optional(),
  mrc: MrcCode.optional(),
  theme: z.string().trim().min(2).max(60).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(24),
  cursor: z.string().max(300).optional(),
});
export type DirectoryQuery = z.input<typeof DirectoryQuery>;

export const HandleParam = z.strictObject({ handle: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,39}$/) });

/** What I edit on my profile, with my contact details and who sees them. */
export const UpdateProfileRequest = z
  .strictObject({
    displayName: text(2, 80),
    title: z.string().trim().max(120),
    mrcCodes: uniqueList(MrcCode, 8),
    themes: uniqueList(RegionTheme, REGION_THEMES.length),
    tags: uniqueList(z.string().trim().min(2).max(40), 12),
    bio: z.string().trim().max(1000),
    languages: uniqueList(ProfileLanguage, PROFILE_LANGUAGES.length),
    phone: z
      .string()
      .trim()
      .max(30)
      .regex(/^[0-9 +().-]*(poste \d+)?$/, 'Chiffres, espaces, +, (), - et « poste 123 » seulement'),
    emailVisibility: ContactVisibility,
    phoneVisibility: ContactVisibility,
  })
  .meta({ id: 'UpdateProfileRequest' });
export type UpdateProfileRequest = z.input<typeof UpdateProfileRequest>;

/** My profile as I edit it: what I last saved, and my picture. */
export const MyProfileSettings = z
  .object({
    displayName: z.string(),
    title: z.string(),
    mrcCodes: z.array(z.string()),
    themes: z.array(z.string()),
    tags: z.array(z.string()),
    bio: z.string(),
    languages: z.array(z.string()),
    phone: z.string(),
    emailVisibility: ContactVisibility,
    phoneVisibility: ContactVisibility,
    avatarUrl: z.string().nullable(),
  })
  .meta({ id: 'MyProfileSettings' });
export type MyProfileSettings = z.infer<typeof MyProfileSettings>;

export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;

/** An organization's page: who works there, the spaces they take part in that I may see, what they did lately. */
export const OrganizationPage = z
  .object({
    organization: Organization,
    members: z.array(PersonCard),
    spaces: z.array(z.object({ id: Id, name: z.string(), slug: z.string() })),
    recentActivity: z.array(
      z.object({
        kind: z.enum(['topic', 'resource', 'event']),
        title: z.string(),
        url: z.string(),
        at: IsoDateTime,
        authorName: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'OrganizationPage' });
export type OrganizationPage = z.infer<typeof OrganizationPage>;

export const SlugParam = z.strictObject({ slug: z.string().regex(/^[a-z0-9-]{2,60}$/) });

export const DeleteAccountRequest = z
  .strictObject({
    password: z.string().min(1).max(200),
    /** Typed by the member: the word SUPPRIMER. */
    confirmation: z.literal('SUPPRIMER', { error: 'Écrivez SUPPRIMER pour confirmer' }),
  })
  .meta({ id: 'DeleteAccountRequest' });
export type DeleteAccountRequest = z.infer<typeof DeleteAccountRequest>;
