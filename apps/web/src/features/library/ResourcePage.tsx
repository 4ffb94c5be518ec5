import { libraryRoutes, type Resource } from '@maillage/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';

import { call, urlOf } from '../../api/client';
import { uploadWithProgress } from '../../api/upload';
import { ErrorNotice, fieldErrorsOf, Loading, PageTitle } from '../../app/ui';
import { relativeTime } from '../forums/format';
import { fileSize } from './format';

/** One resource: what it is, its text excerpt, its versions, a discussion about it, and a new version. */
export function ResourcePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const resource = useQuery({ queryKey: ['resource', id], queryFn: () => call(libraryRoutes.get, { params: { id } }) });
  const discuss = useMutation({
    mutationFn: () => call(libraryRoutes.discussion, { params: { id } }),
    onSuccess: ({ topicId }) => void navigate(`/sujets/${topicId}`),
  });

  if (resource.isPending) return <Loading />;
  if (!resource.data) return <ErrorNotice error={resource.error} />;
  const item = resource.data;

  return (
    <article className="resource-page">
      <PageTitle title={item.title}>{item.title}</PageTitle>
      <p className="muted">
        <span className="badge">{t(`library.kinds.${item.kind}`)}</span>{' '}
        <Link to={`/espaces/${item.spaceId}`}>{item.spaceName}</Link>
        {item.organizationName && <> · {item.organizationName}</>}
        {item.author && <> · {t('library.by', { name: item.author.displayName })}</>} ·{' '}
        {relativeTime(item.createdAt, i18n.language)}
      </p>
      <ErrorNotice error={discuss.error} />
      <div className="actions">
        {item.format === 'file' ? (
          <a className="button primary" href={urlOf(libraryRoutes.download, { params: { id } })}>
            {t('library.download')} ({item.fileName}, {fileSize(item.sizeBytes ?? 0, i18n.language)})
          </a>
        ) : (
          <a className="button primary" href={item.url ?? '#'} rel="noopener nofollow ugc" target="_blank">
            {t('library.open')}
          </a>
        )}
        <button type="button" className="secondary" onClick={() => discuss.mutate()} disabled={discuss.isPending}>
          {t('library.discuss')}
        </button>
      </div>
      <dl className="event-facts">
        {item.volet && (
          <>
            <dt>{t('library.field.volet')}</dt>
            <dd>{t('events.voletNumber', { number: item.volet })}</dd>
          </>
        )}
        {item.mrcCodes.length > 0 && (
          <>
            <dt>MRC</dt>
            <dd>{item.mrcCodes.join(', ')}</dd>
          </>
        )}
        {item.themes.length > 0 && (
          <>
            <dt>{t('library.field.themes')}</dt>
            <dd>{item.themes.join(', ')}</dd>
          </>
        )}
        {item.tags.length > 0 && (
          <>
            <dt>{t('library.field.tags')}</dt>
            <dd>{item.tags.join(', ')}</dd>
          </>
        )}
        <dt>{t('library.field.language')}</dt>
        <dd>{t(`library.languages.${item.language}`)}</dd>
      </dl>
      <div className="rendered" dangerouslySetInnerHTML={{ __html: item.summaryHtml }} />
      {item.excerpt && (
        <section aria-labelledby="excerpt-heading">
          <h2 id="excerpt-heading">{t('library.excerpt')}</h2>
          <blockquote className="excerpt">{item.excerpt}</blockquote>
        </section>
      )}
      {item.format === 'file' && <Versions resource={item} />}
    </article>
  );
}

function Versions({ resource }: { resource: Resource }) {
  const { t, i18n } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <section aria-labelledby="versions-heading">
      <div className="section-header">
        <h2 id="versions-heading">{t('library.versions')}</h2>
        {resource.canEdit && (
          <button type="button" className="secondary" onClick={() => dialog.current?.showModal()}>
            {t('library.newVersion')}
          </button>
        )}
      </div>
      <ul className="version-list">
        {resource.versions.map((version) => (
          <li key={version.number}>
            <a href={urlOf(libraryRoutes.downloadVersion, { params: { id: resource.id, number: version.number } })}>
              {t('library.version', { number: version.number })} — {version.fileName}
            </a>{' '}
            <span className="muted small">
              {fileSize(version.sizeBytes, i18n.language)} · {relativeTime(version.createdAt, i18n.language)}
              {version.author && <> · {version.author.displayName}</>} ·{' '}
              {t(`library.extraction.${version.extraction}`, { reason: version.extractionFailure })}
            </span>
            {version.changeNote && <p className="small">{version.changeNote}</p>}
          </li>
        ))}
      </ul>
      {resource.canEdit && <NewVersionDialog resourceId={resource.id} dialog={dialog} />}
    </section>
  );
}

function NewVersionDialog({
  resourceId,
  dialog,
}: {
  resourceId: string;
  dialog: React.RefObject<HTMLDialogElement | null>;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const send = useMutation({
    mutationFn: () => {
      const form = new FormData();
      form.append('changeNote', note);
      if (file) form.append('file', file, file.name);
      setProgress(0);
      return uploadWithProgress(libraryRoutes.addVersion, { params: { id: resourceId } }, form, setProgress).finally(
        () => setProgress(null),
      );
    },
    onSuccess: () => {
      dialog.current?.close();
      setFile(null);
      setNote('');
      void queryClient.invalidateQueries({ queryKey: ['resource', resourceId] });
    },
  });
  const errors = fieldErrorsOf(send.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };
  return (
    <dialog ref={dialog} aria-labelledby="new-version-heading">
      <form onSubmit={submit} noValidate>
        <h2 id="new-version-heading">{t('library.newVersion')}</h2>
        <ErrorNotice error={send.error} />
        <div className="field">
          <label htmlFor="version-file">{t('library.field.file')}</label>
          <input id="version-file" type="file" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
          {errors.file && <p className="field-error">{errors.file}</p>}
        </div>
        <div className="field">
          <label htmlFor="version-note">{t('library.changeNote')}</label>
          <textarea id="version-note" rows={3} value={note} onChange={(event) => setNote(event.target.value)} />
        </div>
        {progress !== null && (
          <progress
            max={1}
            value={progress}
            aria-label={t('library.sending', { percent: Math.round(progress * 100) })}
          />
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={!file || send.isPending}>
            {t('library.send')}
          </button>
          <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
            {t('library.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
