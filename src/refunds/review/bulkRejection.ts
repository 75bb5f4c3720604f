// One rejection message for several requests (the bulk rejection's template).
import { rejectionTemplate } from '../../domain/messageTemplates';
import type { Locale, RejectionReason } from '../../domain/model';

const ORDER_PLACEHOLDER = '\u0000ORDER\u0000';

/**
 * The reason's template with the order number when the requests all concern one order, otherwise
 * worded for "your order" (a customer must never read another customer's order number).
 */
export function bulkRejectionTemplate(
  reason: RejectionReason,
  locale: Locale,
  orderNumbers: string[],
): string {
  const distinct = [...new Set(orderNumbers)];
  if (distinct.length === 1) return rejectionTemplate(reason, locale, { orderNumber: distinct[0] });
  const text = rejectionTemplate(reason, locale, { orderNumber: ORDER_PLACEHOLDER });
  return locale === 'zh-CN'
    ? text.replace(new RegExp(`订单号\\s*${ORDER_PLACEHOLDER}\\s*`, 'g'), '该订单')
    : text.replace(new RegExp(`order ${ORDER_PLACEHOLDER}`, 'g'), 'your order');
}
