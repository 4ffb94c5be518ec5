import {
  type MyProfileSettings,
  peopleRoutes,
  PROFILE_LANGUAGES,
  REGION_THEMES,
  type UpdateProfileRequest,
} from '@maillage/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { call } from '../../api/client';
import { uploadWithProgress } from '../../api/upload';
import { meQueryKey, useMe } from '../../api/use-me';
import { useMrcs } from '../../api/use-network';
import { ErrorNotice, Field, fieldErrorsOf, Loading, PageTitle } from '../../app/ui';
import { Avatar } from './Avatar';

/** The form's state: the saved settings, tags as the text the member types. */
type Draft = Omit<MyProfileSettings, 'tags' | 'avatarUrl'> & { tags: string };

const draftOf = ({ avatarUrl: _picture, ...settings }: MyProfileSettings): Draft => ({
  ...settings,
  tags: settings.tags.join(', '),
});

/** My profile: what the network sees of me, my picture, and who may see my email and phone. */
export function ProfileEditor() {
  const { t } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['my-profile'], queryFn: () => call(peopleRoutes.mySettings) });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['my-profile'] });
    void queryClient.invalidateQueries({ queryKey: meQueryKey });
    void queryClient.invalidateQueries({ queryKey: ['profile'] });
  };
  const picture = useMutation({
    mutationFn: (file: File) => uploadWithProgress(peopleRoutes.setAvatar, {}, file, () => undefined),
    onSuccess: refresh,
  });
  const removePicture = useMutation({ mutationFn: () => call(peopleRoutes.removeAvatar), onSuccess: refresh });
  if (!settings.data) return settings.error ? <ErrorNotice error={settings.error} /> : <Loading />;
  const choosePicture = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) picture.mutate(file);
    event.target.value = '';
  };

  return (
    <>
      <PageTitle title={t('people.editTitle')}>{t('people.editTitle')}</PageTitle>
      {me && (
        <p>
          <Link to={`/membres/${me.handle}`}>{t('people.seeMine')}</Link>
        </p>
      )}
      <section className="avatar-editor" aria-labelledby="avatar-heading">
        <h2 id="avatar-heading">{t('people.picture')}</h2>
        <Avatar url={settings.data.avatarUrl} name={settings.data.displayName} size={96} />
        <div className="field">
          <label htmlFor="avatar-file">{t('people.choosePicture')}</label>
          <p className="hint" id="avatar-file-hint">
            {t('people.pictureHint')}
          </p>
          <input
            id="avatar-file"
            type="file"
            accept="image/jpeg,image/png,image/webp,image/gif"
            aria-describedby="avatar-file-hint"
            onChange={choosePicture}
          />
        </div>
        {settings.data.avatarUrl && (
          <button type="button" className="link-button" onClick={() => removePicture.mutate()}>
            {t('people.removePicture')}
          </button>
        )}
        {picture.isPending && <Loading />}
        <ErrorNotice error={picture.error ?? removePicture.error} />
      </section>
      {/* Starts from the first answer only: a new picture refetches the settings without undoing edits in progress. */}
      <ProfileForm saved={settings.data} onSaved={refresh} />
    </>
  );
}

/** The profile's fields, starting from what was last saved. */
function ProfileForm({ saved: initial, onSaved }: { saved: MyProfileSettings; onSaved: () => void }) {
  const { t } = useTranslation();
  const mrcs = useMrcs();
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: UpdateProfileRequest) => call(peopleRoutes.updateMySettings, { body }),
    onSuccess: () => {
      setSaved(true);
      onSaved();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setSaved(false);
    setDraft({ ...draft, [key]: value });
  };
  const toggle = (key: 'mrcCodes' | 'themes' | 'languages', value: string) => {
    const list = draft[key];
    set(key, list.includes(value) ? list.filter((item) => item !== value) : [...list, value]);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Themes and languages come from the lists the server checks them against.
    save.mutate({
      ...draft,
      tags: draft.tags
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    } as UpdateProfileRequest);
  };

  return (
    <form className="profile-form" onSubmit={submit} noValidate>
      <Field
        label={t('people.displayName')}
        value={draft.displayName}
        error={errors['body.displayName']}
        onChange={(event) => set('displayName', event.target.value)}
        required
      />
      <Field
        label={t('people.jobTitle')}
        value={draft.title}
        error={errors['body.title']}
        onChange={(event) => set('title', event.target.value)}
      />
      <div className="field">
        <label htmlFor="profile-bio">{t('people.bio')}</label>
        <textarea
          id="profile-bio"
          rows={4}
          maxLength={1000}
          value={draft.bio}
          aria-invalid={errors['body.bio'] ? true : undefined}
          onChange={(event) => set('bio', event.target.value)}
        />
      </div>
      <fieldset>
        <legend>{t('people.serves')}</legend>
        {mrcs.map((mrc) => (
          <label key={mrc.mrcCode} className="check">
            <input
              type="checkbox"
              checked={draft.mrcCodes.includes(mrc.mrcCode)}
              onChange={() => toggle('mrcCodes', mrc.mrcCode)}
            />{' '}
            {mrc.name}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('people.themes')}</legend>
        {REGION_THEMES.map((theme) => (
          <label key={theme} className="check">
            <input type="checkbox" checked={draft.themes.includes(theme)} onChange={() => toggle('themes', theme)} />{' '}
            {theme}
          </label>
        ))}
      </fieldset>
      <Field
        label={t('people.tags')}
        hint={t('people.tagsHint')}
        value={draft.tags}
        error={errors['body.tags']}
        onChange={(event) => set('tags', event.target.value)}
      />
      <fieldset>
        <legend>{t('people.languages')}</legend>
        {PROFILE_LANGUAGES.map((language) => (
          <label key={language} className="check">
            <input
              type="checkbox"
              checked={draft.languages.includes(language)}
              onChange={() => toggle('languages', language)}
            />{' '}
            {t(`people.language.${language}`)}
          </label>
        ))}
      </fieldset>
      <Field
        label={t('people.phone')}
        type="tel"
        value={draft.phone}
        error={errors['body.phone']}
        onChange={(event) => set('phone', event.target.value)}
      />
      {(['emailVisibility', 'phoneVisibility'] as const).map((key) => (
        <fieldset key={key}>
          <legend>{t(`people.${key}`)}</legend>
          {(['members', 'nobody'] as const).map((choice) => (
            <label key={choice} className="check">
              <input type="radio" name={key} checked={draft[key] === choice} onChange={() => set(key, choice)} />{' '}
              {t(`people.visibility.${choice}`)}
            </label>
          ))}
        </fieldset>
      ))}
      <ErrorNotice error={save.error} />
      {saved && (
        <p className="notice notice-success" role="status">
          {t('people.saved')}
        </p>
      )}
      <button type="submit" className="primary" disabled={save.isPending}>
        {t('people.save')}
      </button>
    </form>
  );
}
