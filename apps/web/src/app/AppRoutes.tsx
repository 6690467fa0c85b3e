import { lazy, Suspense, type ReactNode } from 'react';
import { Center, Loader } from '@mantine/core';
import { Navigate, Route, Routes } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { AppLayout } from './AppLayout';
import { RequireSession } from './RequireSession';

// The first page (login or dashboard) ships in the entry chunk; everything else loads on demand.
const named = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));
const ProductTypesPage = named(() => import('../features/products/ProductTypesPage'), 'ProductTypesPage');
const ProductsPage = named(() => import('../features/products/ProductsPage'), 'ProductsPage');
const ProductDetailPage = named(() => import('../features/products/ProductDetailPage'), 'ProductDetailPage');
const EngagementsPage = named(() => import('../features/engagements/EngagementsPage'), 'EngagementsPage');
const EngagementDetailPage = named(
  () => import('../features/engagements/EngagementDetailPage'),
  'EngagementDetailPage',
);
const FindingsPage = named(() => import('../features/findings/FindingsPage'), 'FindingsPage');
const FindingDetailPage = named(() => import('../features/findings/FindingDetailPage'), 'FindingDetailPage');
const ProfilePage = named(() => import('../features/profile/ProfilePage'), 'ProfilePage');
const AdminPage = named(() => import('../features/admin/AdminPage'), 'AdminPage');
const NotificationsPage = named(() => import('../features/notifications/NotificationsPage'), 'NotificationsPage');
const NotificationSettingsPage = named(
  () => import('../features/notifications/NotificationSettingsPage'),
  'NotificationSettingsPage',
);
const TeamsPage = named(() => import('../features/teams/TeamsPage'), 'TeamsPage');
const TeamDetailPage = named(() => import('../features/teams/TeamDetailPage'), 'TeamDetailPage');
const AdvisoriesPage = named(() => import('../features/advisories/AdvisoriesPage'), 'AdvisoriesPage');
const AdvisoryDetailPage = named(() => import('../features/advisories/AdvisoryDetailPage'), 'AdvisoryDetailPage');
const SyncHistoryPage = named(() => import('../features/advisories/SyncHistoryPage'), 'SyncHistoryPage');

function Lazy({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <Center p="xl">
          <Loader aria-label="Loading page" />
        </Center>
      }
    >
      {children}
    </Suspense>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireSession>
            <AppLayout />
          </RequireSession>
        }
      >
        <Route index element={<DashboardPage />} />
        <Route
          path="product-types"
          element={
            <Lazy>
              <ProductTypesPage />
            </Lazy>
          }
        />
        <Route
          path="products"
          element={
            <Lazy>
              <ProductsPage />
            </Lazy>
          }
        />
        <Route
          path="products/:id"
          element={
            <Lazy>
              <ProductDetailPage />
            </Lazy>
          }
        />
        <Route
          path="engagements"
          element={
            <Lazy>
              <EngagementsPage />
            </Lazy>
          }
        />
        <Route
          path="engagements/:id"
          element={
            <Lazy>
              <EngagementDetailPage />
            </Lazy>
          }
        />
        <Route
          path="findings"
          element={
            <Lazy>
              <FindingsPage />
            </Lazy>
          }
        />
        <Route
          path="findings/:id"
          element={
            <Lazy>
              <FindingDetailPage />
            </Lazy>
          }
        />
        <Route
          path="advisories"
          element={
            <Lazy>
              <AdvisoriesPage />
            </Lazy>
          }
        />
        <Route
          path="advisories/:id"
          element={
            <Lazy>
              <AdvisoryDetailPage />
            </Lazy>
          }
        />
        <Route
          path="vulndb/sync-runs"
          element={
            <Lazy>
              <SyncHistoryPage />
            </Lazy>
          }
        />
        <Route
          path="profile"
          element={
            <Lazy>
              <ProfilePage />
            </Lazy>
          }
        />
        <Route
          path="teams"
          element={
            <Lazy>
              <TeamsPage />
            </Lazy>
          }
        />
        <Route
          path="teams/:id"
          element={
            <Lazy>
              <TeamDetailPage />
            </Lazy>
          }
        />
        <Route
          path="admin/*"
          element={
            <Lazy>
              <AdminPage />
            </Lazy>
          }
        />
        <Route
          path="notifications"
          element={
            <Lazy>
              <NotificationsPage />
            </Lazy>
          }
        />
        <Route
          path="notifications/settings"
          element={
            <Lazy>
              <NotificationSettingsPage />
            </Lazy>
          }
        />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}
