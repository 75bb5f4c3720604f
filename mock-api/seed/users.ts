// The demo's staff: every role the desk knows, all signing in with DEMO_PASSWORD.
import crypto from 'node:crypto';
import type { Role, StaffUser } from '../../src/domain/model';
import { hashPassword } from '../auth';

export const DEMO_PASSWORD = 'password';

export const DEMO_STAFF: { id: string; username: string; fullName: string; role: Role }[] = [
  { id: 'u1', username: 'reviewer', fullName: '李娜 Li Na', role: 'reviewer' },
  { id: 'u2', username: 'reviewer2', fullName: '王强 Wang Qiang', role: 'reviewer' },
  { id: 'u3', username: 'supervisor', fullName: '陈静 Chen Jing', role: 'supervisor' },
  { id: 'u4', username: 'manager', fullName: '张伟 Zhang Wei', role: 'manager' },
  { id: 'u5', username: 'reviewer3', fullName: '刘洋 Liu Yang', role: 'reviewer' },
  { id: 'u6', username: 'reviewer4', fullName: 'Emily Carter', role: 'reviewer' },
  { id: 'u7', username: 'supervisor2', fullName: '赵敏 Zhao Min', role: 'supervisor' },
  { id: 'u8', username: 'admin', fullName: '孙悦 Sun Yue', role: 'admin' },
];

/**
 * Who reads which customers and who is senior (reviewerRouting.ts): most read Chinese, some English,
 * two reviewers and the supervisors are senior. The reviewers' cap is set above the default: the
 * seed's history leaves each holding about ten requests of the live queue at the demo's 3,000, and
 * the demo should still let them claim the next one.
 */
const DEMO_REVIEWER_CAP = 20;

const ROUTING: Record<string, Pick<StaffUser, 'languages' | 'skills' | 'claimCap'>> = {
  u1: { languages: ['zh-CN', 'en'], skills: ['senior'], claimCap: DEMO_REVIEWER_CAP },
  u2: { languages: ['zh-CN', 'en'], skills: ['senior'], claimCap: DEMO_REVIEWER_CAP },
  u3: { languages: ['zh-CN', 'en'], skills: ['senior'] },
  u5: { languages: ['zh-CN'], skills: [], claimCap: DEMO_REVIEWER_CAP },
  u6: { languages: ['en'], skills: [], claimCap: DEMO_REVIEWER_CAP },
  u7: { languages: ['zh-CN', 'en'], skills: ['senior'] },
};

/** The reviewers a request's history may be given to. */
export const REVIEWER_IDS = ['u1', 'u2', 'u5', 'u6'];

export function staffUsers(seed: number): StaffUser[] {
  return DEMO_STAFF.map((s) => ({
    ...s,
    ...ROUTING[s.id],
    active: true,
    // salt derived from the seed: same seed, same file
    passwordHash: hashPassword(
      DEMO_PASSWORD,
      crypto.createHash('sha256').update(`${seed}:${s.username}`).digest().subarray(0, 16),
    ),
  }));
}
