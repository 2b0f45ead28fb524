import { describe, expect, it } from 'vitest';
import { ApiError, Problem } from './api';
import { EMAIL_HINT, looksLikeEmail, problemText } from './messages';

const problem = (status: number, name: string, extra: Partial<Problem> = {}) =>
  new ApiError({ type: `https://tickets.example.com/problems/${name}`, title: 'x', status, ...extra });

describe('problemText', () => {
  it('turns a refused e-mail into what to type', () => {
    const e = problem(400, 'invalid-request', { errors: [{ field: 'userEmail', message: 'must be a well-formed email address' }] });
    expect(problemText(e, 'book your tickets')).toBe('Enter an e-mail address like name@example.com.');
    expect(problemText(e)).not.toContain('userEmail');
  });
  it('says once what to do for several refused fields', () => {
    const e = problem(400, 'invalid-request', { errors: [
      { field: 'userEmail', message: 'must not be blank' }, { field: 'userEmail', message: 'must be a well-formed email address' },
      { field: 'quantity', message: 'must be less than or equal to 10' }] });
    expect(problemText(e)).toBe('Enter an e-mail address like name@example.com. Choose from 1 to 10 tickets.');
  });
  it('tells an unreachable service from a refusal', () => {
    expect(problemText(problem(503, 'service-unavailable'))).toBe('We could not reach the booking service; try again in a moment.');
    expect(problemText(new ApiError({ type: 'about:blank', title: 'Service Unavailable', status: 503 })))
      .toBe('We could not reach the booking service; try again in a moment.');
    expect(problemText(new TypeError('Failed to fetch'), 'book your tickets')).toContain('Check your connection');
    expect(problemText(problem(500, 'internal-error'), 'cancel this booking')).toContain('on our side');
  });
  it('explains the sales and cancellation rules', () => {
    expect(problemText(problem(409, 'sold-out', { availableQuantity: 1 }))).toContain('Only 1 left');
    expect(problemText(problem(409, 'sold-out'))).toContain('Sold out');
    expect(problemText(problem(409, 'cancellation-closed'))).toContain('last 24 hours');
    expect(problemText(problem(429, 'rate-limited'))).toContain('Wait a minute');
    expect(problemText(problem(410, 'sign-in-link-invalid'))).toContain('Ask for a new one');
  });
  it('never shows the API wording or a bare status', () => {
    for (const status of [400, 401, 403, 404, 409, 418, 500, 502, 503, 504]) {
      const text = problemText(problem(status, 'something-new', { detail: 'developer detail' }), 'do that');
      expect(text).not.toContain('developer detail');
      expect(text).toMatch(/\.$/);
    }
  });
});

describe('looksLikeEmail', () => {
  it('accepts addresses and refuses what cannot be one', () => {
    expect(looksLikeEmail('name@example.com')).toBe(true);
    expect(looksLikeEmail(' name@mail.example.co.uk ')).toBe(true);
    for (const bad of ['', 'name', 'name@', 'name@example', '@example.com', 'na me@example.com', 'name@example..com']) {
      expect(looksLikeEmail(bad)).toBe(false);
    }
    expect(EMAIL_HINT).toContain('name@example.com');
  });
});
