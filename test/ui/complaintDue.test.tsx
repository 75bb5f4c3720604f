// @vitest-environment jsdom
// The complaint's due-time countdown: while the desk waits for the customer it says the clock is
// paused and how much working time it kept (in both languages); outside the calendar's working
// hours a running clock says until when it is paused, as the refund countdown does.
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ComplaintDue } from '../../src/complaints/ComplaintFields';
import type { SlaSettings } from '../../src/domain/slaSettings';
import { SlaCalendarProvider } from '../../src/settings/slaCalendar';
import { NOW, fakeDataProvider, renderWithAdmin } from './fixtures';

const HOUR = 3_600_000;
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();
type DueFields = Parameters<typeof ComplaintDue>[0]['complaint'];

const running: DueFields = { status: 'investigating', dueAt: at(20 * HOUR), overdueFlag: false };
// asked 30 h ago with 10 h left; its dueAt has passed since, but the clock is paused
const waiting: DueFields = {
  status: 'awaiting_customer',
  dueAt: at(-20 * HOUR),
  overdueFlag: false,
  awaitingCustomerSince: at(-30 * HOUR),
  dueWorkingMsLeft: 10 * HOUR,
};

const due = () => screen.getByTestId('complaint-due');

describe('ComplaintDue', () => {
  it('waiting for the customer: paused, with the working time it kept, never overdue', () => {
    renderWithAdmin(<ComplaintDue complaint={waiting} />);
    expect(due()).toHaveAttribute('data-due-state', 'paused');
    expect(due()).toHaveAttribute('data-due-paused', 'customer');
    expect(due()).toHaveTextContent('Paused: waiting for the customer · 10 h 0 min left');
    expect(due().getAttribute('title')).toMatch(
      /^The clock stands still while the desk waits for the customer \(since /,
    );
  });

  it('says the same in Chinese', () => {
    renderWithAdmin(<ComplaintDue complaint={waiting} />, { locale: 'zh-CN' });
    expect(due()).toHaveTextContent('已暂停：等待客户回复 · 剩余 10 小时 0 分');
  });

  it('a running clock counts down, and is overdue past its due time', () => {
    renderWithAdmin(
      <>
        <ComplaintDue complaint={running} />
        <ComplaintDue complaint={{ ...running, dueAt: at(-2 * HOUR) }} />
      </>,
    );
    const [onTrack, overdue] = screen.getAllByTestId('complaint-due');
    expect(onTrack).toHaveAttribute('data-due-state', 'on_track');
    expect(onTrack).not.toHaveAttribute('data-due-paused');
    expect(onTrack).toHaveTextContent('20 h 0 min left');
    expect(overdue).toHaveAttribute('data-due-state', 'overdue');
  });

  it('outside the calendar’s working hours a running clock says until when it is paused', async () => {
    const office: [string, string][] = [['09:00', '18:00']];
    const settings: SlaSettings = {
      timeZone: 'Asia/Shanghai',
      hours: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
      holidays: [],
      targets: { firstReviewHours: 9, secondApprovalHours: 2, complaintHours: 18, bySegment: [] },
    };
    const dataProvider = {
      ...fakeDataProvider({}),
      getSlaSettings: () => Promise.resolve({ data: { ...settings, version: 1, updatedBy: null } }),
    };
    // NOW is Tuesday 20:00 in Shanghai: closed until Wednesday 09:00
    renderWithAdmin(
      <SlaCalendarProvider>
        <ComplaintDue complaint={running} />
      </SlaCalendarProvider>,
      { dataProvider },
    );
    expect(await screen.findByText(/^Paused until .* · 20 h 0 min left$/)).toBeInTheDocument();
    expect(due()).toHaveAttribute('data-due-paused', 'off_hours');
    expect(due()).toHaveAttribute('data-due-state', 'on_track');
  });
});
