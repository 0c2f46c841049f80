import { registerAccount, signInAdmin } from '../support/accounts';
import { E2EPlatform } from '../support/platform';

let platform: E2EPlatform;
beforeAll(async () => {
  platform = await E2EPlatform.start({ label: 'smoke', services: ['identity'] });
});
afterAll(() => platform?.close());

it('registers, signs in and reads the profile through gateway, NATS, identity and PostgreSQL', async () => {
  const account = await registerAccount(platform.http);
  const me = await platform.http('GET', '/api/v1/users/me', { token: account.accessToken });
  expect(me.status).toBe(200);
  expect(me.body).toMatchObject({ id: account.id, email: account.email, roles: ['student'] });
  const admin = await signInAdmin(platform.http);
  expect(admin.id).toBeDefined();
});
