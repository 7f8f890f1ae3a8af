/** The portal's users. Permissions are coarse on purpose: enough to make "Access denied." real. */
export interface PortalUser {
  id: number
  name: string
  lastName: string
  email: string
  isAdmin: boolean
  /** 'all' leads, or only leads assigned to this user ('own'), or no CRM access ('none'). */
  leadAccess: 'all' | 'own' | 'none'
  /** May change CRM settings: userfields, common card layouts, others' layouts. */
  canConfigure: boolean
  active: boolean
}

export const defaultUsers = (lang: 'ru' | 'en'): PortalUser[] => [
  {
    id: 1,
    name: lang === 'ru' ? 'Анна' : 'Anna',
    lastName: lang === 'ru' ? 'Смирнова' : 'Smith',
    email: 'admin@example.com',
    isAdmin: true,
    leadAccess: 'all',
    canConfigure: true,
    active: true
  },
  {
    id: 2,
    name: lang === 'ru' ? 'Иван' : 'John',
    lastName: lang === 'ru' ? 'Петров' : 'Brown',
    email: 'manager@example.com',
    isAdmin: false,
    leadAccess: 'own',
    canConfigure: false,
    active: true
  },
  {
    id: 3,
    name: lang === 'ru' ? 'Ольга' : 'Olivia',
    lastName: lang === 'ru' ? 'Кузнецова' : 'Jones',
    email: 'sales@example.com',
    isAdmin: false,
    leadAccess: 'all',
    canConfigure: false,
    active: true
  }
]

export function canReadLead(user: PortalUser, assignedById: number): boolean {
  return user.leadAccess === 'all' || (user.leadAccess === 'own' && assignedById === user.id)
}
