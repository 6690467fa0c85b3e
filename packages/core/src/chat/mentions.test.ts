import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highlightMentions, mentionedUsernames } from './mentions.ts';

test('mentions are @names at word starts; emails and duplicates are not', () => {
  assert.deepEqual(mentionedUsernames('hi @alice and @bob. mail carol@example.com, @alice again'), ['alice', 'bob']);
  assert.deepEqual(mentionedUsernames('no mentions here'), []);
});

test('highlighting wraps known names in text only, never inside a tag', () => {
  const html = '<a href="https://x.test/@alice">@alice</a> and @mallory';
  assert.equal(
    highlightMentions(html, ['alice']),
    '<a href="https://x.test/@alice"><span class="mention">@alice</span></a> and @mallory',
  );
});
