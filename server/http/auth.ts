// Bearer tokens: who is calling, and whether their role may use a route.
import type { MiddlewareHandler } from 'hono';
import { DomainError, notFound } from '../domain/errors.ts';
import type { Role } from '../store/access-repo.ts';
import type { Access, Principal } from '../services/access.ts';
import type { AppEnv } from './env.ts';

/** Resolves the caller from `Authorization: Bearer …`; a bad token is a 401 even on open routes. */
export function authenticate(access: Access): MiddlewareHandler<AppEnv> {
  return async function authenticateRequest(c, next) {
    const header = c.req.header('authorization');
    let principal: Principal | null = null;
    if (header) {
      const match = /^Bearer\s+(\S{1,500})$/i.exec(header);
      principal = match?.[1] ? await access.authenticate(match[1]) : null;
      if (!principal) throw new DomainError('unauthorized', 'the bearer token is not valid');
    }
    c.set('principal', principal);
    await next();
  };
}

/** Lets only these roles through: 401 without a token, 403 with the wrong one. */
export function allow(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async function allowRoles(c, next) {
    const principal = c.get('principal');
    if (!principal) throw new DomainError('unauthorized', 'send a bearer token in the Authorization header');
    if (!roles.includes(principal.role)) throw new DomainError('forbidden', `this needs the ${roles.join(' or ')} role`);
    await next();
  };
}

/** The caller; only valid after `allow`. */
export function principalOf(c: { get(key: 'principal'): Principal | null }): Principal {
  const p = c.get('principal');
  if (!p) throw new DomainError('unauthorized', 'send a bearer token in the Authorization header');
  return p;
}

/** A channel sees only its own orders and returns; to it, another channel's do not exist (404). */
export const ownChannelOnly = (p: Principal, what: string, id: string) => (x: { channelId: string }) => {
  if (p.role === 'channel' && x.channelId !== p.channelId) throw notFound(what, id);
};
