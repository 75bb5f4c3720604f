// Platform clients (the wallet's keys): the admin's list, the create dialog that shows a key once,
// and the revoke button.
import type { Catalogue } from './types';

const en = {
  resources: {
    'platform-clients': {
      name: 'Platform client |||| Platform clients',
      fields: {
        id: 'ID',
        name: 'Name',
        keyPrefix: 'Key',
        createdAt: 'Created',
        createdBy: 'Created by',
        revokedAt: 'Revoked',
      },
    },
  },
  platformClients: {
    menu_group: 'Administration',
    active: 'Active',
    create: 'New platform client',
    create_title: 'New platform client',
    create_help: 'A name that says which platform or app uses the key, e.g. “Wallet app”.',
    name_required: 'Name the client (at most 100 characters).',
    submit: 'Create key',
    cancel: 'Cancel',
    created_title: 'The key of %{name}',
    key_label: 'Platform key',
    key_warning:
      'Copy this key now and keep it somewhere safe: it is shown only this once. The desk stores only its fingerprint and cannot show it again; if it is lost, create a new client and revoke this one.',
    copy: 'Copy key',
    copied: 'Key copied',
    copy_failed: 'Could not copy: select the key and copy it yourself.',
    done: 'I have saved the key',
    failed: 'The client could not be created: %{message}',
    revoke: 'Revoke',
    revoke_title: 'Revoke %{name}?',
    revoke_body:
      'Its key stops working at once: the platform can no longer submit requests or read them with it. This cannot be undone.',
    revoked: 'Key of %{name} revoked',
    revoke_failed: 'The key could not be revoked: %{message}',
    empty: {
      title: 'No platform clients yet',
      hint: 'Create one to give the wallet app a key to the platform API.',
    },
  },
};

const zh: Catalogue<typeof en> = {
  resources: {
    'platform-clients': {
      name: '平台客户端',
      fields: {
        id: '编号',
        name: '名称',
        keyPrefix: '密钥',
        createdAt: '创建时间',
        createdBy: '创建人',
        revokedAt: '吊销时间',
      },
    },
  },
  platformClients: {
    menu_group: '系统管理',
    active: '有效',
    create: '新建平台客户端',
    create_title: '新建平台客户端',
    create_help: '说明哪个平台或应用使用此密钥的名称，例如“钱包应用”。',
    name_required: '请填写客户端名称（最多 100 个字符）。',
    submit: '创建密钥',
    cancel: '取消',
    created_title: '%{name} 的密钥',
    key_label: '平台密钥',
    key_warning:
      '请立即复制此密钥并妥善保存：它只显示这一次。系统只保存其指纹，无法再次显示；如果遗失，请新建客户端并吊销此客户端。',
    copy: '复制密钥',
    copied: '密钥已复制',
    copy_failed: '无法复制：请选中密钥后自行复制。',
    done: '我已保存密钥',
    failed: '无法创建客户端：%{message}',
    revoke: '吊销',
    revoke_title: '吊销 %{name}？',
    revoke_body: '其密钥将立即失效：平台将无法再用它提交或查看申请。此操作无法撤销。',
    revoked: '%{name} 的密钥已吊销',
    revoke_failed: '无法吊销密钥：%{message}',
    empty: {
      title: '暂无平台客户端',
      hint: '新建一个客户端，为钱包应用提供访问平台 API 的密钥。',
    },
  },
};

export default { en, zh };
