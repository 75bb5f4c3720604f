import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_SETTINGS, parseSlaSettings, type SlaSettings } from '../../src/domain/slaSettings';
import { formToSettings, settingsToForm, spansText } from '../../src/settings/slaSettingsForm';

describe('the SLA settings form', () => {
  it('reads split shifts written the way people write them, and refuses what is not a span', () => {
    expect(spansText('09:00-12:00, 13:00-18:00')).toEqual([
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ]);
    expect(spansText('9:00 – 18:00；')).toEqual([['09:00', '18:00']]);
    expect(spansText('')).toEqual([]);
    expect(spansText('mornings')).toBeNull();
    expect(spansText('09:00-25:00')).toBeNull();
  });

  it('round-trips settings through the form, amounts in yuan and back to fen', () => {
    const settings: SlaSettings = {
      timeZone: 'Asia/Shanghai',
      hours: {
        ...DEFAULT_SLA_SETTINGS.hours,
        mon: [
          ['09:00', '12:00'],
          ['13:00', '18:00'],
        ],
        sun: [],
      },
      holidays: ['2026-10-01', '2026-10-02'],
      targets: {
        firstReviewHours: 9,
        secondApprovalHours: 4,
        complaintHours: 18,
        idleClaimMinutes: 45,
        bySegment: [
          { when: { tipping: true }, firstReviewHours: 12 },
          { when: { amountOverFen: 50_000, paymentChannel: 'bank_card' }, firstReviewHours: 16 },
        ],
      },
    };
    const back = formToSettings(settingsToForm(settings));
    expect(back).toEqual(settings);
    expect(parseSlaSettings(back)).toEqual({ ok: true, settings });
  });

  it('shows settings saved before the idle-claim limit with the 60 minutes that apply to them', () => {
    const { idleClaimMinutes: _gone, ...older } = DEFAULT_SLA_SETTINGS.targets;
    const form = settingsToForm({ ...DEFAULT_SLA_SETTINGS, targets: older });
    expect(form.targets.idleClaimMinutes).toBe(60);
    expect(formToSettings(form).targets.idleClaimMinutes).toBe(60);
  });

  it('sends a span that does not parse as it is, so the server names the field', () => {
    const form = settingsToForm(DEFAULT_SLA_SETTINGS);
    form.hours.tue = 'all day';
    const result = parseSlaSettings(formToSettings(form));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fieldErrors ?? {})).toContain('hours.tue.0.1');
  });
});
