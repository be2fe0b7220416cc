// The preview webview's script nonce. It guards the Content-Security-Policy, so it comes from the operating
// system's cryptographic random source, never from Math.random.
import { randomBytes } from 'node:crypto';

/** A fresh nonce: 128 random bits as base64url (characters CSP's nonce-source allows). */
export function makeNonce(): string {
  return randomBytes(16).toString('base64url');
}
