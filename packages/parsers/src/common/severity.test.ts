import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeSeverity, severityFromCvss } from './severity.ts';

test('normalizeSeverity maps scanner words to the five levels', () => {
  assert.equal(normalizeSeverity('CRITICAL'), 'Critical');
  assert.equal(normalizeSeverity('moderate'), 'Medium');
  assert.equal(normalizeSeverity('note'), 'Low');
  assert.equal(normalizeSeverity('whatever'), 'Info');
  assert.equal(normalizeSeverity(undefined, 'High'), 'High');
});

test('severityFromCvss follows the CVSS v3 qualitative scale', () => {
  assert.equal(severityFromCvss(9.8), 'Critical');
  assert.equal(severityFromCvss(7.0), 'High');
  assert.equal(severityFromCvss(4.0), 'Medium');
  assert.equal(severityFromCvss(0.1), 'Low');
  assert.equal(severityFromCvss(0), 'Info');
});
