import { CoursePatterns } from '@platform/contracts';
import { E2EPlatform } from '../support/platform';

let platform: E2EPlatform;
beforeAll(async () => {
  // The document is the gateway's own: no service needs to run for it.
  platform = await E2EPlatform.start({ label: 'course_openapi', services: [] });
});
afterAll(() => platform?.close());

interface Operation {
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: { 'application/json': { schema: Record<string, unknown> } } }>;
}

const COURSE_TAGS = new Set([
  'categories',
  'courses',
  'curriculum',
  'enrollments',
  'assessments',
  'certificates',
  'reviews',
]);

const COURSE_ROUTES = [
  'GET /categories',
  'POST /categories',
  'POST /courses',
  'GET /courses',
  'GET /courses/{id}',
  'PATCH /courses/{id}',
  'DELETE /courses/{id}',
  'POST /courses/{id}/publish',
  'POST /courses/{id}/unpublish',
  'POST /courses/{id}/archive',
  'POST /courses/{id}/modules',
  'PATCH /modules/{id}',
  'DELETE /modules/{id}',
  'POST /modules/{id}/lessons',
  'GET /lessons/{id}',
  'PATCH /lessons/{id}',
  'DELETE /lessons/{id}',
  'POST /courses/{id}/enrollments',
  'GET /courses/{id}/enrollments',
  'GET /enrollments/{id}',
  'POST /enrollments/{id}/lessons/{lessonId}/complete',
  'DELETE /enrollments/{id}',
  'POST /courses/{id}/assessments',
  'GET /courses/{id}/assessments',
  'GET /assessments/{id}',
  'PATCH /assessments/{id}',
  'DELETE /assessments/{id}',
  'POST /assessments/{id}/attempts',
  'GET /assessments/{id}/attempts',
  'POST /assessments/{id}/submissions',
  'GET /certificates/{code}',
  'POST /courses/{id}/reviews',
  'GET /courses/{id}/reviews',
  'PATCH /reviews/{id}',
  'DELETE /reviews/{id}',
  'GET /users/me/enrollments',
  'GET /users/me/certificates',
  'GET /users/me/courses',
];

it('documents one route per course operation, each with its response schema, sign-in and inputs', async () => {
  const res = await platform.http('GET', '/docs/openapi.json');
  expect(res.status).toBe(200);
  const paths = res.body.paths as Record<string, Record<string, Operation>>;
  const operations = Object.entries(paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([, op]) => op.tags?.some((tag) => COURSE_TAGS.has(tag)))
      .map(([method, op]) => ({ route: `${method.toUpperCase()} ${path.replace('/api/v1', '')}`, op })),
  );
  expect(operations.map((o) => o.route).sort()).toEqual([...COURSE_ROUTES].sort());
  expect(COURSE_ROUTES).toHaveLength(Object.keys(CoursePatterns).length);

  for (const { route, op } of operations) {
    const success = Object.keys(op.responses).filter((status) => status.startsWith('2'));
    expect({ route, success: success.length }).toEqual({ route, success: 1 });
    const schema = op.responses[success[0]].content?.['application/json'].schema;
    // Every route answers a documented body, except the 204s, which answer none.
    expect({ route, documented: success[0] === '204' ? schema === undefined : schema !== undefined }).toEqual(
      {
        route,
        documented: true,
      },
    );
  }

  const op = (route: string) => operations.find((o) => o.route === route)!.op;
  expect(op('GET /courses').security).toBeUndefined();
  expect(op('GET /courses').responses['200'].content!['application/json'].schema).toEqual({
    $ref: '#/components/schemas/CoursePageSchema',
  });
  expect(
    op('GET /courses')
      .parameters!.map((p) => p.name)
      .sort(),
  ).toEqual(['categoryId', 'level', 'limit', 'maxPriceCents', 'minRating', 'offset', 'q', 'sort']);
  expect(op('POST /courses').security).toEqual([{ bearer: [] }]);
  expect(Object.keys(op('POST /courses').responses)).toEqual(
    expect.arrayContaining(['201', '400', '401', '403']),
  );
  expect(op('POST /courses').responses['201'].content!['application/json'].schema).toEqual({
    $ref: '#/components/schemas/CourseDetailViewSchema',
  });
  expect(
    op('POST /enrollments/{id}/lessons/{lessonId}/complete')
      .parameters!.map((p) => `${p.in}:${p.name}`)
      .sort(),
  ).toEqual(['path:id', 'path:lessonId']);
  const schemas = res.body.components.schemas as Record<string, { properties: Record<string, unknown> }>;
  for (const item of ['Course', 'Enrollment', 'Certificate', 'Review']) {
    expect(schemas[`${item}PageSchema`].properties.items).toEqual({
      type: 'array',
      items: { $ref: `#/components/schemas/${item}ViewSchema` },
    });
  }
  expect(Object.keys(schemas.CourseDetailViewSchema.properties)).toEqual(
    expect.arrayContaining([
      'instructor',
      'modules',
      'ratingAvg',
      'ratingCount',
      'seatsRemaining',
      'version',
    ]),
  );
});
