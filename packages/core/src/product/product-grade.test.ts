import { test } from 'node:test';
import assert from 'node:assert/strict';
import { productGrade } from './product-grade.ts';

const stats = (s: Partial<Record<'critical' | 'high' | 'medium' | 'low' | 'info', number>>) =>
  ({ critical: 0, high: 0, medium: 0, low: 0, info: 0, ...s }) as never;

test('the worst open severity sets the score; the score sets the letter', () => {
  assert.deepEqual(productGrade(stats({})), { score: 100, grade: 'A' });
  assert.deepEqual(
    productGrade(stats({ info: 40 })),
    { score: 100, grade: 'A' },
    'informational findings do not lower the grade',
  );
  assert.deepEqual(productGrade(stats({ low: 3 })), { score: 95, grade: 'A' });
  assert.deepEqual(productGrade(stats({ medium: 1, low: 9 })), { score: 80, grade: 'B' });
  assert.deepEqual(productGrade(stats({ high: 1, medium: 9 })), { score: 60, grade: 'D' });
  assert.deepEqual(productGrade(stats({ critical: 1, high: 50 })), { score: 40, grade: 'F' });
});

test('how many findings of the worst severity does not matter, only whether there is one', () => {
  assert.deepEqual(productGrade(stats({ high: 1 })), productGrade(stats({ high: 500 })));
});

test('a product without statistics (no findings yet) grades A; counts read from SQL as text are numbers', () => {
  assert.deepEqual(productGrade(undefined), { score: 100, grade: 'A' });
  assert.deepEqual(productGrade({ critical: '0', high: '2', medium: '0', low: '0', info: '0' } as never), {
    score: 60,
    grade: 'D',
  });
  assert.deepEqual(productGrade({ critical: '0', high: '0', medium: '0', low: '0', info: '0' } as never), {
    score: 100,
    grade: 'A',
  });
});
