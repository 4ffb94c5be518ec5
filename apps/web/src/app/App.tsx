import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';

import { ApiError } from '../api/client';
import { SocketProvider } from '../realtime/socket';
import { AppShell } from './AppShell';
import { RequireMember } from './RequireMember';
import { Loading } from './ui';

const LoginPage = lazy(() => import('../features/auth/LoginPage').then((module) => ({ default: module.LoginPage })));
const AcceptInvitationPage = lazy(() =>
  import('../features/auth/AcceptInvitationPage').then((module) => ({ default: module.AcceptInvitationPage })),
);
const HomePage = lazy(() => import('../pages/HomePage').then((module) => ({ default: module.HomePage })));
const DirectoryPage = lazy(() =>
  import('../features/people/DirectoryPage').then((module) => ({ default: module.DirectoryPage })),
);
const ProfilePage = lazy(() =>
  import('../features/people/ProfilePage').then((module) => ({ default: module.ProfilePage })),
);
const ProfileEditor = lazy(() =>
  import('../features/people/ProfileEditor').then((module) => ({ default: module.ProfileEditor })),
);
const OrganizationsPage = lazy(() =>
  import('../features/people/OrganizationsPage').then((module) => ({ default: module.OrganizationsPage })),
);
const OrganizationPage = lazy(() =>
  import('../features/people/OrganizationPage').then((module) => ({ default: module.OrganizationPage })),
);
const PortraitPage = lazy(() =>
  import('../features/portrait/PortraitPage').then((module) => ({ default: module.PortraitPage })),
);
const SpacePage = lazy(() => import('../pages/SpacePage').then((module) => ({ default: module.SpacePage })));
const AdminPage = lazy(() => import('../features/admin/AdminPage').then((module) => ({ default: module.AdminPage })));
const AccountPage = lazy(() =>
  import('../features/account/AccountPage').then((module) => ({ default: module.AccountPage })),
);
const PrivacyPage = lazy(() =>
  import('../features/account/PrivacyPage').then((module) => ({ default: module.PrivacyPage })),
);
const DevMailboxPage = lazy(() =>
  import('../features/dev/DevMailboxPage').then((module) => ({ default: module.DevMailboxPage })),
);
const ForumsPage = lazy(() => import('../pages/ForumsPage').then((module) => ({ default: module.ForumsPage })));
const TopicPage = lazy(() => import('../features/forums/TopicPage').then((module) => ({ default: module.TopicPage })));
const ModerationPage = lazy(() =>
  import('../features/forums/ModerationPage').then((module) => ({ default: module.ModerationPage })),
);
const NotificationsPage = lazy(() =>
  import('../features/notifications/NotificationsPage').then((module) => ({ default: module.NotificationsPage })),
);
const UnsubscribePage = lazy(() =>
  import('../features/notifications/UnsubscribePage').then((module) => ({ default: module.UnsubscribePage })),
);
const SearchPage = lazy(() =>
  import('../features/search/SearchPage').then((module) => ({ default: module.SearchPage })),
);
const CalendarPage = lazy(() =>
  import('../features/events/CalendarPage').then((module) => ({ default: module.CalendarPage })),
);
const EventPage = lazy(() => import('../features/events/EventPage').then((module) => ({ default: module.EventPage })));
const EventRedirect = lazy(() =>
  import('../features/events/EventPage').then((module) => ({ default: module.EventRedirect })),
);
const EventFormPage = lazy(() =>
  import('../features/events/EventForm').then((module) => ({ default: module.EventFormPage })),
);
const LibraryPage = lazy(() =>
  import('../features/library/LibraryPage').then((module) => ({ default: module.LibraryPage })),
);
const ResourcePage = lazy(() =>
  import('../features/library/ResourcePage').then((module) => ({ default: module.ResourcePage })),
);
const DiscussionsPage = lazy(() =>
  import('../features/chat/DiscussionsPage').then((module) => ({ default: module.DiscussionsPage })),
);
const NotFoundPage = lazy(() => import('../pages/NotFoundPage').then((module) => ({ default: module.NotFoundPage })));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; a network hiccup may.
      retry: (failures, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const member = (element: React.ReactNode) => <RequireMember>{element}</RequireMember>;

const router = createBrowserRouter([
  {
    element: <AppShell />,
    children: [
      { path: '/connexion', element: <LoginPage /> },
      { path: '/invitation/:token', element: <AcceptInvitationPage /> },
      { path: '/dev/courriels', element: <DevMailboxPage /> },
      { path: '/desabonnement/:token', element: <UnsubscribePage /> },
      { path: '/', element: member(<HomePage />) },
      { path: '/forums', element: member(<ForumsPage />) },
      { path: '/sujets/:id', element: member(<TopicPage />) },
      { path: '/notifications', element: member(<NotificationsPage />) },
      { path: '/moderation', element: member(<ModerationPage />) },
      { path: '/membres/:handle', element: member(<ProfilePage />) },
      { path: '/organisations', element: member(<OrganizationsPage />) },
      { path: '/organisations/:slug', element: member(<OrganizationPage />) },
      { path: '/compte/profil', element: member(<ProfileEditor />) },
      { path: '/compte/confidentialite', element: member(<PrivacyPage />) },
      { path: '/discussions', element: member(<DiscussionsPage />) },
      { path: '/discussions/:channelId', element: member(<DiscussionsPage />) },
      { path: '/ressources', element: member(<LibraryPage />) },
      { path: '/ressources/:id', element: member(<ResourcePage />) },
      { path: '/calendrier', element: member(<CalendarPage />) },
      { path: '/evenements/nouveau', element: member(<EventFormPage />) },
      { path: '/evenements/:eventId', element: member(<EventRedirect />) },
      { path: '/evenements/:eventId/:occurrenceId', element: member(<EventPage />) },
      { path: '/evenements/:eventId/:occurrenceId/modifier', element: member(<EventFormPage />) },
      { path: '/membres', element: member(<DirectoryPage />) },
      { path: '/recherche', element: member(<SearchPage />) },
      { path: '/portrait', element: member(<PortraitPage />) },
      { path: '/portrait/mrc/:code', element: member(<PortraitPage />) },
      { path: '/portrait/volets/:number', element: member(<PortraitPage />) },
      { path: '/espaces/:id', element: member(<SpacePage />) },
      { path: '/compte', element: member(<AccountPage />) },
      { path: '/admin/*', element: member(<AdminPage />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SocketProvider>
        <Suspense fallback={<Loading />}>
          <RouterProvider router={router} />
        </Suspense>
      </SocketProvider>
    </QueryClientProvider>
  );
}
