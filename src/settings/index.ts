// The desk's settings pages: the SLA calendar (admins change it; everyone's countdowns read it).
import { lazyView } from '../layout/lazyView';

export { SlaCalendarProvider, useSlaCalendar, useSlaSettings } from './slaCalendar';

/** the page loads when an admin opens it, never with the queue */
export const SlaSettingsPage = lazyView(() => import('./SlaSettingsPage').then((m) => m.SlaSettingsPage));
export const SLA_SETTINGS_PATH = '/settings/sla';
