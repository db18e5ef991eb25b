import { X509Certificate, constants, createHash, createPrivateKey, randomUUID, sign } from 'node:crypto';

/** How long a signed client assertion is valid; Entra ID accepts it once, right away. */
const ASSERTION_LIFETIME_S = 600;

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/**
 * A client assertion signed with the app registration's certificate (RFC 7523): PS256, the
 * certificate named by its SHA-256 thumbprint (`x5t#S256`), addressed to the token endpoint.
 */
export function certificateAssertion(input: { clientId: string; privateKeyPem: string; certificatePem: string; audience: string; now: Date }): string {
  const der = new X509Certificate(input.certificatePem).raw;
  const header = { alg: 'PS256', typ: 'JWT', 'x5t#S256': base64url(createHash('sha256').update(der).digest()) };
  const issuedAt = Math.floor(input.now.getTime() / 1_000);
  const claims = {
    aud: input.audience,
    iss: input.clientId,
    sub: input.clientId,
    jti: randomUUID(),
    iat: issuedAt,
    nbf: issuedAt,
    exp: issuedAt + ASSERTION_LIFETIME_S,
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign('sha256', Buffer.from(signingInput), {
    key: createPrivateKey(input.privateKeyPem),
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: 32,
  });
  return `${signingInput}.${base64url(signature)}`;
}
