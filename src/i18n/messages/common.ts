// Messages shared by every screen: the app name, roles, yes/no, the theme and language switches.
import type { Catalogue } from './types';

const en = {
  app: {
    title: 'Refund Desk',
    language: 'Language',
  },
  common: {
    yes: 'Yes',
    no: 'No',
    none: '—',
    unassigned: 'Unassigned',
    ok: 'OK',
    warning: 'Needs attention',
    files: '%{smart_count} file |||| %{smart_count} files',
  },
  roles: {
    reviewer: 'Reviewer',
    supervisor: 'Supervisor',
    manager: 'Manager',
  },
  locales: {
    'zh-CN': 'Chinese (Simplified)',
    en: 'English',
  },
};

const zh: Catalogue<typeof en> = {
  app: {
    title: '退款工作台',
    language: '语言',
  },
  common: {
    yes: '是',
    no: '否',
    none: '—',
    unassigned: '未分配',
    ok: '正常',
    warning: '需注意',
    files: '%{smart_count} 个文件',
  },
  roles: {
    reviewer: '审核员',
    supervisor: '主管',
    manager: '经理',
  },
  locales: {
    'zh-CN': '简体中文',
    en: '英语',
  },
};

export default { en, zh };
