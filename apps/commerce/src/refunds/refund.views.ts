import { type RefundView } from '@platform/contracts';
import { type Refund } from './refund.entity';

export function toRefundView(refund: Refund): RefundView {
  return {
    id: refund.id,
    amountCents: refund.amountCents,
    reason: refund.reason,
    automaticReason: refund.automaticReason,
    status: refund.status,
    orderItemIds: refund.orderItemIds,
    creditNoteId: refund.creditNoteId,
    createdAt: refund.createdAt.toISOString(),
    completedAt: refund.completedAt?.toISOString() ?? null,
  };
}
