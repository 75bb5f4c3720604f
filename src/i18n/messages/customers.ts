// Customers: resource and field names, account statuses.
import type { Catalogue } from './types';

const en = {
  resources: {
    customers: {
      name: 'Customer |||| Customers',
      fields: {
        id: 'ID',
        name: 'Name',
        accountStatus: 'Account status',
        locale: 'Language',
        registeredAt: 'Registered',
        paymentAccountId: 'Payment account',
        q: 'Search',
      },
    },
  },
  customers: {
    accountStatus: {
      normal: 'Normal',
      restricted: 'Restricted',
      banned: 'Banned',
    },
    sections: {
      refunds: 'Refund requests',
      orders: 'Orders',
    },
  },
};

const zh: Catalogue<typeof en> = {
  resources: {
    customers: {
      name: '客户',
      fields: {
        id: '编号',
        name: '姓名',
        accountStatus: '账户状态',
        locale: '语言',
        registeredAt: '注册时间',
        paymentAccountId: '支付账户',
        q: '搜索',
      },
    },
  },
  customers: {
    accountStatus: {
      normal: '正常',
      restricted: '受限',
      banned: '已封禁',
    },
    sections: {
      refunds: '退款申请',
      orders: '订单',
    },
  },
};

export default { en, zh };
