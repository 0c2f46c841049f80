import { PasswordHasher } from './password-hasher';

const cheap = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher(cheap);

  it('hashes with argon2id in PHC format, salted, and never stores the password', async () => {
    const first = await hasher.hash('correct horse battery staple');
    const second = await hasher.hash('correct horse battery staple');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('correct horse');
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hasher.hash('correct horse battery staple');
    await expect(hasher.verify(stored, 'correct horse battery staple')).resolves.toEqual({
      valid: true,
      needsRehash: false,
    });
    await expect(hasher.verify(stored, 'Correct horse battery staple')).resolves.toEqual({
      valid: false,
      needsRehash: false,
    });
  });

  it('asks for a rehash when the parameters changed', async () => {
    const stored = await hasher.hash('s3cret-password');
    const stronger = new PasswordHasher({ ...cheap, memoryCost: 2048 });
    await expect(stronger.verify(stored, 's3cret-password')).resolves.toEqual({
      valid: true,
      needsRehash: true,
    });
    expect(stronger.needsRehash(await stronger.hash('s3cret-password'))).toBe(false);
  });

  it('treats a malformed stored hash as a failed check', async () => {
    await expect(hasher.verify('$sha256$abc', 'whatever')).resolves.toEqual({
      valid: false,
      needsRehash: false,
    });
    expect(hasher.needsRehash('plain-sha256-hex')).toBe(true);
  });

  it('spends a verification on the dummy hash without failing', async () => {
    await expect(hasher.verifyAgainstDummy('anything')).resolves.toBeUndefined();
  });
});
