import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { isApiError } from '@vigil/client';

/**
 * A write whose validation errors land next to the fields: `fieldErrors.name` is the server's
 * message for `body.name`. Invalidates `invalidate` on success.
 */
export function useApiMutation<TInput, TResult>(
  fn: (input: TInput) => Promise<TResult>,
  opts: { invalidate?: QueryKey[]; onSuccess?: (r: TResult) => void } = {},
) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: fn,
    onSuccess: async (result) => {
      await Promise.all((opts.invalidate ?? []).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      opts.onSuccess?.(result);
    },
  });
  const err = mutation.error;
  const fieldErrors = isApiError(err) ? err.fieldErrors() : {};
  const formError = err ? (isApiError(err) && err.isForbidden ? 'You are not allowed to do this.' : err.message) : null;
  return { ...mutation, fieldErrors, formError };
}
