import { generate } from 'selfsigned'

/**
 * A certificate for 127.0.0.1 made at start (`--https`): real portals are https and some
 * clients refuse plain http. It is self-signed, so clients must be told to trust it.
 */
export async function selfSignedCertificate(): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' }
        ]
      }
    ]
  })
  return { key: pems.private, cert: pems.cert }
}
