/** Reading query parameters strictly: a malformed value is a 9602 (or the endpoint's own number). */
import { SimError } from './errors.js';

export function stringParam(q: URLSearchParams, name: string): string | undefined {
  return q.get(name) ?? undefined;
}

export function boolParam(q: URLSearchParams, name: string): boolean | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new SimError(9602);
}

export function intParam(q: URLSearchParams, name: string, errorNumber = 9602): number | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  if (!/^-?\d+$/.test(v)) throw new SimError(errorNumber);
  return Number(v);
}

export function pageIndexParam(q: URLSearchParams): number {
  return intParam(q, 'pageIndex', 9650) ?? 0;
}

export function enumParam<T extends string>(q: URLSearchParams, name: string, allowed: readonly T[]): T | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw new SimError(9602);
  return v as T;
}
