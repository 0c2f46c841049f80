import { E2EPlatform } from '../support/platform';

/** The commerce part of the gateway's OpenAPI document: what a frontend developer reads. */
let platform: E2EPlatform;
let doc: {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { required?: string[]; properties: Record<string, unknown> }> };
};

interface Operation {
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean }[];
  responses: Record<string, { description?: string }>;
}

beforeAll(async () => {
  // The document is the gateway's own: no service needs to run for it.
  platform = await E2EPlatform.start({ label: 'cm_openapi', services: [] });
  doc = (await platform.http('GET', '/docs/openapi.json')).body;
});
afterAll(() => platform?.close());

const COMMERCE_ROUTES = [
  'GET /products',
  'POST /products',
  'GET /products/{id}',
  'PATCH /products/{id}',
  'GET /products/{id}/inventory',
  'PATCH /products/{id}/inventory',
  'POST /orders',
  'GET /orders/{id}',
  'POST /orders/{id}/pay',
  'POST /orders/{id}/cancel',
  'POST /orders/{id}/refund',
  'GET /users/me/orders',
  'GET /invoices/{id}',
  'POST /webhooks/payments/{provider}',
];

const operation = (route: string): Operation => {
  const [method, path] = route.split(' ');
  return doc.paths[`/api/v1${path}`][method.toLowerCase()];
};

const idempotencyHeader = (route: string) =>
  operation(route).parameters?.find((parameter) => parameter.name === 'Idempotency-Key');

it('documents every commerce route of API.md, and the processor webhook', () => {
  const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([, op]) => op.tags?.some((tag) => ['products', 'orders', 'webhooks'].includes(tag)))
      .map(([method]) => `${method.toUpperCase()} ${path.replace('/api/v1', '')}`),
  );
  expect(documented.sort()).toEqual([...COMMERCE_ROUTES].sort());
});

it('says where Idempotency-Key is required, and the 402/409/422 a purchase can meet', () => {
  expect(idempotencyHeader('POST /orders')).toMatchObject({ in: 'header', required: true });
  expect(idempotencyHeader('POST /orders/{id}/pay')).toMatchObject({ in: 'header', required: true });
  expect(idempotencyHeader('POST /orders/{id}/refund')).toMatchObject({ in: 'header', required: false });
  expect(Object.keys(operation('POST /orders').responses)).toEqual(
    expect.arrayContaining(['201', '400', '401', '404', '409', '422', '503', '504']),
  );
  expect(Object.keys(operation('POST /orders/{id}/pay').responses)).toEqual(
    expect.arrayContaining(['200', '402', '409', '422']),
  );
  expect(operation('POST /orders/{id}/refund').responses['403'].description).toContain('admin');
});

it('marks who may call: browsing and webhooks without a token, buying with one', () => {
  expect(operation('POST /webhooks/payments/{provider}').security).toBeUndefined();
  expect(operation('POST /orders').security).toEqual([{ bearer: [] }]);
  expect(operation('GET /products').security).toEqual(expect.arrayContaining([{}, { bearer: [] }]));
  expect(operation('POST /products').responses['403'].description).toMatch(/instructor|admin/);
});

it('describes the order as the API returns it', () => {
  expect(doc.components.schemas.OrderViewSchema.required).toEqual(
    expect.arrayContaining(['id', 'status', 'totalCents', 'currency', 'items', 'expiresAt', 'invoiceId']),
  );
  expect(doc.components.schemas.ProductPageSchema.required).toEqual(
    expect.arrayContaining(['items', 'total', 'limit', 'offset']),
  );
});
