import { describe, expect, it } from 'vitest';
import { auditEvent, refundRequest } from '../../src/domain/records';
import { REFUND_STATUSES } from '../../src/domain/model';
import { customerRating, ratingEvent } from '../../src/domain/customerRatings';
import {
  PUBLIC_REFUND_STATUSES,
  publicRefundStatus,
  refundPublicView,
} from '../../src/domain/refundPublicView';

describe('the customer’s view of a request', () => {
  it('says every inner status as one the customer is told', () => {
    for (const status of REFUND_STATUSES)
      expect(PUBLIC_REFUND_STATUSES).toContain(publicRefundStatus(status));
    expect(publicRefundStatus('awaiting_second_approval')).toBe('in_review');
    expect(publicRefundStatus('pending')).toBe('received');
  });

  it('carries nothing internal', () => {
    const view = refundPublicView(
      refundRequest({ assigneeId: 'u-holder', status: 'in_review', overrideNote: 'secret note' }),
      [],
    );
    const text = JSON.stringify(view);
    expect(text).not.toContain('u-holder');
    expect(text).not.toContain('secret note');
    expect(Object.keys(view)).not.toContain('version');
    expect(Object.keys(view)).not.toContain('assigneeId');
    expect(view.expectedDecisionAt).not.toBeNull();
  });

  it('lists what is missing while the desk waits, and no decision time meanwhile', () => {
    const request = refundRequest({
      status: 'awaiting_info',
      decision: {
        action: 'request_info',
        by: 'u1',
        at: '2026-03-10T11:00:00.000Z',
        missingItems: ['payment_proof'],
        customerMessage: 'Please send the receipt.',
      },
    });
    const view = refundPublicView(request, []);
    expect(view.missingItems).toEqual(['payment_proof']);
    expect(view.expectedDecisionAt).toBeNull();
  });

  it('gives the messages the customer was sent, oldest first, only this request’s', () => {
    const request = refundRequest({ id: 'r7', status: 'rejected' });
    const events = [
      auditEvent({
        id: 'e3',
        refundId: 'r7',
        action: 'reject',
        at: '2026-03-12T00:00:00.000Z',
        customerMessage: 'No.',
      }),
      auditEvent({
        id: 'e2',
        refundId: 'r7',
        action: 'claim',
        at: '2026-03-11T00:00:00.000Z',
        customerMessage: null,
      }),
      auditEvent({
        id: 'e1',
        refundId: 'r7',
        action: 'request_info',
        at: '2026-03-10T12:00:00.000Z',
        customerMessage: 'Send it.',
      }),
      auditEvent({
        id: 'e9',
        refundId: 'r8',
        action: 'reject',
        at: '2026-03-10T12:00:00.000Z',
        customerMessage: 'Other.',
      }),
    ];
    expect(refundPublicView(request, events).messages).toEqual([
      { at: '2026-03-10T12:00:00.000Z', action: 'request_info', text: 'Send it.' },
      { at: '2026-03-12T00:00:00.000Z', action: 'reject', text: 'No.' },
    ]);
  });

  it('shows the coins held for the request, and none for a request from before coins were held', () => {
    const held = refundRequest({ coinHold: { coins: 600, status: 'revoked', revokedCoins: 200 } });
    expect(refundPublicView(held, []).coinHold).toEqual({ coins: 600, status: 'revoked', revokedCoins: 200 });
    expect(refundPublicView(refundRequest({}), []).coinHold).toBeNull();
  });

  it('shows the customer their own rating, and nothing of the decision it is kept with', () => {
    const decided = refundRequest({
      status: 'rejected',
      decidedAt: '2026-03-11T00:00:00.000Z',
      decision: {
        action: 'reject',
        by: 'u-reviewer',
        at: '2026-03-11T00:00:00.000Z',
        customerMessage: 'No.',
      },
    });
    expect(refundPublicView(decided, []).rating).toBeNull();
    const rating = customerRating(
      decided,
      { score: 2, comment: 'Unfair.' },
      'u-reviewer',
      '2026-03-12T00:00:00.000Z',
    );
    const events = [
      { ...ratingEvent(rating, 'rejected', 'pc1'), id: 'e5' },
      // another request's rating is not this one's
      { ...ratingEvent({ ...rating, refundId: 'r2', score: 5 }, 'rejected', 'pc1'), id: 'e6' },
    ];
    const view = refundPublicView(decided, events);
    expect(view.rating).toEqual({ score: 2, comment: 'Unfair.', ratedAt: '2026-03-12T00:00:00.000Z' });
    expect(JSON.stringify(view)).not.toContain('u-reviewer');
    // a rating sends the customer no message
    expect(view.messages).toEqual([]);
  });
});
