import { counter } from '@platform/common';

/** Business counters on /metrics, beside the platform's request and database metrics. */
export const commerceMetrics = {
  ordersPlaced: counter('commerce_orders_placed_total', 'Orders placed'),
  ordersRefused: counter('commerce_orders_refused_total', 'Orders that could not be placed, by error code', [
    'code',
  ]),
  ordersExpired: counter('commerce_orders_expired_total', 'Orders expired unpaid'),
  payments: counter('commerce_payments_total', 'Payments settled, by outcome', ['outcome']),
  refunds: counter('commerce_refunds_total', 'Refunds settled, by outcome', ['outcome']),
};
