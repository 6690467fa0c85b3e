import { z } from 'zod';
import { PRODUCT_ROLES } from './roles-values.ts';

export const ZProductRole = z.enum(PRODUCT_ROLES);

/**
 * The caller's role on a resource of the product hierarchy and the actions it allows
 * (core/src/access/abilities.ts decides). A single resource's answer carries them; list items and
 * some write answers do not, hence optional.
 */
export const zAccessFields = <A extends readonly string[]>(abilities: A) => ({
  role: ZProductRole.nullable().optional().describe("the caller's role; absent on list items"),
  abilities: z.array(z.enum(abilities)).optional().describe('what the role allows; absent with role'),
});
