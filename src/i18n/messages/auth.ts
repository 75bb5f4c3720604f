// The sign-in page and session messages.
import type { Catalogue } from './types';

const en = {
  auth: {
    title: 'Sign in to Refund Desk',
    demo: {
      title: 'Demo accounts',
      hint: 'Click an account to fill in the form. Every password is "%{password}".',
      use: 'Use the %{username} account (%{role})',
    },
    errors: {
      wrong_credentials: 'Wrong username or password.',
      too_many_attempts: 'Too many failed sign-ins for this user. Try again in %{seconds} seconds.',
      address_locked: 'Too many failed sign-ins from this network address. Try again in %{seconds} seconds.',
      too_many_at_once: 'Too many sign-ins from this network address at once. Wait a moment and try again.',
      busy: 'The server is busy with other sign-ins. Try again in %{seconds} seconds.',
      unreachable: 'The server cannot be reached. Check your connection and try again.',
    },
  },
};

const zh: Catalogue<typeof en> = {
  auth: {
    title: '登录退款工作台',
    demo: {
      title: '演示账号',
      hint: '点击账号即可填入表单。所有密码均为“%{password}”。',
      use: '使用 %{username} 账号（%{role}）',
    },
    errors: {
      wrong_credentials: '用户名或密码错误。',
      too_many_attempts: '该用户登录失败次数过多，请 %{seconds} 秒后再试。',
      address_locked: '来自该网络地址的登录失败次数过多，请 %{seconds} 秒后再试。',
      too_many_at_once: '该网络地址同时发起的登录过多，请稍候再试。',
      busy: '服务器正忙于处理其他登录，请 %{seconds} 秒后再试。',
      unreachable: '无法连接服务器，请检查网络后重试。',
    },
  },
};

export default { en, zh };
