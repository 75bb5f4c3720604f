// The side menu: one entry per resource the signed-in role may list. <Menu.ResourceItem> asks
// authProvider.canAccess({ resource, action: 'list' }), which reads src/domain/permissions.ts.
import DashboardIcon from '@mui/icons-material/Insights';
import PolicyIcon from '@mui/icons-material/Policy';
import ScheduleIcon from '@mui/icons-material/Schedule';
import { ListSubheader } from '@mui/material';
import { Menu as RaMenu, useCanAccess, useTranslate } from 'react-admin';
import { SLA_SETTINGS_PATH } from '../settings';

/** The resources offered in the menu, in order. Each shows only when the role may list it. */
export const MENU_RESOURCES = ['refunds', 'complaints', 'customers', 'orders', 'users'] as const;
/** Under "Administration" (admins): the desk's connections to the platform. */
export const ADMIN_MENU_RESOURCES = ['platform-clients', 'webhook-endpoints', 'webhook-deliveries'] as const;

function AdministrationGroup() {
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'platform-clients', action: 'list' });
  const { canAccess: editsSla } = useCanAccess({ resource: 'sla-settings', action: 'edit' });
  if (!canAccess) return null;
  return (
    <>
      <ListSubheader component="div" sx={{ bgcolor: 'transparent', lineHeight: 2.5 }}>
        {translate('platformClients.menu_group')}
      </ListSubheader>
      {ADMIN_MENU_RESOURCES.map((name) => (
        <RaMenu.ResourceItem key={name} name={name} />
      ))}
      {editsSla && (
        <RaMenu.Item
          to={SLA_SETTINGS_PATH}
          primaryText={translate('slaSettings.menu')}
          leftIcon={<ScheduleIcon />}
        />
      )}
    </>
  );
}

/** The policy's versions: for those who shape it (managers replay proposals) and publish it (admins). */
function PolicyItem() {
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'policies', action: 'simulate' });
  if (!canAccess) return null;
  return (
    <RaMenu.Item to="/policies" primaryText={translate('policyVersions.menu')} leftIcon={<PolicyIcon />} />
  );
}

export function Menu() {
  const translate = useTranslate();
  const { canAccess: readsMetrics } = useCanAccess({ resource: 'metrics', action: 'read' });
  return (
    <RaMenu>
      {/* every role has metrics: managers and supervisors the desk's, reviewers their own card */}
      {readsMetrics && (
        <RaMenu.Item
          to="/dashboard"
          primaryText={translate('dashboard.title')}
          leftIcon={<DashboardIcon />}
        />
      )}
      {MENU_RESOURCES.map((name) => (
        <RaMenu.ResourceItem key={name} name={name} />
      ))}
      <PolicyItem />
      <AdministrationGroup />
    </RaMenu>
  );
}
