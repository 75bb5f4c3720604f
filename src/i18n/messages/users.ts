// Staff users: resource and field names (role labels live in common.ts under `roles`).
import type { Catalogue } from './types';

const en = {
  resources: {
    users: {
      name: 'Staff member |||| Staff',
      fields: {
        id: 'ID',
        username: 'Username',
        fullName: 'Name',
        role: 'Role',
        active: 'Active',
        q: 'Search',
      },
    },
  },
};

const zh: Catalogue<typeof en> = {
  resources: {
    users: {
      name: '员工',
      fields: {
        id: '编号',
        username: '用户名',
        fullName: '姓名',
        role: '角色',
        active: '在职',
        q: '搜索',
      },
    },
  },
};

export default { en, zh };
