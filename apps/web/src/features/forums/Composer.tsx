import { forumRoutes } from '@maillage/contracts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { call } from '../../api/client';

interface Props {
  /** localStorage key of the draft: a reload or a crash loses nothing written. */
  draftKey: string;
  label: string;
  submitLabel: string;
  onSubmit: (body: string) => Promise<unknown>;
  /** Text to insert (a quote), with a counter so that the same quote can be inserted twice. */
  insert?: { text: string; at: number };
  error?: string;
  children?: ReactNode;
  initial?: string;
}

const readDraft = (key: string) => {
  try {
    return localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
};

/** A Markdown editor with a server-rendered preview and a draft kept in the browser. */
export function Composer({ draftKey, label, submitLabel, onSubmit, insert, error, children, initial }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [body, setBody] = useState(() => readDraft(draftKey) || initial || '');
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const [sending, setSending] = useState(false);
  const preview = useMutation({
    mutationFn: (source: string) => call(forumRoutes.preview, { body: { body: source } }),
  });

  useEffect(() => {
    try {
      if (body && body !== initial) localStorage.setItem(draftKey, body);
      else localStorage.removeItem(draftKey);
    } catch {
      // Private browsing may refuse storage: the draft then lives only in the page.
    }
  }, [body, draftKey, initial]);

  // A new quote to insert: adjusted while rendering, as React recommends for state that follows a prop.
  const [inserted, setInserted] = useState(insert);
  if (insert !== inserted) {
    setInserted(insert);
    if (insert) setBody((current) => `${current}${current && !current.endsWith('\n') ? '\n\n' : ''}${insert.text}`);
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    try {
      await onSubmit(body);
      setBody('');
      localStorage.removeItem(draftKey);
      setTab('write');
    } catch {
      // The caller shows the error; the text stays in the editor and the draft.
    } finally {
      setSending(false);
    }
  };

  return (
    <form className="composer" onSubmit={submit} noValidate>
      {children}
      <div className="composer-tabs" role="group" aria-label={t('composer.mode')}>
        <button
          type="button"
          className={tab === 'write' ? 'tab tab-active' : 'tab'}
          aria-pressed={tab === 'write'}
          onClick={() => setTab('write')}
        >
          {t('composer.write')}
        </button>
        <button
          type="button"
          className={tab === 'preview' ? 'tab tab-active' : 'tab'}
          aria-pressed={tab === 'preview'}
          onClick={() => {
            setTab('preview');
            preview.mutate(body);
          }}
        >
          {t('composer.preview')}
        </button>
      </div>
      {tab === 'write' ? (
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <p className="hint" id={`${id}-hint`}>
            {t('composer.hint')}
          </p>
          <textarea
            id={id}
            rows={7}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
            aria-invalid={error ? true : undefined}
          />
          {error && (
            <p className="field-error" id={`${id}-error`}>
              {error}
            </p>
          )}
        </div>
      ) : (
        <div className="post-body preview" aria-live="polite">
          {preview.isPending ? (
            t('common.loading')
          ) : (
            <div dangerouslySetInnerHTML={{ __html: preview.data?.html ?? '' }} />
          )}
        </div>
      )}
      <button type="submit" className="primary" disabled={sending || body.trim() === ''}>
        {submitLabel}
      </button>
    </form>
  );
}
