import { describe, expect, it } from 'vitest';
import { assertPublicTarget, isInternalAddress, targetProblem } from './target-guard.ts';

describe('webhook targets', () => {
  it('takes only absolute http and https URLs', () => {
    expect(targetProblem('https://example.com/hook', true)).toBeUndefined();
    expect(targetProblem('http://127.0.0.1:9000/hook', true)).toBeUndefined();
    expect(targetProblem('ftp://example.com/', true)).toMatch(/only http and https/);
    expect(targetProblem('file:///etc/passwd', true)).toMatch(/only http and https/);
    expect(targetProblem('/relative', true)).toMatch(/absolute/);
  });

  it('refuses loopback, private and link-local hosts when private targets are off', () => {
    for (const url of [
      'http://localhost/',
      'http://api.localhost/',
      'http://127.0.0.1/',
      'http://10.1.2.3/',
      'http://192.168.0.9/',
      'http://172.20.0.1/',
      'http://169.254.169.254/latest',
      'http://[::1]/',
      'http://[fd00::1]/',
      'http://[::ffff:127.0.0.1]/',
    ]) {
      expect([url, targetProblem(url, false)]).toEqual([url, expect.stringMatching(/not allowed/)]);
    }
    expect(targetProblem('https://203.0.113.10/hook', false)).toBeUndefined();
    expect(targetProblem('https://example.com/hook', false)).toBeUndefined();
  });

  it('classifies addresses', () => {
    expect(isInternalAddress('127.0.0.1')).toBe(true);
    expect(isInternalAddress('100.64.0.1')).toBe(true);
    expect(isInternalAddress('fe80::1')).toBe(true);
    expect(isInternalAddress('8.8.8.8')).toBe(false);
    expect(isInternalAddress('2001:4860:4860::8888')).toBe(false);
  });

  it('checks what a name resolves to before sending', async () => {
    await expect(assertPublicTarget('http://127.0.0.1:1/hook')).rejects.toThrow(/not allowed/);
    await expect(assertPublicTarget('http://203.0.113.7/hook')).resolves.toBeUndefined();
  });
});
