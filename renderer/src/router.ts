import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'

const NeedsPortal = () => import('./components/NeedsPortal.vue')

/** The app's areas; the navigation is built from this list. */
export const areas = [
  { name: 'leads', path: '/leads', component: () => import('./features/leads/LeadsView.vue') },
  // Not in this version yet: the screen says so (or asks for a portal while none is connected).
  { name: 'userfields', path: '/userfields', component: NeedsPortal, props: { area: 'userfields', planned: true } },
  { name: 'layout', path: '/layout', component: NeedsPortal, props: { area: 'layout', planned: true } },
  { name: 'portals', path: '/portals', component: () => import('./features/portals/PortalsView.vue') },
  { name: 'jobs', path: '/jobs', component: () => import('./features/jobs/JobsView.vue') }
] as const satisfies readonly RouteRecordRaw[]

export type AreaName = (typeof areas)[number]['name']

/** Screens reached from an area rather than from the navigation: a lead's card opens from the grid. */
export const detailRoutes = [
  {
    name: 'lead-card',
    path: '/leads/:key(-?\\d+)',
    component: () => import('./features/card/LeadCardView.vue')
  }
] as const satisfies readonly RouteRecordRaw[]

export function createAppRouter() {
  return createRouter({
    // Hash history: the app's own scheme (app://lead-admin) serves files only, never routes.
    history: createWebHashHistory(),
    routes: [{ path: '/', redirect: '/portals' }, ...areas, ...detailRoutes]
  })
}
