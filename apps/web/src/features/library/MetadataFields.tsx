import { ResourceKind, type ResourceMetadata } from '@maillage/contracts';
import { useTranslation } from 'react-i18next';

import { useMrcs } from '../../api/use-network';
import { Field, SelectField } from '../../app/ui';
import { SpaceSelectField } from '../spaces/SpaceSelectField';
import { wordsOf } from './format';

export interface MetadataDraft {
  spaceId: string;
  title: string;
  summary: string;
  kind: string;
  volet: string;
  mrcCodes: string[];
  themes: string;
  tags: string;
  language: 'fr' | 'en';
}

export const emptyMetadata: MetadataDraft = {
  spaceId: '',
  title: '',
  summary: '',
  kind: 'guide',
  volet: '',
  mrcCodes: [],
  themes: '',
  tags: '',
  language: 'fr',
};

/** The fields that describe a resource, shared by the upload and the link forms. */
export function MetadataFields({
  value,
  onChange,
  errors,
}: {
  value: MetadataDraft;
  onChange: (draft: MetadataDraft) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const mrcs = useMrcs();
  const set = (patch: Partial<MetadataDraft>) => onChange({ ...value, ...patch });
  const error = (field: string) => errors[field] ?? errors[`metadata.${field}`];
  return (
    <>
      <SpaceSelectField value={value.spaceId} onChange={(spaceId) => set({ spaceId })} error={error('spaceId')} />
      <Field
        label={t('library.field.title')}
        value={value.title}
        onChange={(event) => set({ title: event.target.value })}
        error={error('title')}
        required
      />
      <div className="field-row">
        <SelectField
          label={t('library.field.kind')}
          value={value.kind}
          onChange={(event) => set({ kind: event.target.value })}
          error={error('kind')}
        >
          {ResourceKind.options.map((kind) => (
            <option key={kind} value={kind}>
              {t(`library.kinds.${kind}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('library.field.volet')}
          value={value.volet}
          onChange={(event) => set({ volet: event.target.value })}
        >
          <option value="">{t('library.field.none')}</option>
          {[1, 2, 3, 4].map((number) => (
            <option key={number} value={number}>
              {t('events.voletNumber', { number })}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('library.field.language')}
          value={value.language}
          onChange={(event) => set({ language: event.target.value as 'fr' | 'en' })}
        >
          <option value="fr">{t('library.languages.fr')}</option>
          <option value="en">{t('library.languages.en')}</option>
        </SelectField>
      </div>
      <fieldset className="checkbox-group">
        <legend>{t('library.field.mrc')}</legend>
        {mrcs.map((organization) => (
          <label key={organization.id} className="checkbox">
            <input
              type="checkbox"
              checked={value.mrcCodes.includes(organization.mrcCode)}
              onChange={(event) =>
                set({
                  mrcCodes: event.target.checked
                    ? [...value.mrcCodes, organization.mrcCode]
                    : value.mrcCodes.filter((code) => code !== organization.mrcCode),
                })
              }
            />{' '}
            {organization.shortName}
          </label>
        ))}
      </fieldset>
      <div className="field-row">
        <Field
          label={t('library.field.themes')}
          hint={t('library.field.themesHint')}
          value={value.themes}
          onChange={(event) => set({ themes: event.target.value })}
          error={error('themes')}
        />
        <Field
          label={t('library.field.tags')}
          hint={t('library.field.tagsHint')}
          value={value.tags}
          onChange={(event) => set({ tags: event.target.value })}
          error={error('tags') ?? error('tags.0')}
        />
      </div>
      <div className="field">
        <label htmlFor="resource-summary">{t('library.field.summary')}</label>
        <textarea
          id="resource-summary"
          rows={4}
          value={value.summary}
          onChange={(event) => set({ summary: event.target.value })}
        />
      </div>
    </>
  );
}

export const metadataOf = (draft: MetadataDraft): ResourceMetadata => ({
  spaceId: draft.spaceId,
  title: draft.title,
  summary: draft.summary,
  kind: draft.kind as ResourceMetadata['kind'],
  volet: draft.volet ? Number(draft.volet) : null,
  mrcCodes: draft.mrcCodes,
  themes: wordsOf(draft.themes),
  tags: wordsOf(draft.tags),
  language: draft.language,
});
