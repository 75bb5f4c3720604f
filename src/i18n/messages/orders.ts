// Coin orders (top-ups): resource and field names.
import type { Catalogue } from './types';

const en = {
  resources: {
    orders: {
      name: 'Order |||| Orders',
      fields: {
        id: 'ID',
        orderNumber: 'Order number',
        customerId: 'Customer',
        coins: 'Coins bought',
        paidFen: 'Amount paid',
        paymentChannel: 'Payment channel',
        purchasedAt: 'Purchase time',
        coinsSpent: 'Coins spent',
        coinsSpentOnTips: 'Coins spent on tips',
        q: 'Search',
      },
    },
  },
  orders: {
    sections: {
      refunds: 'Refund requests for this order',
    },
    empty: {
      title: 'No orders yet',
      hint: 'Coin purchases (top-ups) appear here as customers make them.',
      refunds: 'No refund has been requested for this order.',
    },
  },
};

const zh: Catalogue<typeof en> = {
  resources: {
    orders: {
      name: '订单',
      fields: {
        id: '编号',
        orderNumber: '订单号',
        customerId: '客户',
        coins: '购买金币',
        paidFen: '支付金额',
        paymentChannel: '支付渠道',
        purchasedAt: '购买时间',
        coinsSpent: '已消费金币',
        coinsSpentOnTips: '用于打赏的金币',
        q: '搜索',
      },
    },
  },
  orders: {
    sections: {
      refunds: '该订单的退款申请',
    },
    empty: {
      title: '暂无订单',
      hint: '客户充值购买金币后，订单会显示在这里。',
      refunds: '该订单没有退款申请。',
    },
  },
};

export default { en, zh };
