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
    bidi_control:
      'Hidden text-direction control %{control} (%{codePoint}) in this text, shown instead of obeyed',
    form: {
      too_long: 'At most %{max} characters.',
      invisible: 'This text has no visible characters: write it in words.',
      invalid: 'This value is not accepted.',
    },
    errors: {
      forbidden: 'You may not do this',
      not_found: 'Not found',
      conflict: 'Someone else changed this request',
      invalid: 'Some fields need attention',
      network: 'The server cannot be reached',
      unknown: 'Something went wrong',
    },
  },
  roles: {
    reviewer: 'Reviewer',
    supervisor: 'Supervisor',
    manager: 'Manager',
    admin: 'Administrator',
  },
  locales: {
    'zh-CN': 'Chinese (Simplified)',
    en: 'English',
  },
  shortcuts: {
    title: 'Keyboard shortcuts',
    intro:
      'Single keys, not while typing in a field. Decisions that follow the policy suggestion: open with A, R or I, then Enter.',
    hint: 'Shortcut: %{key}',
    claim_next: 'Claim the next request',
    approve: 'Approve (dialog prefilled, Enter confirms)',
    reject: 'Reject (dialog prefilled, Enter confirms)',
    request_info: 'Request information (dialog prefilled, Enter confirms)',
    next: 'Next request in the list',
    previous: 'Previous request in the list',
    open_or_confirm: 'Open the highlighted request; confirm a dialog',
    help: 'Show this list',
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
    bidi_control: '文本中隐藏的文字方向控制符 %{control}（%{codePoint}），此处显示而不生效',
    form: {
      too_long: '最多 %{max} 个字符。',
      invisible: '这段文字没有可见字符，请用文字填写。',
      invalid: '此值无效。',
    },
    errors: {
      forbidden: '您无权执行此操作',
      not_found: '未找到',
      conflict: '此申请已被他人修改',
      invalid: '部分内容需要修改',
      network: '无法连接服务器',
      unknown: '出现错误',
    },
  },
  roles: {
    reviewer: '审核员',
    supervisor: '主管',
    manager: '经理',
    admin: '系统管理员',
  },
  locales: {
    'zh-CN': '简体中文',
    en: '英语',
  },
  shortcuts: {
    title: '键盘快捷键',
    intro: '单键操作，在输入框中输入时不生效。按政策建议处理：按 A、R 或 I 打开对话框，再按 Enter 确认。',
    hint: '快捷键：%{key}',
    claim_next: '领取下一条',
    approve: '通过（对话框已预填，Enter 确认）',
    reject: '驳回（对话框已预填，Enter 确认）',
    request_info: '补充资料（对话框已预填，Enter 确认）',
    next: '列表中的下一条',
    previous: '列表中的上一条',
    open_or_confirm: '打开选中的申请；确认对话框',
    help: '显示此列表',
  },
};

export default { en, zh };
