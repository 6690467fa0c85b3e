import { escapeHtml as e, type FeedPostPresentation } from '@vigil/core';

/** Server-rendered MiniTwit pages: every value is HTML-escaped here; post bodies are pre-rendered safe HTML. */
export const PAGES = '/feed';

export interface Viewer {
  username: string;
  csrfToken: string;
}

const STYLE = [
  'body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}',
  'nav a,nav button{margin-right:.8rem}nav form{display:inline}' +
    'button.link{background:none;border:0;color:#06c;cursor:pointer;padding:0;font:inherit}',
  '.flash{background:#eef7ee;border:1px solid #9c9;padding:.5rem 1rem;margin:1rem 0;list-style:none}' +
    '.error{background:#fee;border:1px solid #c99;padding:.5rem 1rem}',
  'ul.messages{list-style:none;padding:0}ul.messages li{border-bottom:1px solid #ddd;padding:.6rem 0}small{color:#777}',
  'textarea{width:100%;box-sizing:border-box}.followstatus{margin:1rem 0}',
].join('\n');

/** Which new posts a timeline page shows live (signed-in viewers, first page only). */
export type LiveTimeline =
  | { kind: 'public' }
  | { kind: 'user'; username: string }
  | { kind: 'personal'; follows: string[]; products: number[] };

function liveAttributes(viewer: Viewer | null, live: LiveTimeline | undefined): string {
  if (!viewer || !live) return '';
  const extra =
    live.kind === 'user'
      ? ` data-user="${e(live.username)}"`
      : live.kind === 'personal'
        ? ` data-follows="${e(live.follows.join('\n'))}" data-products="${live.products.join(',')}"`
        : '';
  return ` data-live="${live.kind}" data-me="${e(viewer.username)}"${extra}`;
}

export function layout(
  title: string,
  viewer: Viewer | null,
  flashes: string[],
  body: string,
  live?: LiveTimeline,
): string {
  const nav = viewer
    ? `<a href="${PAGES}">my timeline</a><a href="${PAGES}/public">public timeline</a>` +
      `<form method="post" action="${PAGES}/logout">${csrfField(viewer)}` +
      `<button class="link" type="submit">sign out [${e(viewer.username)}]</button></form>`
    : `<a href="${PAGES}/public">public timeline</a><a href="${PAGES}/login">sign in</a>`;
  const scripts =
    viewer && live
      ? `<script src="${PAGES}/assets/socket.io.min.js" defer></script>` +
        `<script src="${PAGES}/assets/live.js" defer></script>`
      : '';
  const flash = flashes.length ? `<ul class="flash">${flashes.map((f) => `<li>${e(f)}</li>`).join('')}</ul>` : '';
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1">\n' +
    `<title>${e(title)} | Vigil feed</title><style>${STYLE}</style></head>\n` +
    `<body><h1>Vigil feed</h1><nav>${nav}</nav>${flash}<main${liveAttributes(viewer, live)}>` +
    `<h2>${e(title)}</h2>${body}</main>${scripts}</body></html>`
  );
}

export function csrfField(viewer: Viewer): string {
  return `<input type="hidden" name="_csrf" value="${e(viewer.csrfToken)}">`;
}

export function postForm(viewer: Viewer): string {
  return (
    `<form class="twitbox" method="post" action="${PAGES}/add_message">${csrfField(viewer)}
<p><label for="text">What's on your mind, ${e(viewer.username)}?</label></p>
<textarea id="text" name="text" rows="3" maxlength="1000" required></textarea><p><button ` +
    `type="submit">Share</button></p></form>`
  );
}

export function followBox(viewer: Viewer, profile: string, following: boolean): string {
  const url = `${PAGES}/${encodeURIComponent(profile)}/${following ? 'unfollow' : 'follow'}`;
  const label = following ? `Unfollow user` : `Follow user`;
  const status = following ? 'You are currently following this user.' : 'You are not yet following this user.';
  return (
    `<div class="followstatus">${status} <form method="post" action="${e(url)}" ` +
    `style="display:inline">${csrfField(viewer)}<button type="submit">${label}</button></form></div>`
  );
}

export function messageList(posts: FeedPostPresentation[], olderUrl: string | null): string {
  if (posts.length === 0) return `<ul class="messages"><li><em>There's no message so far.</em></li></ul>`;
  const items = posts
    .map((p) => {
      const who = p.author
        ? `<strong><a href="${PAGES}/${encodeURIComponent(p.author.username)}">${e(p.author.username)}</a></strong>`
        : `<strong>${e(p.product?.name ?? 'Vigil')}</strong>`;
      return (
        `<li id="post-${p.id}">${who} <span class="text">${p.html}</span> <small>&mdash; ` +
        `${e(p.createdAt.replace('T', ' ').slice(0, 16))}</small></li>`
      );
    })
    .join('');
  const older = olderUrl ? `<p><a href="${e(olderUrl)}">Older messages &raquo;</a></p>` : '';
  return `<ul class="messages">${items}</ul>${older}`;
}

export function loginForm(error: string | null, username: string, csrfToken: string | null): string {
  return (
    `${error ? `<div class="error"><strong>Error:</strong> ${e(error)}</div>` : ''}\n` +
    `<form method="post" action="${PAGES}/login">` +
    `${csrfToken ? `<input type="hidden" name="_csrf" value="${e(csrfToken)}">` : ''}
<p><label>Username <input name="username" value="${e(username)}" maxlength="150" required></label></p>
<p><label>Password <input type="password" name="password" maxlength="1024" required></label></p>
<p><button type="submit">Sign in</button></p></form>`
  );
}

export function errorPage(viewer: Viewer | null, status: number, message: string): string {
  return layout(
    status === 404 ? 'Not found' : 'Something went wrong',
    viewer,
    [],
    `<p class="error">${e(message)}</p>`,
  );
}
