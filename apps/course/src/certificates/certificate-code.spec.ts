import { CERTIFICATE_CODE_PATTERN } from '@platform/contracts';
import { newCertificateCode } from './certificate-code';

describe('certificate codes', () => {
  it('are 26 Crockford base32 characters, as the verification route accepts', () => {
    for (let i = 0; i < 200; i += 1) expect(newCertificateCode()).toMatch(CERTIFICATE_CODE_PATTERN);
  });

  it('do not repeat', () => {
    const codes = new Set(Array.from({ length: 10_000 }, () => newCertificateCode()));
    expect(codes.size).toBe(10_000);
  });
});
