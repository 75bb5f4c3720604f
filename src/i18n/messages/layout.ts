// The page frame: the language menu, the "server unreachable" page, empty states shared by the
// lists. (Material UI's own labels come from its zhCN / enUS locales: see src/layout/themes.ts.)
import type { Catalogue } from './types';

const en = {
  layout: {
    language: {
      button: 'Language: %{name}',
      menu: 'Choose the language',
    },
    api_down: {
      title: 'The refund service cannot be reached',
      network: 'The server does not answer. Check your network connection; nothing you saved is lost.',
      server:
        'The server answered with an error (HTTP %{status}). The team running it has been notified by its logs.',
      auto: 'Trying again automatically every %{seconds} seconds.',
      next: 'Next try in %{seconds} s.',
      checking: 'Checking the connection…',
      retry: 'Try again now',
      back: 'The connection is back.',
    },
    empty: {
      filtered_title: 'Nothing matches these filters',
      filtered_hint: 'Remove a filter or clear them all to see more.',
      clear_filters: 'Clear all filters',
    },
    filter: {
      remove: 'Remove the filter "%{name}"',
    },
    loading: 'Loading…',
  },
};

const zh: Catalogue<typeof en> = {
  layout: {
    language: {
      button: '语言：%{name}',
      menu: '选择语言',
    },
    api_down: {
      title: '无法连接退款服务',
      network: '服务器没有响应。请检查网络连接；已保存的内容不会丢失。',
      server: '服务器返回错误（HTTP %{status}）。运维团队可通过日志获知此问题。',
      auto: '每 %{seconds} 秒自动重试一次。',
      next: '%{seconds} 秒后再次尝试。',
      checking: '正在检查连接…',
      retry: '立即重试',
      back: '连接已恢复。',
    },
    empty: {
      filtered_title: '没有符合筛选条件的结果',
      filtered_hint: '移除部分筛选条件或全部清除，即可看到更多结果。',
      clear_filters: '清除全部筛选条件',
    },
    filter: {
      remove: '移除筛选条件“%{name}”',
    },
    loading: '加载中…',
  },
};

export default { en, zh };
