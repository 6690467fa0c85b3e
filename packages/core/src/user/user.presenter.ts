import type { UserRow } from '@vigil/db';

/** Never includes the password hash. */
export function presentUser(row: UserRow) {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    isAdmin: row.is_admin,
    isActive: row.is_active,
    /** A feed-only account (MiniTwit simulator): cannot sign in until an administrator promotes it. */
    feedOnly: row.feed_only,
    lastLoginAt: row.last_login_at ? row.last_login_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
  };
}
