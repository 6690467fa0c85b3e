import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError, type VigilClient } from '@vigil/client';
import { renderWithApp } from '../../test/render';
import { LoginForm } from './LoginForm';

function apiWithLogin(login: VigilClient['auth']['login']) {
  return { auth: { login } } as unknown as VigilClient;
}

describe('LoginForm', () => {
  it('asks for missing fields without calling the server', async () => {
    const login = vi.fn();
    renderWithApp(<LoginForm onSuccess={() => undefined} />, { api: apiWithLogin(login) });
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByText('Enter your username')).toBeInTheDocument();
    expect(screen.getByText('Enter your password')).toBeInTheDocument();
    expect(login).not.toHaveBeenCalled();
  });

  it('says the credentials are wrong on 401 and stays on the form', async () => {
    const login = vi.fn().mockRejectedValue(new ApiError(401, 'INVALID_CREDENTIALS', 'Invalid username or password'));
    const onSuccess = vi.fn();
    renderWithApp(<LoginForm onSuccess={onSuccess} />, { api: apiWithLogin(login) });
    await userEvent.type(screen.getByLabelText('Username'), 'admin');
    await userEvent.type(screen.getByLabelText('Password'), 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password.');
    expect(login).toHaveBeenCalledWith('admin', 'nope');
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('puts server validation messages next to the fields', async () => {
    const login = vi
      .fn()
      .mockRejectedValue(
        new ApiError(400, 'VALIDATION_FAILED', 'Invalid request', [{ path: 'body.username', message: 'Too long' }]),
      );
    renderWithApp(<LoginForm onSuccess={() => undefined} />, { api: apiWithLogin(login) });
    await userEvent.type(screen.getByLabelText('Username'), 'x');
    await userEvent.type(screen.getByLabelText('Password'), 'y');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Too long')).toBeInTheDocument();
  });

  it('calls onSuccess after a good login', async () => {
    const login = vi.fn().mockResolvedValue({});
    const onSuccess = vi.fn();
    renderWithApp(<LoginForm onSuccess={onSuccess} />, { api: apiWithLogin(login) });
    await userEvent.type(screen.getByLabelText('Username'), 'admin');
    await userEvent.type(screen.getByLabelText('Password'), 'secret');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await vi.waitFor(() => expect(onSuccess).toHaveBeenCalled());
  });
});
