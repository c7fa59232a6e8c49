import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { RoleId } from '../domain/roles';
import type { User } from '../domain/users';
import type { Actor } from '../engine/actor';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route: anyone, any signed-in user, or the named roles. */
export type Access = 'public' | 'user' | readonly RoleId[];

export interface RouteContext<B, Q> {
  req: Request;
  res: Response;
  params: Record<string, string>;
  body: B;
  query: Q;
  /** Present on every route except public ones. */
  user: User;
  actor: Actor;
}

export interface RouteResult {
  status?: number;
  body?: unknown;
  /** Sent as is (e.g. XML, a stored file); `body` is ignored. `attachment` names a download. */
  raw?: { contentType: string; text: string | Buffer; attachment?: string };
}

/**
 * One HTTP route, described once: the same object registers the express handler and writes
 * its entry in the OpenAPI document, so the two cannot drift apart.
 */
export interface Route<B = unknown, Q = unknown> {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: z.ZodType<B>;
  /** Largest JSON body in bytes (default 5 MB); larger requests get 413. */
  bodyLimit?: number;
  query?: z.ZodType<Q>;
  responses?: Record<number, string>;
  handler(ctx: RouteContext<B, Q>): Promise<RouteResult>;
}

export function route<B = undefined, Q = undefined>(r: Route<B, Q>): Route<B, Q> {
  return r;
}
