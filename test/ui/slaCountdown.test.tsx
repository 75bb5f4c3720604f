// @vitest-environment jsdom
// The SLA countdown: text and colour by urgency, and one shared clock for every row.
import { act, screen, waitFor } from '@testing-library/react';
import { createTheme } from '@mui/material/styles';
import { defaultLightTheme } from 'react-admin';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SLA_SETTINGS } from '../../src/domain/slaSettings';
import type { StoredSlaSettings } from '../../src/providers/dataProvider';
import { SlaCountdown } from '../../src/refunds/SlaCountdown';
import { SlaCalendarProvider } from '../../src/settings/slaCalendar';
import { TICK_MS, clockListenerCount } from '../../src/layout/clock';
import { fakeDataProvider, NOW, renderWithAdmin } from './fixtures';

const HOUR = 3_600_000;
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();
const palette = createTheme(defaultLightTheme).palette;

/** jsdom reports colours as rgb(); the theme has hex. */
function rgb(hex: string): string {
  const h = hex.replace('#', '');
  const n = parseInt(h.length === 3 ? [...h].map((c) => c + c).join('') : h, 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

function renderCountdowns() {
  renderWithAdmin(
    <>
      <div data-testid="breached">
        <SlaCountdown request={{ status: 'pending', slaDueAt: at(-(2 * HOUR + 15 * 60_000)) }} />
      </div>
      <div data-testid="due_soon">
        <SlaCountdown request={{ status: 'in_review', slaDueAt: at(3 * HOUR) }} />
      </div>
      <div data-testid="on_track">
        <SlaCountdown request={{ status: 'pending', slaDueAt: at(20 * HOUR + 5 * 60_000) }} />
      </div>
      <div data-testid="stopped">
        <SlaCountdown request={{ status: 'awaiting_info', slaDueAt: at(-5 * HOUR) }} />
      </div>
    </>,
  );
  const get = (id: string) => screen.getByTestId(id).querySelector('[data-sla-state]') as HTMLElement;
  return {
    breached: get('breached'),
    dueSoon: get('due_soon'),
    onTrack: get('on_track'),
    stopped: get('stopped'),
  };
}

describe('SlaCountdown', () => {
  afterEach(() => vi.useRealTimers());

  it('tells the state in words', () => {
    const c = renderCountdowns();
    expect(c.breached).toHaveAttribute('data-sla-state', 'breached');
    expect(c.breached).toHaveTextContent('Overdue 2 h 15 min');
    expect(c.dueSoon).toHaveAttribute('data-sla-state', 'due_soon');
    expect(c.dueSoon).toHaveTextContent('3 h 0 min left');
    expect(c.onTrack).toHaveAttribute('data-sla-state', 'on_track');
    expect(c.onTrack).toHaveTextContent('20 h 5 min left');
    expect(c.stopped).toHaveAttribute('data-sla-state', 'stopped');
    expect(c.stopped).toHaveTextContent('Clock stopped');
  });

  it('colours breached red, due soon orange, on track normal, stopped secondary grey (readable: 4.5:1)', () => {
    const c = renderCountdowns();
    expect(c.breached).toHaveStyle({ color: rgb(palette.error.main) });
    expect(c.dueSoon).toHaveStyle({ color: rgb(palette.warning.main) });
    expect(c.onTrack).toHaveStyle({ color: palette.text.primary });
    expect(c.stopped).toHaveStyle({ color: palette.text.secondary });
  });

  it('shows the exact due time on hover', () => {
    const c = renderCountdowns();
    expect(c.onTrack.getAttribute('title')).toMatch(/^On track · Due /);
  });

  it('runs one timer for all countdowns and counts down live', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(NOW);
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
    const requests = Array.from({ length: 25 }, (_, i) => ({
      status: 'pending' as const,
      slaDueAt: at(HOUR + i * 60_000),
    }));
    const { unmount } = renderWithAdmin(
      <>
        {requests.map((r, i) => (
          <SlaCountdown key={i} request={r} />
        ))}
      </>,
      { now: null },
    );
    expect(setIntervalSpy.mock.calls.filter(([, ms]) => ms === TICK_MS)).toHaveLength(1);
    expect(clockListenerCount()).toBe(25);
    const first = () => document.querySelector('[data-sla-state]') as HTMLElement;
    expect(first()).toHaveTextContent('1 h 0 min left');
    act(() => {
      vi.advanceTimersByTime(61_000);
    });
    expect(first()).toHaveTextContent('58 min 59 s left');
    unmount();
    expect(clockListenerCount()).toBe(0);
  });

  it('says a running clock is paused outside working hours, and until when, in both languages', async () => {
    // Mon–Fri 09:00–18:00 in Shanghai; NOW is Tuesday 20:00 there, so it opens Wednesday 09:00
    const settings: StoredSlaSettings = {
      ...DEFAULT_SLA_SETTINGS,
      timeZone: 'Asia/Shanghai',
      hours: {
        mon: [['09:00', '18:00']],
        tue: [['09:00', '18:00']],
        wed: [['09:00', '18:00']],
        thu: [['09:00', '18:00']],
        fri: [['09:00', '18:00']],
        sat: [],
        sun: [],
      },
      version: 1,
      updatedAt: null,
      updatedBy: null,
    };
    const dataProvider = { ...fakeDataProvider({}), getSlaSettings: async () => ({ data: settings }) };
    for (const [locale, paused] of [
      ['en', 'Paused until'],
      ['zh-CN', '暂停至'],
    ] as const) {
      const { unmount } = renderWithAdmin(
        <SlaCalendarProvider>
          {Array.from({ length: 10 }, (_, i) => (
            <SlaCountdown key={i} request={{ status: 'pending', slaDueAt: at(20 * HOUR + i * 60_000) }} />
          ))}
          <SlaCountdown request={{ status: 'awaiting_info', slaDueAt: at(5 * HOUR) }} />
        </SlaCalendarProvider>,
        { dataProvider, locale },
      );
      await waitFor(() => expect(document.querySelectorAll('[data-sla-paused="true"]')).toHaveLength(10));
      const first = document.querySelector('[data-sla-paused="true"]') as HTMLElement;
      expect(first).toHaveTextContent(paused);
      expect(first.title).toMatch(/2026/);
      // a stopped clock is not "paused": the desk is not the one waiting
      expect(document.querySelector('[data-sla-state="stopped"]')).not.toHaveAttribute('data-sla-paused');
      unmount();
    }
  });
});
