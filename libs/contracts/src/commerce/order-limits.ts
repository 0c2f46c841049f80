/** Lines per order and units per line: a cart, not a wholesale import. */
export const MAX_ORDER_LINES = 20;
export const MAX_LINE_QUANTITY = 100;
