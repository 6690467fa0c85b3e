import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { AppError } from '../errors/app-error.ts';

/** zxcvbn score (0–4) a chosen password must reach: 3 is "safely unguessable" (~10^8 guesses and more). */
export const MIN_PASSWORD_SCORE = 3;

export interface PasswordProblem {
  message: string;
  warning?: string;
  suggestions: string[];
}

let estimator: ZxcvbnFactory | undefined;

// Built on first use: loading the dictionaries costs about half a second, which a process that never
// sets a password (a worker, most CLI commands) should not pay.
function strength(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
    // The estimator's cost grows steeply with length and l33t variants; a 256-character password
    // would block the event loop for seconds. The first 100 characters decide.
    maxLength: 100,
    l33tMaxSubstitutions: 10,
  });
  return estimator;
}

/**
 * Rules for passwords chosen in Vigil (the MiniTwit simulator API has its own, laxer rules): 8 to 256
 * characters, and a strength estimate of at least MIN_PASSWORD_SCORE, counting the user's own
 * username, e-mail and names as known words.
 */
export function assessPassword(password: string, userInputs: readonly string[] = []): PasswordProblem | undefined {
  if (password.length < 8) return { message: 'must be at least 8 characters long', suggestions: [] };
  if (password.length > 256) return { message: 'must be at most 256 characters long', suggestions: [] };
  const inputs = userInputs.flatMap((s) => (s ? [s, ...s.split(/[@.\s_+-]+/).filter((w) => w.length >= 3)] : []));
  const result = strength().check(password, inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return undefined;
  const warning = result.feedback.warning ?? undefined;
  const suggestions = result.feedback.suggestions;
  const advice = [warning, ...suggestions].filter(Boolean).join(' ');
  return {
    message:
      `is too weak (strength ${result.score} of 4, at least ${MIN_PASSWORD_SCORE} ` +
      `needed)${advice ? `: ${advice}` : ''}`,
    warning,
    suggestions,
  };
}

/** Throws 400 VALIDATION_FAILED naming the field when the password breaks the rules. */
export function checkPasswordPolicy(password: string, userInputs: readonly string[] = [], field = 'password'): void {
  const problem = assessPassword(password, userInputs);
  if (!problem) return;
  throw new AppError('VALIDATION_FAILED', `The ${field} ${problem.message}`, [
    { path: field, message: problem.message, warning: problem.warning ?? null, suggestions: problem.suggestions },
  ]);
}
