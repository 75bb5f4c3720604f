// An idle claim (slaSettings idleClaimMinutes, default 60) goes back to the queue after that many
// working minutes without an action on the request: counted in the admin's calendar, refused by the
// workflow table until then with the instant it will be due.
import { describe, expect, it } from 'vitest';
import { applyRefundCommand, dueForIdleRelease, idleReleaseAt } from '../../src/domain/refundWorkflow';
import {
  DEFAULT_SLA_SETTINGS,
  idleClaimMinutesOf,
  parseSlaSettings,
  type SlaSettings,
} from '../../src/domain/slaSettings';
import { makeRequest, policyFor, system } from './refundWorkflowFixtures';

const office: [string, string][] = [['09:00', '18:00']];
const shanghai: SlaSettings = {
  ...DEFAULT_SLA_SETTINGS,
  timeZone: 'Asia/Shanghai',
  hours: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  holidays: [],
  targets: { ...DEFAULT_SLA_SETTINGS.targets, idleClaimMinutes: 60 },
};
// Friday 2026-12-04 17:30 in Shanghai (09:30 UTC): half an hour of the day left
const FRIDAY_1730 = '2026-12-04T09:30:00.000Z';

describe('idle claims', () => {
  it('default to 60 working minutes, also for settings saved before the limit existed', () => {
    expect(idleClaimMinutesOf(DEFAULT_SLA_SETTINGS)).toBe(60);
    const { idleClaimMinutes: _gone, ...older } = DEFAULT_SLA_SETTINGS.targets;
    expect(idleClaimMinutesOf({ targets: older })).toBe(60);
  });

  it('count only working minutes: a claim left at Friday 17:30 is due on Monday 09:30', () => {
    const r = makeRequest({ updatedAt: FRIDAY_1730 });
    expect(idleReleaseAt(r, shanghai)).toBe('2026-12-07T01:30:00.000Z');
    expect(dueForIdleRelease(r, shanghai, '2026-12-07T01:29:59.999Z')).toBe(false);
    expect(dueForIdleRelease(r, shanghai, '2026-12-07T01:30:00.000Z')).toBe(true);
    // on the 24 × 7 default the same claim is due an hour of wall time later
    expect(idleReleaseAt(r, DEFAULT_SLA_SETTINGS)).toBe('2026-12-04T10:30:00.000Z');
  });

  it('are only claims in review', () => {
    const r = makeRequest({ updatedAt: FRIDAY_1730 });
    const later = '2026-12-10T00:00:00.000Z';
    expect(dueForIdleRelease({ ...r, assigneeId: null }, shanghai, later)).toBe(false);
    expect(dueForIdleRelease({ ...r, status: 'awaiting_info' }, shanghai, later)).toBe(false);
    expect(dueForIdleRelease(r, shanghai, later)).toBe(true);
  });

  it('are refused by the table until due, then released with the holder in the event', () => {
    const r = makeRequest({ updatedAt: FRIDAY_1730 });
    const policy = policyFor(r);
    const run = (nowIso: string) =>
      applyRefundCommand(
        r,
        { action: 'release_idle' },
        { actor: system, nowIso, policy, slaSettings: shanghai },
      );
    const early = run('2026-12-05T03:00:00.000Z');
    expect(early).toMatchObject({
      ok: false,
      status: 409,
      code: 'release_idle_not_due',
      params: { until: '2026-12-07T01:30:00.000Z' },
    });
    const due = run('2026-12-07T02:00:00.000Z');
    expect(due.ok).toBe(true);
    if (!due.ok) return;
    expect(due.request).toMatchObject({ status: 'pending', assigneeId: null });
    expect(due.event).toMatchObject({
      action: 'release_idle',
      actorKind: 'system',
      statusBefore: 'in_review',
      statusAfter: 'pending',
      details: { previousAssigneeId: r.assigneeId },
    });
  });

  it('take a whole number of minutes from 1 to a week', () => {
    const body = (idleClaimMinutes: unknown) => ({
      ...shanghai,
      targets: { ...shanghai.targets, idleClaimMinutes },
    });
    expect(parseSlaSettings(body(45)).ok).toBe(true);
    for (const bad of [0, 2.5, -1, 7 * 24 * 60 + 1, '60']) {
      const parsed = parseSlaSettings(body(bad));
      expect(parsed.ok, String(bad)).toBe(false);
      expect(JSON.stringify(parsed)).toContain('sla_idle_minutes_invalid');
    }
    // a body without it (written before it existed) keeps the default
    const { idleClaimMinutes: _gone, ...older } = shanghai.targets;
    expect(parseSlaSettings({ ...shanghai, targets: older }).ok).toBe(true);
  });
});
