import { uniqueTestToken } from '@platform/testing';
import { type HttpRequest } from './http-client';
import { ADMIN } from './platform';

export interface Account {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

/** Registers a fresh account through the gateway (as a frontend would) and returns its tokens. */
export async function registerAccount(
  http: HttpRequest,
  role: 'student' | 'instructor' = 'student',
  name = role === 'instructor' ? 'Grace Hopper' : 'Ada Lovelace',
): Promise<Account> {
  const email = `${uniqueTestToken(role)}@example.com`;
  const password = 'correct horse battery';
  const response = await http('POST', '/api/v1/auth/register', { body: { email, password, name, role } });
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${response.text}`);
  return {
    id: response.body.user.id,
    email,
    password,
    accessToken: response.body.accessToken,
    refreshToken: response.body.refreshToken,
  };
}

/** Signs in as the admin the identity service seeds from its environment. */
export async function signInAdmin(http: HttpRequest): Promise<Account> {
  const response = await http('POST', '/api/v1/auth/login', { body: ADMIN });
  if (response.status !== 200) throw new Error(`admin login failed: ${response.status} ${response.text}`);
  return {
    id: response.body.user.id,
    email: ADMIN.email,
    password: ADMIN.password,
    accessToken: response.body.accessToken,
    refreshToken: response.body.refreshToken,
  };
}
