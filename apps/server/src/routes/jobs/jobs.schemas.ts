import { z } from 'zod';

export const ZJobsOverviewQuery = z.object({
  failedLimit: z.coerce.number().int().min(1).max(500).default(50),
  queue: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,100}$/, 'must be a queue name')
    .optional(),
});

export const ZJobParams = z.object({ id: z.string().uuid('must be a job id (UUID)') });
