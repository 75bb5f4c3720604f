import { describe, expect, it } from 'vitest';
import { INFO_ITEMS, LOCALES, REJECTION_REASONS } from '../../src/domain/model';
import {
  INFO_ITEM_LABELS,
  approvalTemplate,
  fenToYuan,
  formatArrival,
  formatYuan,
  infoRequestTemplate,
  rejectionTemplate,
} from '../../src/domain/messageTemplates';

const vars = { orderNumber: 'CZ20250601123' };

describe('rejectionTemplate', () => {
  describe.each(REJECTION_REASONS)('%s', (reason) => {
    it.each(LOCALES)('names the order in %s', (locale) => {
      expect(rejectionTemplate(reason, locale, vars)).toContain(vars.orderNumber);
    });

    it('tells the customer what to do next in Chinese (resubmit or complain)', () => {
      const text = rejectionTemplate(reason, 'zh-CN', vars);
      expect(text).toContain('退款申请');
      expect(text).toMatch(/重新提交|无需再次提交/);
      expect(text).toContain('投诉');
    });

    it('tells the customer what to do next in English (resubmit or complain)', () => {
      const text = rejectionTemplate(reason, 'en', vars);
      expect(text).toMatch(/resubmit|do not need to submit again/i);
      expect(text).toMatch(/complaint/i);
    });

    it('is written in the requested language', () => {
      expect(rejectionTemplate(reason, 'zh-CN', vars)).toMatch(/[\u4e00-\u9fff]/);
      expect(rejectionTemplate(reason, 'en', vars)).not.toMatch(/[\u4e00-\u9fff]/);
    });
  });

  it('gives every reason its own message', () => {
    for (const locale of LOCALES) {
      const texts = REJECTION_REASONS.map((reason) => rejectionTemplate(reason, locale, vars));
      expect(new Set(texts).size).toBe(REJECTION_REASONS.length);
    }
  });

  it('explains the 7-day window for outside_window', () => {
    expect(rejectionTemplate('outside_window', 'zh-CN', vars)).toContain('7 天退款时限');
    expect(rejectionTemplate('outside_window', 'en', vars)).toContain('7 days');
  });

  it('tells a duplicate that the first request goes on', () => {
    expect(rejectionTemplate('duplicate', 'zh-CN', vars)).toContain('原申请不受影响');
    expect(rejectionTemplate('duplicate', 'en', vars)).toContain('first request is not affected');
  });
});

describe('infoRequestTemplate', () => {
  it('lists each requested item once, in a stable order, in Chinese', () => {
    const text = infoRequestTemplate(['payment_proof', 'order_number', 'payment_proof'], 'zh-CN', vars);
    expect(text).toContain(vars.orderNumber);
    expect(text).toContain('补充资料');
    expect(text).toContain(`1. ${INFO_ITEM_LABELS['zh-CN'].order_number}`);
    expect(text).toContain(`2. ${INFO_ITEM_LABELS['zh-CN'].payment_proof}`);
    expect(text.split(INFO_ITEM_LABELS['zh-CN'].payment_proof)).toHaveLength(2);
    expect(text).toContain('7 天内');
    expect(text).toContain('驳回');
  });

  it('lists the items in English and says what happens without a reply', () => {
    const text = infoRequestTemplate(['purchase_time', 'reason_detail'], 'en', vars);
    expect(text).toContain('1. The purchase time');
    expect(text).toContain('2. A detailed reason');
    expect(text).toContain('within 7 days');
    expect(text).toMatch(/rejected and you can resubmit/);
  });

  it.each(LOCALES)('names every item in %s', (locale) => {
    const text = infoRequestTemplate([...INFO_ITEMS], locale, vars);
    for (const item of INFO_ITEMS)
      expect(text.toLowerCase()).toContain(INFO_ITEM_LABELS[locale][item].toLowerCase());
  });

  it.each(LOCALES)('still reads well with no item in %s', (locale) => {
    const text = infoRequestTemplate([], locale, vars);
    expect(text).toContain(vars.orderNumber);
    expect(text).toContain('1. ');
  });
});

describe('approvalTemplate', () => {
  const base = { ...vars, amountYuan: '68.00', expectedArrival: '2025-06-02 18:10' };

  it('announces a full approval with amount and arrival in Chinese', () => {
    const text = approvalTemplate('zh-CN', { ...base, partial: false });
    expect(text).toContain('审核通过');
    expect(text).toContain('¥68.00');
    expect(text).toContain('2025-06-02 18:10');
    expect(text).toContain('退款到账');
    expect(text).not.toContain('部分通过');
  });

  it('explains a partial approval and the way to dispute it in Chinese', () => {
    const text = approvalTemplate('zh-CN', { ...base, partial: true });
    expect(text).toContain('部分通过');
    expect(text).toContain('已使用的金币无法退款');
    expect(text).toContain('投诉');
  });

  it('has both variants in English', () => {
    expect(approvalTemplate('en', { ...base, partial: false })).toContain('has been approved: ¥68.00');
    const partial = approvalTemplate('en', { ...base, partial: true });
    expect(partial).toContain('partly approved');
    expect(partial).toContain('complaint');
  });

  it('does not double the currency sign when the amount already has one', () => {
    expect(approvalTemplate('en', { ...base, amountYuan: '¥68.00', partial: false })).not.toContain('¥¥');
  });
});

describe('fenToYuan / formatYuan', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [6800, '68.00'],
    [50_001, '500.01'],
    [123_456_789, '1,234,567.89'],
    [-250, '-2.50'],
  ])('%i fen → %s', (fen, text) => {
    expect(fenToYuan(fen)).toBe(text);
    expect(formatYuan(fen)).toBe(`¥${text}`);
  });
});

describe('formatArrival', () => {
  it('writes the time in Beijing time, in the customer locale', () => {
    expect(formatArrival('2025-06-02T10:10:00.000Z', 'zh-CN')).toBe('2025年6月2日 18:10（北京时间）');
    expect(formatArrival('2025-06-02T10:10:00.000Z', 'en')).toBe('2 Jun 2025, 18:10 (Beijing time)');
  });

  it('crosses midnight and the year end', () => {
    expect(formatArrival('2025-12-31T16:05:00.000Z', 'zh-CN')).toBe('2026年1月1日 00:05（北京时间）');
    expect(formatArrival('2025-12-31T16:05:00.000Z', 'en')).toBe('1 Jan 2026, 00:05 (Beijing time)');
  });
});

describe('messages about money another request on the order holds', () => {
  const held = { ...vars, heldByRequestIds: ['r7'] };

  it('a rejection names the request that holds the money and does not claim the coins were spent', () => {
    const en = rejectionTemplate('already_refunded', 'en', held);
    expect(en).toContain('your request r7');
    expect(en).not.toMatch(/spent/);
    const zh = rejectionTemplate('already_refunded', 'zh-CN', held);
    expect(zh).toContain('您的退款申请 r7');
    expect(zh).not.toContain('已使用');
  });

  it('a rejection names both causes when some coins were spent too', () => {
    const en = rejectionTemplate('already_refunded', 'en', { ...held, someCoinsSpent: true });
    expect(en).toContain('your request r7');
    expect(en).toContain('the other coins were spent');
    const zh = rejectionTemplate('already_refunded', 'zh-CN', { ...held, someCoinsSpent: true });
    expect(zh).toContain('您的退款申请 r7');
    expect(zh).toContain('其余金币已使用');
  });

  it('without the request named, it still says another request holds the money', () => {
    expect(rejectionTemplate('already_refunded', 'en', vars)).toContain('another request for this order');
    expect(rejectionTemplate('already_refunded', 'zh-CN', vars)).toContain('该订单的其他退款申请');
  });

  describe('a partial approval says why it is partial', () => {
    const base = { ...vars, amountYuan: '38.00', expectedArrival: '2025-06-02 18:10', partial: true };

    it('money held by another request, nothing spent: no word of spent coins', () => {
      const en = approvalTemplate('en', { ...base, limit: 'held', heldByRequestIds: ['r7'] });
      expect(en).toContain('through your request r7, so the remaining ¥38.00 will be returned');
      expect(en).not.toMatch(/spent/);
      const zh = approvalTemplate('zh-CN', { ...base, limit: 'held', heldByRequestIds: ['r7'] });
      expect(zh).toContain('您的退款申请 r7');
      expect(zh).not.toContain('已使用');
    });

    it('both: spent coins and money held by another request', () => {
      const en = approvalTemplate('en', { ...base, limit: 'spent_and_held', heldByRequestIds: ['r7'] });
      expect(en).toContain('spent coins cannot be refunded');
      expect(en).toContain('your request r7');
      const zh = approvalTemplate('zh-CN', { ...base, limit: 'spent_and_held', heldByRequestIds: ['r7'] });
      expect(zh).toContain('已使用的金币无法退款');
      expect(zh).toContain('您的退款申请 r7');
    });

    it('an amount the reviewer chose: neither cause is claimed', () => {
      const en = approvalTemplate('en', { ...base, limit: 'none' });
      expect(en).toContain('partly approved: ¥38.00 will be returned');
      expect(approvalTemplate('zh-CN', { ...base, limit: 'none' })).not.toContain('已使用');
    });
  });
});
