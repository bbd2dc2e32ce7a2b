/**
 * The simulator's router: a request's method and exact path pick one handler. A path the table
 * knows asked with another method is answered 405 / 9726, any other path 404 / 9602, as Apple
 * answers them. Query strings are the handlers' business (query.ts reads them strictly).
 */
import { errorBody } from './errors.js';

export type Handler = (request: Request) => Response | Promise<Response>;

export class Router {
  private readonly byPath = new Map<string, Map<string, Handler>>();

  add(method: string, path: string, handler: Handler): this {
    const methods = this.byPath.get(path) ?? new Map<string, Handler>();
    if (methods.has(method)) throw new Error(`the simulator routes ${method} ${path} twice`);
    this.byPath.set(path, methods.set(method, handler));
    return this;
  }

  handle(request: Request): Response | Promise<Response> {
    const methods = this.byPath.get(new URL(request.url).pathname);
    const handler = methods?.get(request.method);
    if (handler) return handler(request);
    return methods ? Response.json(errorBody(9726), { status: 405 }) : Response.json(errorBody(9602), { status: 404 });
  }
}
