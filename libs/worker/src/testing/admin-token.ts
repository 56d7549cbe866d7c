/** The ADMIN_TOKEN of in-process test workers: a test value, never a deployment's. */
export const testAdminToken = 'test-admin-token-0123456789abcdef';

/** `Authorization: Bearer <token>` for a request to an admin route. */
export function adminHeaders(token: string = testAdminToken): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}
