import { libraryRoutes, type UploadResult } from '@maillage/contracts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useDropzone } from 'react-dropzone';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

import { call } from '../../api/client';
import { uploadWithProgress } from '../../api/upload';
import { ErrorNotice, Field, fieldErrorsOf, SelectField } from '../../app/ui';
import { fileSize } from './format';
import { emptyMetadata, type MetadataDraft, MetadataFields, metadataOf } from './MetadataFields';

/** Upload a document (drag and drop, with progress) or share a link: the two ways into the library. */
export function AddResource({ mode }: { mode: 'file' | 'link' }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<MetadataDraft>(emptyMetadata);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [duplicate, setDuplicate] = useState<UploadResult['resource'] | null>(null);
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<'link' | 'tool'>('link');
  const dropzone = useDropzone({ multiple: false, onDrop: (accepted) => setFile(accepted[0] ?? null) });

  const send = useMutation({
    mutationFn: async () => {
      if (mode === 'link') {
        const created = await call(libraryRoutes.createLink, { body: { ...metadataOf(draft), format, url } });
        return { resource: created, duplicate: false };
      }
      const form = new FormData();
      // The metadata part comes first: the server reads it before the file streams by.
      form.append('metadata', JSON.stringify(metadataOf(draft)));
      if (file) form.append('file', file, file.name);
      setProgress(0);
      return uploadWithProgress(libraryRoutes.upload, {}, form, setProgress).finally(() => setProgress(null));
    },
    onSuccess: (result) => {
      if (result.duplicate) setDuplicate(result.resource);
      else void navigate(`/ressources/${result.resource.id}`);
    },
  });
  const errors = fieldErrorsOf(send.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDuplicate(null);
    send.mutate();
  };

  return (
    <form className="panel" onSubmit={submit} noValidate>
      <h2>{mode === 'file' ? t('library.upload') : t('library.addLink')}</h2>
      <ErrorNotice error={send.error} />
      {duplicate && (
        <p className="notice" role="status">
          {t('library.duplicate')} <Link to={`/ressources/${duplicate.id}`}>{duplicate.title}</Link>
        </p>
      )}
      {mode === 'file' ? (
        <div className="field">
          <div {...dropzone.getRootProps({ className: `dropzone${dropzone.isDragActive ? ' active' : ''}` })}>
            <input {...dropzone.getInputProps({ 'aria-label': t('library.field.file') })} />
            <p>{t('library.dropzone')}</p>
            <p className="hint">{t('library.dropzoneHint')}</p>
          </div>
          {file && <p>{t('library.chosen', { name: file.name, size: fileSize(file.size, i18n.language) })}</p>}
          {errors.file && <p className="field-error">{errors.file}</p>}
        </div>
      ) : (
        <div className="field-row">
          <SelectField
            label={t('library.field.format')}
            value={format}
            onChange={(event) => setFormat(event.target.value as 'link' | 'tool')}
          >
            <option value="link">{t('library.formats.link')}</option>
            <option value="tool">{t('library.formats.tool')}</option>
          </SelectField>
          <Field
            label={t('library.field.url')}
            type="url"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            error={errors.url}
            required
          />
        </div>
      )}
      <MetadataFields value={draft} onChange={setDraft} errors={errors} />
      {progress !== null && (
        <p>
          <progress
            max={1}
            value={progress}
            aria-label={t('library.sending', { percent: Math.round(progress * 100) })}
          />{' '}
          {t('library.sending', { percent: Math.round(progress * 100) })}
        </p>
      )}
      <button type="submit" className="primary" disabled={send.isPending || (mode === 'file' && !file)}>
        {mode === 'file' ? t('library.send') : t('library.publishLink')}
      </button>
    </form>
  );
}
