import { sql, type Kysely } from 'kysely';

/**
 * The timeline pages as PL/pgSQL functions, so each connection plans their statements once and
 * reuses the plan: planning a timeline query cost several times its execution (figures:
 * docs/benchmarks.md, bench:feed). Each returns the newest `n` posts below `before_id` (NULL = from
 * the top), newest first, with the names the timelines show.
 *
 * The plans are forced generic: with the page size a parameter, PostgreSQL's cost model prefers a
 * custom plan (it prices LIMIT $n at 10 % of the table) and would replan on every call, which is
 * what these functions exist to avoid. The generic plans are the same index walks (checked with
 * EXPLAIN on bench:feed's data).
 *
 * The personal timeline first merges the newest ids of every source from the (author_id, id desc)
 * and (product_id, id desc) indexes alone (index-only scans), then reads just the n posts it keeps,
 * instead of reading n whole rows per followed source.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION feed_public_page(before_id bigint, n integer)
      RETURNS TABLE (id bigint, text text, created_at timestamptz, author_id integer, author_username text)
      LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
    #variable_conflict use_column
    BEGIN
      RETURN QUERY
        SELECT p.id, p.text, p.created_at, p.author_id, u.username
        FROM feed_posts p JOIN users u ON u.id = p.author_id
        WHERE p.author_id IS NOT NULL AND p.id < coalesce(before_id, 9223372036854775807)
        ORDER BY p.id DESC LIMIT n;
    END $$;

    CREATE FUNCTION feed_user_page(author integer, before_id bigint, n integer)
      RETURNS TABLE (id bigint, text text, created_at timestamptz, author_id integer, author_username text)
      LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
    #variable_conflict use_column
    BEGIN
      RETURN QUERY
        SELECT p.id, p.text, p.created_at, p.author_id, u.username
        FROM feed_posts p JOIN users u ON u.id = p.author_id
        WHERE p.author_id = author AND p.id < coalesce(before_id, 9223372036854775807)
        ORDER BY p.id DESC LIMIT n;
    END $$;

    CREATE FUNCTION feed_personal_page(reader integer, before_id bigint, n integer)
      RETURNS TABLE (id bigint, text text, created_at timestamptz, author_id integer, author_username text,
        product_id integer, product_name text)
      LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
    #variable_conflict use_column
    BEGIN
      RETURN QUERY
        WITH newest AS (
          SELECT x.id FROM (
            SELECT reader AS source UNION SELECT f.followee_id FROM follows f WHERE f.follower_id = reader
          ) s
            CROSS JOIN LATERAL (
              SELECT fp.id FROM feed_posts fp
              WHERE fp.author_id = s.source AND fp.id < coalesce(before_id, 9223372036854775807)
              ORDER BY fp.id DESC LIMIT n) x
          UNION ALL
          SELECT x.id FROM product_follows pf
            CROSS JOIN LATERAL (
              SELECT fp.id FROM feed_posts fp
              WHERE fp.product_id = pf.product_id AND fp.id < coalesce(before_id, 9223372036854775807)
              ORDER BY fp.id DESC LIMIT n) x
          WHERE pf.user_id = reader
          ORDER BY 1 DESC LIMIT n
        )
        SELECT p.id, p.text, p.created_at, p.author_id, u.username, p.product_id, pr.name
        FROM newest w JOIN feed_posts p ON p.id = w.id
          LEFT JOIN users u ON u.id = p.author_id
          LEFT JOIN products pr ON pr.id = p.product_id
        ORDER BY p.id DESC;
    END $$;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP FUNCTION feed_personal_page(integer, bigint, integer);
    DROP FUNCTION feed_user_page(integer, bigint, integer);
    DROP FUNCTION feed_public_page(bigint, integer);
  `.execute(db);
}
