import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '../api/client';

/** Sets the window title and gives the page its one h1. */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return <h1>{children}</h1>;
}

type FieldProps = InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; hint?: string };

/** A labelled input whose error and hint are tied to it for screen readers. */
export function Field({ label, error, hint, id, ...input }: FieldProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const described =
    [hint ? `${inputId}-hint` : '', error ? `${inputId}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {hint && (
        <p className="hint" id={`${inputId}-hint`}>
          {hint}
        </p>
      )}
      <input id={inputId} aria-invalid={error ? true : undefined} aria-describedby={described} {...input} />
      {error && (
        <p className="field-error" id={`${inputId}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & { label: string; error?: string; children: ReactNode };

export function SelectField({ label, error, id, children, ...select }: SelectProps) {
  const generated = useId();
  const selectId = id ?? generated;
  return (
    <div className="field">
      <label htmlFor={selectId}>{label}</label>
      <select
        id={selectId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${selectId}-error` : undefined}
        {...select}
      >
        {children}
      </select>
      {error && (
        <p className="field-error" id={`${selectId}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** What went wrong, in words a member can act on; announced to screen readers and focused. */
export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const reference = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) reference.current?.focus();
  }, [error]);
  if (!error) return null;
  const message =
    error instanceof ApiError
      ? error.status === 0
        ? t('errors.network')
        : (error.problem.detail ?? error.problem.title)
      : t('errors.unexpected');
  return (
    <div className="notice notice-error" role="alert" tabIndex={-1} ref={reference}>
      {message}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

export const fieldErrorsOf = (error: unknown): Record<string, string> =>
  error instanceof ApiError ? error.fieldErrors() : {};
