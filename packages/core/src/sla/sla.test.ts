import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, slaExpiration } from './sla.ts';

const DEFAULT = { critical_days: 7, high_days: 30, medium_days: 90, low_days: 120 };

test('SLA expiry follows the default 7/30/90/120 days', () => {
  assert.equal(slaExpiration('Critical', '2026-01-01', DEFAULT), '2026-01-08');
  assert.equal(slaExpiration('High', '2026-01-01', DEFAULT), '2026-01-31');
  assert.equal(slaExpiration('Medium', '2026-01-01', DEFAULT), '2026-04-01');
  assert.equal(slaExpiration('Low', '2026-01-01', DEFAULT), '2026-05-01');
  assert.equal(slaExpiration('Info', '2026-01-01', DEFAULT), null);
});

test('addDays crosses month and leap-year boundaries', () => {
  assert.equal(addDays('2028-02-28', 1), '2028-02-29');
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
});
