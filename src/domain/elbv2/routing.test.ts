import { describe, expect, it } from 'vitest';
import type { ActionRecord } from './records.js';
import { conditionMatches, matcherAllows, redirectLocation, route, wildcardMatch, type RoutedRequest } from './routing.js';

const req = (over: Partial<RoutedRequest> = {}): RoutedRequest => ({
  method: 'GET',
  path: '/api/users',
  host: 'shop.example.com',
  headers: { 'user-agent': 'curl/8.0' },
  query: [['lang', 'en']],
  sourceIp: '10.0.0.7',
  ...over,
});
const fixed = (code: string): ActionRecord[] => [{ type: 'fixed-response', fixedResponse: { statusCode: code } }];

describe('ALB routing', () => {
  it('matches wildcards: paths case-sensitively, hosts and headers not', () => {
    expect(wildcardMatch('/api/*', '/api/users', false)).toBe(true);
    expect(wildcardMatch('/API/*', '/api/users', false)).toBe(false);
    expect(wildcardMatch('/img/?.png', '/img/a.png', false)).toBe(true);
    expect(conditionMatches({ field: 'host-header', values: ['*.EXAMPLE.com'] }, req())).toBe(true);
    expect(conditionMatches({ field: 'http-header', headerName: 'User-Agent', values: ['*CURL*'] }, req())).toBe(true);
    expect(
      conditionMatches({ field: 'query-string', values: [], queryStrings: [{ key: 'lang', value: 'fr' }, { value: 'EN' }] }, req()),
    ).toBe(true);
    expect(conditionMatches({ field: 'http-request-method', values: ['POST'] }, req())).toBe(false);
    expect(conditionMatches({ field: 'source-ip', values: ['10.0.0.0/24'] }, req())).toBe(true);
  });

  it('takes the first rule whose conditions all match, by priority, else the defaults', () => {
    const rules = [
      {
        priority: 1,
        conditions: [
          { field: 'path-pattern' as const, values: ['/api/*'] },
          { field: 'http-request-method' as const, values: ['POST'] },
        ],
        actions: fixed('201'),
      },
      { priority: 2, conditions: [{ field: 'path-pattern' as const, values: ['/api/*'] }], actions: fixed('200') },
    ];
    expect(route(rules, fixed('404'), req())).toEqual(fixed('200'));
    expect(route(rules, fixed('404'), req({ method: 'POST' }))).toEqual(fixed('201'));
    expect(route(rules, fixed('404'), req({ path: '/' }))).toEqual(fixed('404'));
  });

  it('reads health-check matchers and fills redirect templates', () => {
    expect(matcherAllows('200-299', 204)).toBe(true);
    expect(matcherAllows('200,302', 302)).toBe(true);
    expect(matcherAllows('200', 500)).toBe(false);
    const r = { protocol: 'HTTPS', port: '443', host: '#{host}', path: '/#{path}', query: '#{query}' };
    expect(redirectLocation(r, { protocol: 'http', host: 'a.com', port: 80, path: '/x/y', query: 'q=1' })).toBe('https://a.com/x/y?q=1');
    expect(
      redirectLocation(
        { ...r, port: '#{port}', protocol: '#{protocol}' },
        { protocol: 'http', host: 'a.com', port: 8080, path: '/', query: '' },
      ),
    ).toBe('http://a.com:8080/');
  });
});
