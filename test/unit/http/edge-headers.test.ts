import { describe, expect, it } from 'vitest';
import { EDGE_SECRET_HEADER, withTrustedEdgeHeaders } from '../../../functions/http/edge-headers.js';

const secret = 'a'.repeat(20) + 'b'.repeat(20);
const geo = {
  'cloudfront-viewer-country': 'DE',
  'cloudfront-viewer-country-region': 'BE',
  'cloudfront-viewer-time-zone': 'Europe/Berlin',
};
const request = (headers: Record<string, string>) => ({ rawPath: '/v1/visitor-events', headers });

describe('CloudFront viewer headers', () => {
  it('are kept on a request that carries the stack’s edge secret, and the secret goes no further', () => {
    const trusted = withTrustedEdgeHeaders(request({ ...geo, [EDGE_SECRET_HEADER]: secret, accept: 'x' }), secret);
    expect(trusted.headers).toEqual({ ...geo, accept: 'x' });
    expect(trusted.rawPath).toBe('/v1/visitor-events');
  });

  it('are dropped when a client calls the API directly and writes them itself', () => {
    expect(withTrustedEdgeHeaders(request({ ...geo, accept: 'x' }), secret).headers).toEqual({ accept: 'x' });
  });

  it('are dropped with a wrong secret, one a character short, or one a character longer', () => {
    for (const given of ['x'.repeat(40), secret.slice(0, -1), `${secret}c`, ''])
      expect(withTrustedEdgeHeaders(request({ ...geo, [EDGE_SECRET_HEADER]: given }), secret).headers).toEqual({});
  });

  it('are dropped, in any letter case, when no secret is configured (no CloudFront in front)', () => {
    const headers = { 'CloudFront-Viewer-Country': 'DE', [EDGE_SECRET_HEADER]: secret };
    expect(withTrustedEdgeHeaders(request(headers), undefined).headers).toEqual({});
  });

  it('leave a request without headers as it is', () => {
    const bare: { rawPath: string; headers?: Record<string, string> } = { rawPath: '/health' };
    expect(withTrustedEdgeHeaders(bare, secret)).toEqual({ rawPath: '/health', headers: {} });
  });
});
