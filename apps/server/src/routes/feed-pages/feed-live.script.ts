import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * The timelines' live updates: the page's <main data-live> says which posts belong on it; new
 * posts arrive as `feed.posted` events over Socket.IO (session cookie, same origin) and are put at
 * the top. Post bodies come as HTML already rendered by the server's safe markdown renderer;
 * everything else is set as text.
 */
export const FEED_LIVE_SCRIPT = `(function () {
  var main = document.querySelector('main[data-live]');
  var list = main && main.querySelector('ul.messages');
  if (!main || !list || !window.io) return;
  var kind = main.dataset.live, who = main.dataset.user || '', me = main.dataset.me || '';
  var follows = (main.dataset.follows || '').split('\\n').filter(Boolean);
  var products = (main.dataset.products || '').split(',').filter(Boolean).map(Number);
  function belongs(p) {
    if (kind === 'public') return !!p.author;
    if (kind === 'user') return !!p.author && p.author.username === who;
    if (p.author) return p.author.username === me || follows.indexOf(p.author.username) >= 0;
    return !!p.product && products.indexOf(p.product.id) >= 0;
  }
  var socket = window.io({ path: '/socket.io', transports: ['websocket'] });
  socket.on('event', function (ev) {
    var p = ev && ev.type === 'feed.posted' && ev.data && ev.data.post;
    if (!p || !belongs(p) || document.getElementById('post-' + p.id)) return;
    var li = document.createElement('li');
    li.id = 'post-' + p.id;
    li.className = 'live';
    var strong = document.createElement('strong');
    if (p.author) {
      var a = document.createElement('a');
      a.href = '/feed/' + encodeURIComponent(p.author.username);
      a.textContent = p.author.username;
      strong.appendChild(a);
    } else strong.textContent = (p.product && p.product.name) || 'Vigil';
    var text = document.createElement('span');
    text.className = 'text';
    text.innerHTML = p.html;
    var when = document.createElement('small');
    when.textContent = '\\u2014 ' + String(p.createdAt).replace('T', ' ').slice(0, 16);
    li.append(strong, ' ', text, ' ', when);
    var empty = list.querySelector('li em');
    if (empty && empty.parentNode) empty.parentNode.remove();
    list.insertBefore(li, list.firstChild);
  });
})();
`;

let client: string | undefined;

/** Socket.IO's browser client, from the installed socket.io-client package (read once). */
export function socketIoClientScript(): string {
  // The package does not export dist/; find its root from its main entry.
  const entry = createRequire(import.meta.url).resolve('socket.io-client');
  const root = entry.slice(0, entry.lastIndexOf('socket.io-client') + 'socket.io-client'.length);
  client ??= readFileSync(join(root, 'dist', 'socket.io.min.js'), 'utf8');
  return client;
}
