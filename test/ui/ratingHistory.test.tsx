// @vitest-environment jsdom
// The customer's rating on the request page's history (issue 18 item 5): "Customer rated 4/5" by
// the customer, with what they wrote, in English and in Chinese; a rating without a comment is
// the score alone.
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { customerRating, ratingEvent } from '../../src/domain/customerRatings';
import type { AuditEvent } from '../../src/domain/model';
import { NOW, makeRefund } from './fixtures';
import { renderShow, workflowProvider } from './reviewWorkflowKit';

afterEach(() => cleanup());

const decided = makeRefund({
  id: 'r1',
  orderId: 'o1',
  status: 'approved',
  assigneeId: 'u1',
  decidedAt: new Date(NOW - 2 * 3_600_000).toISOString(),
  decision: {
    action: 'approve',
    by: 'u1',
    at: new Date(NOW - 2 * 3_600_000).toISOString(),
    customerMessage: 'Your refund is approved.',
  },
  approvedFen: 19_800,
});

function rated(comment?: string): AuditEvent {
  const rating = customerRating(
    decided,
    { score: 4, comment },
    'u1',
    new Date(NOW - 3_600_000).toISOString(),
  );
  return { ...ratingEvent(rating, 'approved', 'pc1'), id: 'e7' };
}

async function ratingEntry(events: AuditEvent[], locale: 'en' | 'zh-CN' = 'en') {
  renderShow(decided, 'u1', workflowProvider([decided], events), locale);
  const history = await screen.findAllByTestId('history-event');
  return history.find((e) => e.getAttribute('data-action') === 'customer_rating')!;
}

describe('a customer rating in the request’s history', () => {
  it('says who rated what, and shows what they wrote', async () => {
    const entry = await ratingEntry([rated('Quick and clear, thanks.')]);
    expect(entry.querySelector('[data-testid="history-action"]')).toHaveTextContent('Customer rated 4/5');
    expect(entry).toHaveTextContent('Customer ·');
    expect(entry.querySelector('[data-testid="history-message"]')).toHaveTextContent(
      'The customer wroteQuick and clear, thanks.',
    );
    // the rating changes no status
    expect(entry.querySelector('[data-testid="history-status"]')).toBeNull();
  });

  it('is the score alone without a comment', async () => {
    const entry = await ratingEntry([rated()]);
    expect(entry.querySelector('[data-testid="history-action"]')).toHaveTextContent('Customer rated 4/5');
    expect(entry.querySelector('[data-testid="history-message"]')).toBeNull();
  });

  it('speaks Chinese', async () => {
    const entry = await ratingEntry([rated('处理很快，谢谢。')], 'zh-CN');
    expect(entry.querySelector('[data-testid="history-action"]')).toHaveTextContent('客户评分 4/5');
    expect(entry).toHaveTextContent('客户 ·');
    expect(entry.querySelector('[data-testid="history-message"]')).toHaveTextContent('处理很快，谢谢。');
  });
});
