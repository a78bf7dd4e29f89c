import type { ComponentType } from 'react';
import type { IconName } from '../components/icon.tsx';
import type { Access } from '../contract/roles.ts';

/**
 * One entry per view: where it lives, who may open it and how its code is loaded. `access` uses
 * the same type as the endpoint table, so every new view forces a decision about roles. The
 * server enforces roles on the data; the shell uses `access` only to guide (see routes.tsx).
 */
export interface ViewRoute {
  id: string;
  /** Absolute path; '/' is the overview. */
  path: string;
  /** Navigation label and document title. */
  title: string;
  access: Access;
  icon: IconName;
  /** Loads the view's code on first visit, keeping it out of the initial bundle. */
  load: () => Promise<ComponentType>;
}

const analystViews = ['analyst', 'admin'] as const;

export const views = [
  {
    id: 'overview',
    path: '/',
    title: 'Overview',
    // Store health is public; the log groups on it need a role and say so when refused.
    access: 'public',
    icon: 'overview',
    load: () => import('../features/overview/overview-page.tsx').then((module) => module.OverviewPage),
  },
  {
    id: 'search',
    path: '/search',
    title: 'Search',
    access: analystViews,
    icon: 'search',
    load: () => import('../features/search/search-page.tsx').then((module) => module.SearchPage),
  },
  {
    id: 'audit',
    path: '/audit',
    title: 'Audit trail',
    // Managers see the aggregated timeline with masked users and addresses (the server masks it).
    access: ['analyst', 'admin', 'manager'],
    icon: 'audit',
    load: () => import('../features/audit/audit-page.tsx').then((module) => module.AuditPage),
  },
  {
    id: 'anomalies',
    path: '/anomalies',
    title: 'Anomalies',
    // Managers get the counts per day and severity (the page decides what to show).
    access: ['analyst', 'admin', 'manager'],
    icon: 'anomalies',
    load: () => import('../features/anomalies/anomalies-page.tsx').then((module) => module.AnomaliesPage),
  },
  {
    id: 'alerts',
    path: '/alerts',
    title: 'Alerts',
    // Managers get alerting in counts (the page decides what to show).
    access: ['analyst', 'admin', 'manager'],
    icon: 'alerts',
    load: () => import('../features/alerts/alerts-page.tsx').then((module) => module.AlertsPage),
  },
  {
    id: 'compliance',
    path: '/compliance',
    title: 'Compliance',
    access: ['manager', 'admin'],
    icon: 'compliance',
    load: () => import('../features/compliance/compliance-page.tsx').then((module) => module.CompliancePage),
  },
  {
    id: 'admin',
    path: '/admin',
    title: 'Admin',
    access: ['admin'],
    icon: 'admin',
    load: () => import('../features/admin/admin-page.tsx').then((module) => module.AdminPage),
  },
] as const satisfies readonly ViewRoute[];
