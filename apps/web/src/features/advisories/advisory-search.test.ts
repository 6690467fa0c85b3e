import { describe, expect, it } from 'vitest';
import { EMPTY_SEARCH, paramsFromSearch, queryFromSearch, searchFromParams } from './advisory-search';

describe('advisory search', () => {
  it('round-trips through the URL and becomes the API query', () => {
    const search = {
      ...EMPTY_SEARCH,
      id: ' CVE-2024-0001 ',
      ecosystem: 'PyPI',
      package: 'Django',
      cwe: 'CWE-79',
      severity: ['high' as const, 'critical' as const],
      publishedFrom: '2024-01-01',
      includeWithdrawn: true,
    };
    const params = paramsFromSearch(search);
    expect(params.toString()).toBe(
      'id=CVE-2024-0001&ecosystem=PyPI&package=Django&cwe=CWE-79&publishedFrom=2024-01-01' +
        '&severity=high%2Ccritical&includeWithdrawn=true',
    );
    expect(searchFromParams(params)).toEqual({ ...search, id: 'CVE-2024-0001' });
    expect(queryFromSearch(search)).toEqual({
      id: 'CVE-2024-0001',
      ecosystem: 'PyPI',
      package: 'Django',
      purl: undefined,
      cwe: 79,
      severity: ['high', 'critical'],
      publishedFrom: '2024-01-01',
      publishedTo: undefined,
      includeWithdrawn: 'true',
    });
  });

  it('drops ratings it does not know from a hand-written URL', () => {
    expect(searchFromParams(new URLSearchParams('severity=high,urgent')).severity).toEqual(['high']);
  });
});
