import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderPostHtml } from './rendered-posts.ts';
import { renderPostMarkdown } from './markdown.ts';

test('remembered rendering equals fresh rendering, for new and repeated texts', () => {
  const texts = ['**a** <script>x</script>', '`code` *em*', '[x](https://e.org)', '**a** <script>x</script>'];
  for (const t of texts) assert.equal(renderPostHtml(t), renderPostMarkdown(t));
  for (let i = 0; i < 6000; i++) renderPostHtml(`post ${i} **b**`);
  assert.equal(renderPostHtml('`code` *em*'), renderPostMarkdown('`code` *em*'), 'evicted entries render again');
});
