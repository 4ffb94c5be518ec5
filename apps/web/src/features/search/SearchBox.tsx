import { type SearchHit, searchRoutes } from '@maillage/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { call } from '../../api/client';
import { isSearchUnavailable } from './search-errors';
import { SnippetText } from './SnippetText';

const SUGGEST_DELAY_MS = 150;

function useDebounced<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

/** True when a key press belongs to a field the member is typing in. */
const typingIn = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * The header's search box (combobox): instant results grouped by type as the member types; "/" or Ctrl+K from
 * anywhere focuses it; Enter opens the highlighted hit, or the full search page.
 */
export function SearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const q = useDebounced(text.trim(), SUGGEST_DELAY_MS);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const shortcut =
        (event.key === 'k' && (event.ctrlKey || event.metaKey)) || (event.key === '/' && !typingIn(event.target));
      if (!shortcut) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const suggestions = useQuery({
    queryKey: ['search', 'suggest', q],
    queryFn: () => call(searchRoutes.suggest, { query: { q } }),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const groups = q.length >= 2 ? (suggestions.data?.groups ?? []) : [];
  const hits: SearchHit[] = groups.flatMap((group) => group.items);
  const expanded = open && text.trim().length >= 2;

  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const go = (url: string) => {
    close();
    setText('');
    void navigate(url);
  };
  const searchAll = () => go(`/recherche?q=${encodeURIComponent(text.trim())}`);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (hits.length === 0 ? -1 : (current + step + hits.length + 1) % (hits.length + 1)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const hit = active >= 0 ? hits[active] : undefined;
      if (hit) go(hit.url);
      else if (text.trim()) searchAll();
    } else if (event.key === 'Escape') {
      close();
    }
  };

  // Each group's first option number, for the ids that aria-activedescendant names.
  const firstOption = groups.map((_, groupIndex) =>
    groups.slice(0, groupIndex).reduce((count, group) => count + group.items.length, 0),
  );
  return (
    <div className="search-box" role="search">
      <label htmlFor={`${listId}-input`} className="visually-hidden">
        {t('search.label')}
      </label>
      <input
        ref={input}
        id={`${listId}-input`}
        type="search"
        role="combobox"
        autoComplete="off"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        aria-keyshortcuts="/ Control+K"
        placeholder={t('search.placeholder')}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(close, 150)}
        onKeyDown={onKeyDown}
      />
      <div
        id={listId}
        role="listbox"
        aria-label={t('search.suggestions')}
        className="search-suggestions"
        hidden={!expanded}
      >
        {expanded && isSearchUnavailable(suggestions.error) && <p className="muted">{t('search.unavailable')}</p>}
        {expanded && suggestions.isSuccess && groups.length === 0 && q === text.trim() && (
          <p className="muted">{t('search.noSuggestion')}</p>
        )}
        {groups.map((group, groupIndex) => (
          <div role="group" key={group.type} aria-labelledby={`${listId}-${group.type}`}>
            <p className="search-group" id={`${listId}-${group.type}`} role="presentation">
              {t(`search.type.${group.type}`)} <span className="muted">({group.total})</span>
            </p>
            {group.items.map((hit, hitIndex) => {
              const position = firstOption[groupIndex]! + hitIndex;
              return (
                <div
                  key={hit.id}
                  id={`${listId}-${position}`}
                  role="option"
                  aria-selected={position === active}
                  className={position === active ? 'search-option active' : 'search-option'}
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => go(hit.url)}
                >
                  <span className="search-option-title">
                    <SnippetText snippet={hit.title} />
                  </span>
                  <span className="muted small"> {hit.context}</span>
                </div>
              );
            })}
          </div>
        ))}
        {expanded && (
          <div
            id={`${listId}-${hits.length}`}
            role="option"
            aria-selected={active === hits.length}
            className={active === hits.length ? 'search-option search-all active' : 'search-option search-all'}
            onMouseDown={(event) => event.preventDefault()}
            onClick={searchAll}
          >
            {t('search.all', { q: text.trim() })}
          </div>
        )}
      </div>
    </div>
  );
}
