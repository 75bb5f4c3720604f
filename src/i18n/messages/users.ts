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
        active: 'Status',
        languages: 'Languages',
        skills: 'Skills',
        claimCap: 'Requests held at most',
        away: 'Away',
        q: 'Search',
      },
    },
  },
  users: {
    empty: {
      title: 'No staff members',
      hint: 'Staff accounts are created by an administrator; ask one to add yours.',
    },
    status: { active: 'Active', inactive: 'Deactivated' },
    away: {
      label: 'Away',
      my_label: 'I am away',
      hint: 'While away, claim next hands out nothing; going away hands back the requests held.',
      chip: 'Away since %{date}',
      on: 'Away',
      off: 'At work',
    },
    create: {
      title: 'New staff account',
      password: 'Initial password',
      password_hint: 'At least 10 characters, not containing the username. Tell it to the person in private.',
      username_hint: '3–32 lower-case letters, digits, ".", "_" or "-", starting with a letter',
    },
    actions: { change_role: 'Change role', deactivate: 'Deactivate', reactivate: 'Reactivate' },
    role_dialog: { title: 'Change the role of %{name}', submit: 'Change role' },
    routing: {
      action: 'Routing',
      title: 'What %{name} reviews',
      submit: 'Save routing',
      cap_hint: 'Leave empty for the default (%{cap}).',
      default_cap: 'Default (%{cap})',
      every_language: 'Every language',
      no_skill: 'None',
      no_language: 'None',
      language: { 'zh-CN': 'Chinese', en: 'English' },
      skill: { senior: 'Senior (tipping and large refunds)' },
    },
    history: {
      title: 'Changes',
      empty: 'No change recorded yet (accounts from before the audit have none).',
      failed: 'The changes could not be read.',
      created: 'Account created',
      field: '%{field}: %{from} → %{to}',
      released:
        '%{smart_count} request went back to the queue |||| %{smart_count} requests went back to the queue',
      by: '%{date} · by %{name}',
    },
    confirm: {
      deactivate_title: 'Deactivate %{name}?',
      deactivate_content:
        'They can no longer sign in and are signed out at once. The requests they hold go back to the queue.',
      reactivate_title: 'Reactivate %{name}?',
      reactivate_content: 'They can sign in again with their password.',
    },
    notify: {
      role: 'Role changed.',
      role_released:
        'Role changed; %{smart_count} request went back to the queue. |||| Role changed; %{smart_count} requests went back to the queue.',
      deactivate: 'Account deactivated.',
      deactivate_released:
        'Account deactivated; %{smart_count} request went back to the queue. |||| Account deactivated; %{smart_count} requests went back to the queue.',
      reactivate: 'Account reactivated.',
      reactivate_released: 'Account reactivated.',
      routing: 'Routing saved.',
      routing_released: 'Routing saved.',
      away: 'Marked away: the queue hands out nothing until back.',
      away_released:
        'Marked away; %{smart_count} request went back to the queue. |||| Marked away; %{smart_count} requests went back to the queue.',
      back: 'Back: claim the next request when ready.',
      back_released: 'Back: claim the next request when ready.',
      failed: 'The account could not be changed.',
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
        active: '状态',
        languages: '语言',
        skills: '技能',
        claimCap: '最多持有申请数',
        away: '离开',
        q: '搜索',
      },
    },
  },
  users: {
    empty: {
      title: '暂无员工',
      hint: '员工账号由管理员创建，请联系管理员添加。',
    },
    status: { active: '在职', inactive: '已停用' },
    away: {
      label: '离开',
      my_label: '我已离开',
      hint: '离开期间“领取下一条”不会分配申请；设为离开时，所持申请退回队列。',
      chip: '自 %{date} 起离开',
      on: '离开',
      off: '在岗',
    },
    create: {
      title: '新建员工账号',
      password: '初始密码',
      password_hint: '至少 10 个字符，且不能包含用户名。请私下告知本人。',
      username_hint: '3–32 个小写字母、数字、点、下划线或连字符，以字母开头',
    },
    actions: { change_role: '更改角色', deactivate: '停用', reactivate: '重新启用' },
    role_dialog: { title: '更改 %{name} 的角色', submit: '更改角色' },
    routing: {
      action: '分派设置',
      title: '%{name} 审核哪些申请',
      submit: '保存分派设置',
      cap_hint: '留空则使用默认值（%{cap}）。',
      default_cap: '默认（%{cap}）',
      every_language: '所有语言',
      no_skill: '无',
      no_language: '无',
      language: { 'zh-CN': '中文', en: '英文' },
      skill: { senior: '资深（打赏与大额退款）' },
    },
    history: {
      title: '变更记录',
      empty: '尚无变更记录（审计之前创建的账号没有记录）。',
      failed: '无法读取变更记录。',
      created: '账号已创建',
      field: '%{field}：%{from} → %{to}',
      released: '%{smart_count} 个申请已退回队列',
      by: '%{date} · %{name}',
    },
    confirm: {
      deactivate_title: '停用 %{name}？',
      deactivate_content: '此人将无法登录并立即退出登录，其认领的申请将退回队列。',
      reactivate_title: '重新启用 %{name}？',
      reactivate_content: '此人可再次使用原密码登录。',
    },
    notify: {
      role: '角色已更改。',
      role_released: '角色已更改；%{smart_count} 个申请已退回队列。',
      deactivate: '账号已停用。',
      deactivate_released: '账号已停用；%{smart_count} 个申请已退回队列。',
      reactivate: '账号已重新启用。',
      reactivate_released: '账号已重新启用。',
      routing: '分派设置已保存。',
      routing_released: '分派设置已保存。',
      away: '已设为离开：回来之前队列不会分配申请。',
      away_released: '已设为离开；%{smart_count} 个申请已退回队列。',
      back: '已回来：准备好后即可领取下一条申请。',
      back_released: '已回来：准备好后即可领取下一条申请。',
      failed: '无法更改此账号。',
    },
  },
};

export default { en, zh };
