import { useState, type FormEvent } from 'react';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { isApiError } from '@vigil/client';
import { useApi } from '../../app/api-context';

/** Username/password sign-in; the server sets the session cookie, nothing is stored in the page. */
export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const api = useApi();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!username.trim()) missing.username = 'Enter your username';
    if (!password) missing.password = 'Enter your password';
    setFieldErrors(missing);
    setFormError(null);
    if (Object.keys(missing).length) return;
    setBusy(true);
    try {
      await api.auth.login(username.trim(), password);
      onSuccess();
    } catch (err) {
      if (isApiError(err) && err.status === 401) setFormError('Wrong username or password.');
      else if (isApiError(err) && err.status === 429) setFormError('Too many attempts. Wait a minute and try again.');
      else if (isApiError(err)) {
        setFieldErrors(err.fieldErrors());
        setFormError(err.message);
      } else setFormError(String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Sign in">
      <Stack>
        {formError && (
          <Alert color="red" role="alert" title="Sign-in failed">
            {formError}
          </Alert>
        )}
        <TextInput
          label="Username"
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          error={fieldErrors.username}
          autoFocus
        />
        <PasswordInput
          label="Password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={fieldErrors.password}
        />
        <Button type="submit" loading={busy}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
