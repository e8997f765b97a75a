// The Partner API's own credentials exchange: a Partner Hub user's email and password for a bearer
// token (docs.360dialog.com/partner, "Authentication": API key recommended, bearer token from
// POST /token otherwise). The body and answer fields are unconfirmed in the docs found; we take the
// OAuth-style names `username`/`password` → `access_token`, `token_type`, `expires_in`, which the
// public Partner API clients use.
import type { Operation } from '../types.js';
import type { Issues } from './check.js';
import { requireObjectBody, requireString } from './check.js';

export interface PartnerTokenRequest {
  username: string;
  password: string;
}

export interface PartnerTokenResponse {
  accessToken: string;
  tokenType?: string;
  /** Seconds. */
  expiresIn?: number;
}

export const partnerToken: Operation = {
  id: 'auth.token',
  method: 'POST',
  path: { partner: '/token' },
  auth: 'none',
  summary: "Exchange a Partner Hub user's email and password for a bearer token.",
  body: 'json',
  validate: (request) => {
    const issues: Issues = [];
    const body = request.body;
    if (!requireObjectBody(issues, body)) return issues;
    requireString(issues, body, 'username', '');
    requireString(issues, body, 'password', '');
    return issues;
  },
};

export const authOperations = [partnerToken] as const;
