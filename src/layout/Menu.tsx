// The side menu: one entry per resource the signed-in role may list. <Menu.ResourceItem> asks
// authProvider.canAccess({ resource, action: 'list' }), which reads src/domain/permissions.ts.
import { Menu as RaMenu } from 'react-admin';

/** The resources offered in the menu, in order. Each shows only when the role may list it. */
export const MENU_RESOURCES = ['refunds', 'customers', 'orders', 'users'] as const;

export function Menu() {
  return (
    <RaMenu>
      {MENU_RESOURCES.map((name) => (
        <RaMenu.ResourceItem key={name} name={name} />
      ))}
    </RaMenu>
  );
}
