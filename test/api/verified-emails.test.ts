import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';
import { smtpReceiver, until } from '../notifications/listeners.ts';
import { DEFAULT_NOTIFICATION_CONFIG } from '../../apps/server/src/config/notification.config.ts';

const PUBLIC_URL = 'https://vigil.example.test';
let db: TestDatabase;
let h: Harness;
let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
let admin: TestUser;
let owner: TestUser;
let teamId: number;

before(async () => {
  smtp = await smtpReceiver();
  db = await freshDatabase();
  h = await createHarness(db.uow, {
    notifications: {
      ...DEFAULT_NOTIFICATION_CONFIG,
      publicUrl: PUBLIC_URL,
      smtp: {
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        requireTls: false,
        from: 'Vigil <vigil@example.test>',
      },
    },
  });
  admin = await h.user('root', { admin: true });
  owner = await h.user('olga');
  teamId = (await owner.post('/api/v1/teams', { name: 'Blue team' })).json().id;
});
after(async () => {
  await h.close();
  await db.drop();
  await smtp.close();
});

/** The verification link of the last mail sent to `to` (quoted-printable decoded). */
async function linkSentTo(to: string, count: number): Promise<string> {
  const sentTo = () => smtp.mails.filter((m) => m.to.some((a) => a.toLowerCase() === to.toLowerCase()));
  await until(() => sentTo().length >= count);
  const raw = sentTo().at(-1)!.raw;
  const text = raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const m = /https:\/\/vigil\.example\.test(\/api\/v1\/auth\/verify-email\?token=[A-Za-z0-9_%-]+)/.exec(text);
  assert.ok(m, `a verification link in the mail:\n${text}`);
  return m[1];
}

const tokenOf = (path: string) => decodeURIComponent(new URL(path, PUBLIC_URL).searchParams.get('token')!);

test(
  'two accounts cannot hold addresses that differ only ' + 'by case (409 naming email), on create and on update',
  async () => {
    const first = await admin.post('/api/v1/users', { username: 'case1', email: 'Ann.Lee@Example.com' });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().emailVerified, false);
    const dup = await admin.post('/api/v1/users', { username: 'case2', email: 'ann.lee@example.COM' });
    assert.equal(dup.statusCode, 409, dup.body);
    assert.deepEqual(dup.json().error.details, [{ path: 'email', message: 'already used by another account' }]);
    const other = (await admin.post('/api/v1/users', { username: 'case3', email: 'other@example.com' })).json();
    const patch = await admin.patch(`/api/v1/users/${other.id}`, { email: 'ANN.LEE@example.com' });
    assert.equal(patch.statusCode, 409, patch.body);
    assert.equal(patch.json().error.details[0].path, 'email');
    const stored = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM users WHERE lower(email) = 'ann.lee@example.com'`.execute(db.handle.db);
    assert.equal(stored.rows[0].n, 1);
  },
);

test(
  'an invitation by email to an address only an unverified account holds is not delivered; after the emailed link ' +
    'is used it is',
  async () => {
    const ivy = await h.user('ivy');
    const set = await ivy.patch(`/api/v1/users/${ivy.id}`, { email: 'Ivy@Example.test' });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(set.json().emailVerified, false);
    assert.equal(set.json().emailVerification.sent, true, set.body);
    const link = await linkSentTo('Ivy@Example.test', 1);
    const stored = await sql<{
      token_hash: string;
    }>`SELECT token_hash FROM email_verification_tokens WHERE user_id = ${ivy.id}`.execute(db.handle.db);
    assert.equal(
      stored.rows[0].token_hash,
      createHash('sha256').update(tokenOf(link)).digest('hex'),
      'only the digest of the secret is stored',
    );

    const inv = await owner.post(`/api/v1/teams/${teamId}/invitations`, {
      invitee: 'ivy@example.TEST',
      role: 'member',
    });
    assert.equal(inv.statusCode, 201, inv.body);
    assert.deepEqual(inv.json().invitee, { id: null, username: null, email: 'ivy@example.test' });
    assert.deepEqual(
      (await ivy.get('/api/v1/team-invitations')).json().items,
      [],
      'the unverified holder does not receive it',
    );
    assert.equal((await ivy.post(`/api/v1/team-invitations/${inv.json().id}/accept`)).statusCode, 404);
    const again = await owner.post(`/api/v1/teams/${teamId}/invitations`, {
      invitee: 'IVY@example.test',
      role: 'member',
    });
    assert.equal(again.statusCode, 409, 'one waiting invitation per team and address');

    // The link opens a confirmation page (a mail scanner fetching it consumes nothing) ...
    const page = await h.app.inject({ method: 'GET', url: link });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<form method="post" action="\/api\/v1\/auth\/verify-email">/);
    // ... whose button posts the token: the address is verified and the invitation becomes ivy's.
    const head = await db.uow.repos.events.head();
    const form = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ token: tokenOf(link) }).toString(),
    });
    assert.equal(form.statusCode, 200, form.body);
    assert.match(form.body, /is verified/);
    assert.equal((await ivy.get('/api/v1/auth/me')).json().emailVerified, true);
    const mine = (await ivy.get('/api/v1/team-invitations')).json().items;
    assert.equal(mine.length, 1);
    assert.equal(mine[0].id, inv.json().id);
    const events = await db.uow.repos.events.readAfter(head, 100);
    assert.ok(
      events.some((e) => e.type === 'team.invited' && e.topics.includes(`user:${ivy.id}`)),
      'ivy is told live',
    );
    const accepted = await ivy.post(`/api/v1/team-invitations/${inv.json().id}/accept`);
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(await db.uow.repos.teams.roleOf(teamId, ivy.id), 'member');

    // Used once only.
    const twice = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email',
      payload: { token: tokenOf(link) },
    });
    assert.equal(twice.statusCode, 400);
    assert.equal(twice.json().error.details[0].path, 'token');
    assert.match(twice.json().error.message, /already used/);
  },
);

test(
  'an invitation by email to a verified address goes to ' + 'its holder; changing the address clears the verification',
  async () => {
    const vic = await h.user('vic');
    await vic.patch(`/api/v1/users/${vic.id}`, { email: 'vic@example.test' });
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email',
      payload: { token: tokenOf(await linkSentTo('vic@example.test', 1)) },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      verified: true,
      user: { id: vic.id, username: 'vic', email: 'vic@example.test' },
      invitationsReceived: 0,
    });
    const inv = await owner.post(`/api/v1/teams/${teamId}/invitations`, {
      invitee: 'VIC@example.test',
      role: 'member',
    });
    assert.equal(inv.statusCode, 201, inv.body);
    assert.deepEqual(inv.json().invitee, { id: vic.id, username: 'vic', email: null });

    // A change of case alone is the same address: it stays verified and no link is sent.
    const sameCase = await vic.patch(`/api/v1/users/${vic.id}`, { email: 'Vic@Example.test' });
    assert.equal(sameCase.json().emailVerified, true);
    assert.equal(sameCase.json().emailVerification, undefined);
    const changed = await vic.patch(`/api/v1/users/${vic.id}`, { email: 'victor@example.test' });
    assert.equal(changed.json().emailVerified, false);
    assert.equal(changed.json().emailVerification.sent, true);
    await linkSentTo('victor@example.test', 1);
  },
);

test('an expired link and a link for a replaced address are refused; resend is throttled', async () => {
  const eve = await h.user('eve');
  await eve.patch(`/api/v1/users/${eve.id}`, { email: 'eve@example.test' });
  const link = await linkSentTo('eve@example.test', 1);
  await sql`UPDATE email_verification_tokens SET expires_at = now() - interval '1 second'
    WHERE user_id = ${eve.id}`.execute(db.handle.db);
  const expired = await h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/verify-email',
    payload: { token: tokenOf(link) },
  });
  assert.equal(expired.statusCode, 400);
  assert.match(expired.json().error.message, /expired/);
  assert.equal((await eve.get('/api/v1/auth/me')).json().emailVerified, false);

  const throttled = await eve.post('/api/v1/auth/verify-email/resend');
  assert.equal(throttled.statusCode, 429, throttled.body);
  await sql`UPDATE email_verification_tokens SET created_at = now() - interval '1 hour'
    WHERE user_id = ${eve.id}`.execute(db.handle.db);
  const resent = await eve.post('/api/v1/auth/verify-email/resend');
  assert.equal(resent.statusCode, 202, resent.body);
  const fresh = await linkSentTo('eve@example.test', 2);

  await eve.patch(`/api/v1/users/${eve.id}`, { email: 'eve2@example.test' });
  const replaced = await h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/verify-email',
    payload: { token: tokenOf(fresh) },
  });
  assert.equal(replaced.statusCode, 400, 'a link sent to the previous address no longer works');
  assert.equal((await eve.get('/api/v1/auth/me')).json().emailVerified, false);
  const bogus = await h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/verify-email',
    payload: { token: 'vev_nope' },
  });
  assert.equal(bogus.statusCode, 400);
});

test(
  'only administrators vouch for an address; a vouched ' + 'address receives the invitations waiting for it',
  async () => {
    const amy = await h.user('amy');
    const inv = await owner.post(`/api/v1/teams/${teamId}/invitations`, {
      invitee: 'amy@example.test',
      role: 'member',
    });
    assert.equal(inv.statusCode, 201);
    await amy.patch(`/api/v1/users/${amy.id}`, { email: 'amy@example.test' });
    assert.equal((await amy.patch(`/api/v1/users/${amy.id}`, { emailVerified: true })).statusCode, 403);
    const vouched = await admin.patch(`/api/v1/users/${amy.id}`, { emailVerified: true });
    assert.equal(vouched.statusCode, 200, vouched.body);
    assert.equal(vouched.json().emailVerified, true);
    assert.equal((await amy.get('/api/v1/team-invitations')).json().items[0]?.id, inv.json().id);
    const created = await admin.post('/api/v1/users', {
      username: 'bo',
      email: 'bo@example.test',
      emailVerified: true,
    });
    assert.equal(created.json().emailVerified, true);
    assert.equal(created.json().emailVerification, undefined, 'no link for a vouched address');
  },
);

test(
  'feed-only accounts cannot be invited: by name 400 naming invitee; by address they are never found (the ' +
    'invitation waits for a workspace holder)',
  async () => {
    await db.uow.repos.users.insert({
      username: 'sim',
      email: 'sim@example.test',
      email_verified_at: new Date(),
      password_hash: null,
      feed_only: true,
    });
    const res = await owner.post(`/api/v1/teams/${teamId}/invitations`, { invitee: 'sim', role: 'member' });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error.details[0].path, 'invitee');
    assert.match(res.json().error.message, /feed-only/);
    const byEmail = await owner.post(`/api/v1/teams/${teamId}/invitations`, {
      invitee: 'sim@example.test',
      role: 'member',
    });
    assert.equal(byEmail.statusCode, 201, byEmail.body);
    assert.equal(byEmail.json().invitee.id, null, 'a feed-only account is not a holder of the address');
    assert.equal(byEmail.json().invitee.email, 'sim@example.test');
  },
);

test('without SMTP the answers say that no link was sent', async () => {
  const bare = await createHarness(db.uow);
  try {
    const u = await bare.user('nomail');
    const res = await u.patch(`/api/v1/users/${u.id}`, { email: 'nomail@example.test' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().emailVerification.sent, false);
    assert.match(res.json().emailVerification.reason, /No SMTP server is configured/);
    const resend = await u.post('/api/v1/auth/verify-email/resend');
    assert.equal(resend.statusCode, 503);
    assert.match(resend.json().error.message, /VIGIL_SMTP_HOST/);
  } finally {
    await bare.close();
  }
});

test(
  'feed-only addresses never collide with workspace ones: no squatting, no enumeration; promotion over a ' +
    'workspace address is refused naming email',
  async () => {
    const sim = await createHarness(db.uow, { minitwitSimulatorAuth: 'simulator:super_safe!' });
    try {
      const register = (username: string, email: string) =>
        sim.app.inject({
          method: 'POST',
          url: '/api/minitwit/register',
          headers: { authorization: 'Basic c2ltdWxhdG9yOnN1cGVyX3NhZmUh' },
          payload: { username, email, pwd: 'p' },
        });
      const strong = 'Quartz-Meadow-Violin-77';
      const alice = await admin.post('/api/v1/users', {
        username: 'n1_alice',
        email: 'n1-alice@example.test',
        password: strong,
      });
      assert.equal(alice.statusCode, 201, alice.body);

      // Squatting: a future workspace address registered first through the public MiniTwit API.
      assert.equal((await register('squatter', 'N1-CEO@Example.test')).statusCode, 204);
      const ceo = await admin.post('/api/v1/users', {
        username: 'n1_ceo',
        email: 'n1-ceo@example.test',
        password: strong,
      });
      assert.equal(ceo.statusCode, 201, ceo.body);
      // Enumeration: a workspace user's address gets the same answer as any other.
      const probe = await register('prober', 'N1-ALICE@example.test');
      assert.equal(probe.statusCode, 204, probe.body);
      assert.equal(
        (await register('squatter2', 'n1-ceo@EXAMPLE.test')).statusCode,
        204,
        'feed-only accounts may share an address, as in MiniTwit',
      );
      // Workspace accounts stay unique among themselves.
      assert.equal(
        (await admin.post('/api/v1/users', { username: 'n1_dup', email: 'N1-Alice@Example.TEST', password: strong }))
          .statusCode,
        409,
      );

      const byName = async (username: string) =>
        (await admin.get(`/api/v1/users?search=${username}`))
          .json()
          .items.find((u: { username: string }) => u.username === username);
      const squatter = await byName('squatter');
      const refused = await admin.post(`/api/v1/users/${squatter.id}/promote`, { password: strong });
      assert.equal(refused.statusCode, 409, refused.body);
      assert.equal(refused.json().error.details[0].path, 'email');
      assert.match(refused.json().error.message, /already used by a workspace account/);
      assert.equal((await byName('squatter')).feedOnly, true, 'nothing changed');
      assert.equal(
        (await admin.patch(`/api/v1/users/${squatter.id}`, { email: 'squatter@elsewhere.test' })).statusCode,
        200,
      );
      assert.equal((await admin.post(`/api/v1/users/${squatter.id}/promote`, { password: strong })).statusCode, 200);

      // Invitations by email reach only a verified WORKSPACE address: a feed-only account vouched for
      // with alice's address is not found by it; the invitation waits for the address.
      const prober = await byName('prober');
      assert.equal((await admin.patch(`/api/v1/users/${prober.id}`, { emailVerified: true })).statusCode, 200);
      const inv = await owner.post(`/api/v1/teams/${teamId}/invitations`, {
        invitee: 'n1-alice@example.test',
        role: 'member',
      });
      assert.equal(inv.statusCode, 201, inv.body);
      assert.equal(inv.json().invitee.id, null, 'waits for the address; not handed to the feed-only account');
    } finally {
      await sim.close();
    }
  },
);
