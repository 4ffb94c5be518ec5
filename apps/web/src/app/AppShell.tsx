import { authRoutes } from '@maillage/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';

import { call } from '../api/client';
import { isStaff, meQueryKey, useMe } from '../api/use-me';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { SearchBox } from '../features/search/SearchBox';
import { Loading } from './ui';

const pillars = [
  { to: '/forums', key: 'nav.forums' },
  { to: '/discussions', key: 'nav.discussions' },
  { to: '/ressources', key: 'nav.resources' },
  { to: '/calendrier', key: 'nav.calendar' },
  { to: '/membres', key: 'nav.people' },
  { to: '/recherche', key: 'nav.search' },
  { to: '/portrait', key: 'nav.portrait' },
] as const;

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const next = i18n.resolvedLanguage === 'en' ? 'fr-CA' : 'en';
  return (
    <button type="button" className="link-button" lang={next} onClick={() => void i18n.changeLanguage(next)}>
      {t('nav.switchLanguage')}
    </button>
  );
}

/** The frame of every page: skip link, header with the pillars, and the main landmark that takes focus on navigation. */
export function AppShell() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);

  const logout = useMutation({
    mutationFn: () => call(authRoutes.logout),
    onSettled: () => {
      queryClient.setQueryData(meQueryKey, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
      void navigate('/connexion');
    },
  });

  return (
    <>
      <a className="skip-link" href="#contenu">
        {t('nav.skipToContent')}
      </a>
      <header className="site-header">
        <div className="header-row">
          <Link to="/" className="brand">
            <span aria-hidden="true" className="brand-mark" />
            {t('app.name')}
          </Link>
          <div className="header-tools">
            <LanguageSwitch />
            {me.data && (
              <>
                <SearchBox />
                <NotificationBell />
                <NavLink to="/compte">{me.data.displayName}</NavLink>
                {isStaff(me.data) && <NavLink to="/moderation">{t('nav.moderation')}</NavLink>}
                {isStaff(me.data) && <NavLink to="/admin">{t('nav.admin')}</NavLink>}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => logout.mutate()}
                  disabled={logout.isPending}
                >
                  {t('nav.logout')}
                </button>
              </>
            )}
          </div>
        </div>
        {me.data && (
          <nav aria-label={t('nav.pillars')} className="pillar-nav">
            <ul>
              {pillars.map((pillar) => (
                <li key={pillar.to}>
                  <NavLink to={pillar.to}>{t(pillar.key)}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="contenu" tabIndex={-1} ref={main}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}
