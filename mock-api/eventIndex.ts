// refundId → the audit events that decide what its decisions were (approve, reject, request_info,
// customer_reply, second_approval), kept current through the store's change feed, with each
// request's classified decisions cached until one of its events changes. Serves the refund list's
// `decided` filter (the metrics click-through) without rescanning every event per request.
import type { AuditEvent } from '../src/domain/model';
import {
  ESCALATION_ACTIONS,
  classifyDecisions,
  isDecisionRelevant,
  type ClassifiedDecision,
} from '../src/domain/metrics';
import type { Change, Store } from './store';

const NONE: readonly ClassifiedDecision[] = [];

export class EventIndex {
  private byRefund = new Map<string, AuditEvent[]>();
  private decisions = new Map<string, readonly ClassifiedDecision[]>();
  /** the only events the metrics read besides decisions: payouts and complaint escalations */
  private metricsOnly: AuditEvent[] = [];

  constructor(private readonly store: Store) {
    for (const e of store.all('events')) this.add(e);
    store.onChange((changes) => this.onChanges(changes));
  }

  private onChanges(changes: readonly Change[]) {
    for (const change of changes) {
      if (change.c === 'events') this.add(change.v);
    }
  }

  private add(event: AuditEvent) {
    if (
      event.action === 'payout' ||
      (event.subject === 'complaint' && ESCALATION_ACTIONS.includes(event.action))
    ) {
      this.metricsOnly.push(event);
    }
    if (!isDecisionRelevant(event)) return;
    let list = this.byRefund.get(event.refundId);
    if (!list) this.byRefund.set(event.refundId, (list = []));
    const at = list.findIndex((e) => e.id === event.id);
    if (at >= 0) list[at] = event;
    else list.push(event);
    this.decisions.delete(event.refundId);
  }

  /** Payout and escalation events, for computeMetrics alongside `decisionsFor`. */
  metricsEvents(): readonly AuditEvent[] {
    return this.metricsOnly;
  }

  /** The decisions of one request, oldest first (see classifyDecisions). */
  decisionsFor(refundId: string): readonly ClassifiedDecision[] {
    const cached = this.decisions.get(refundId);
    if (cached) return cached;
    const events = this.byRefund.get(refundId);
    const refund = this.store.get('refunds', refundId);
    const result = events && refund ? classifyDecisions(refund, events) : NONE;
    this.decisions.set(refundId, result);
    return result;
  }
}
