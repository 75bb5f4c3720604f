// Live updates: what a request page says when someone else changed it, and who else is viewing.
import type { Catalogue } from './types';

const en = {
  live: {
    notice: {
      claimed: '%{name} claimed this request a moment ago.',
      released: '%{name} released this request a moment ago.',
      decided: '%{name} decided this request a moment ago.',
      changed: '%{name} changed this request a moment ago.',
      someone: 'Someone',
      dismiss: 'Dismiss',
    },
    presence: {
      label: 'Also viewing: %{names}',
      region: 'Who else is viewing',
    },
  },
};

const zh: Catalogue<typeof en> = {
  live: {
    notice: {
      claimed: '%{name} 刚刚认领了此申请。',
      released: '%{name} 刚刚释放了此申请。',
      decided: '%{name} 刚刚处理了此申请。',
      changed: '%{name} 刚刚更改了此申请。',
      someone: '有人',
      dismiss: '关闭',
    },
    presence: {
      label: '同时在查看：%{names}',
      region: '还有谁在查看',
    },
  },
};

export default { en, zh };
