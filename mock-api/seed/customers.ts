// The demo's customers: mostly Chinese-speaking, some restricted or banned, a few sharing a
// payment account with an earlier customer (linked accounts, which the refund policy looks at).
import type { AccountStatus, Customer, Locale } from '../../src/domain/model';
import { DAY_MS, toIso } from '../../src/domain/sla';
import type { Rng } from './random';

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '桂英',
  '晓东',
  '思琪',
  '子涵',
  '浩然',
];
const EN_FIRST = ['Alex', 'Sam', 'Jordan', 'Chris', 'Taylor', 'Morgan', 'Jamie', 'Casey', 'Riley', 'Drew'];
const EN_LAST = ['Smith', 'Lee', 'Brown', 'Wong', 'Garcia', 'Chan', 'Miller', 'Nguyen', 'Davis', 'Tan'];

/** `n` customers numbered from `first` (a later cohort of a large seed continues the numbers). */
export function makeCustomers(rng: Rng, n: number, nowMs: number, first = 1): Customer[] {
  const customers: Customer[] = [];
  for (let i = first; i < first + n; i++) {
    const locale: Locale = rng.chance(0.85) ? 'zh-CN' : 'en';
    const name =
      locale === 'zh-CN'
        ? rng.pick(SURNAMES) + rng.pick(GIVEN)
        : `${rng.pick(EN_FIRST)} ${rng.pick(EN_LAST)}`;
    const accountStatus = rng.weighted<AccountStatus>([
      ['normal', 93],
      ['restricted', 5],
      ['banned', 2],
    ]);
    // about 3% share a payment account with an earlier customer: linked accounts
    const paymentAccountId =
      customers.length >= 10 && rng.chance(0.03)
        ? customers[rng.int(0, customers.length - 1)].paymentAccountId
        : `pa${i}`;
    customers.push({
      id: `cu${i}`,
      name,
      accountStatus,
      locale,
      registeredAt: toIso(nowMs - rng.int(70, 900) * DAY_MS),
      paymentAccountId,
    });
  }
  return customers;
}
