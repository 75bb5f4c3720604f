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
    empty: {
      title: 'No customers yet',
      hint: 'Customers appear here once they buy coins or ask for a refund.',
      refunds: 'This customer has not asked for a refund.',
      orders: 'This customer has not bought any coins.',
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
    empty: {
      title: '暂无客户',
      hint: '客户充值或提交退款申请后会显示在这里。',
      refunds: '该客户没有提交过退款申请。',
      orders: '该客户没有充值记录。',
    },
  },
};

export default { en, zh };
