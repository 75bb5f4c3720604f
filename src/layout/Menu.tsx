// The side menu: one entry per resource the signed-in role may list. <Menu.ResourceItem> asks
// authProvider.canAccess({ resource, action: 'list' }), which reads src/domain/permissions.ts.
import DashboardIcon from '@mui/icons-material/Insights';
import { ListSubheader } from '@mui/material';
import { Menu as RaMenu, useCanAccess, useTranslate } from 'react-admin';

/** The resources offered in the menu, in order. Each shows only when the role may list it. */
export const MENU_RESOURCES = ['refunds', 'complaints', 'customers', 'orders', 'users'] as const;
/** Under "Administration": the admin's connections to the platform. */
export const ADMIN_MENU_RESOURCES = ['webhook-endpoints', 'webhook-deliveries'] as const;

export function Menu() {
  const translate = useTranslate();
  const { canAccess: readsMetrics } = useCanAccess({ resource: 'metrics', action: 'read' });
  const { canAccess: administers } = useCanAccess({ resource: 'webhook-endpoints', action: 'list' });
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
      {administers && (
        <ListSubheader component="div" sx={{ bgcolor: 'transparent', lineHeight: 2.5 }}>
          {translate('webhooks.menu')}
        </ListSubheader>
      )}
      {ADMIN_MENU_RESOURCES.map((name) => (
        <RaMenu.ResourceItem key={name} name={name} />
      ))}
    </RaMenu>
  );
}
