import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderPostMarkdown } from './markdown.ts';

test('formats bold, emphasis, code and http(s) links', () => {
  assert.equal(renderPostMarkdown('**a** *b* `c`'), '<strong>a</strong> <em>b</em> <code>c</code>');
  assert.equal(
    renderPostMarkdown('[x](https://e.org/a?b=1&c=2)'),
    '<a href="https://e.org/a?b=1&amp;c=2" rel="nofollow noopener noreferrer">x</a>',
  );
  assert.equal(renderPostMarkdown('one\ntwo'), 'one<br>two');
});

test('never lets HTML or script URLs through', () => {
  assert.equal(renderPostMarkdown('<script>alert(1)</script>'), '&lt;script&gt;alert(1)&lt;/script&gt;');
  assert.equal(renderPostMarkdown('[x](javascript:alert(1))'), '[x](javascript:alert(1))');
  assert.equal(
    renderPostMarkdown('[x](https://e.org/"onmouseover=alert(1))'),
    '[x](https://e.org/&quot;onmouseover=alert(1))',
  );
  assert.equal(renderPostMarkdown('`<b>**x**</b>`'), '<code>&lt;b&gt;**x**&lt;/b&gt;</code>');
  assert.equal(renderPostMarkdown('\u00000\u0000'), '0');
});
