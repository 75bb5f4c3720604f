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
  users: {
    empty: {
      title: 'No staff members',
      hint: 'Staff accounts are created by an administrator on the server; ask one to add yours.',
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
  users: {
    empty: {
      title: '暂无员工',
      hint: '员工账号由管理员在服务器端创建，请联系管理员添加。',
    },
  },
};

export default { en, zh };
