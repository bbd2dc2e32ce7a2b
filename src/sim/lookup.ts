/**
 * Apple's content metadata lookup (the store's MZStorePlatform lookup that GET /service/config
 * names as urls.contentMetadataLookup), served on the simulator's own origin:
 * `GET /WebObjects/MZStorePlatform.woa/wa/lookup?version=2&id=ID1,ID2&p=mdm-lockup&caller=MDM&platform=…&cc=…&l=en`
 * with the sToken as the cookie `itvt`, as Zentral sends it. Without a cookie that names a token
 * the simulator would accept (well-formed, unexpired, not revoked, and with several locations the
 * one made for a location) the answer is 401, and the token picks the location whose assets are
 * named. The answer is `{"results": {"<adamId>": {id, name, kind, artistName}}, "version": 2}`;
 * unknown ids are simply absent. The other query parameters are accepted and not checked.
 */
import { SimError } from './errors.js';
import type { SimLocations } from './locations.js';
import type { Handler } from './router.js';
import { authorize } from './token.js';

/** Where the lookup lives on an origin (Apple's: https://uclient-api.itunes.apple.com). */
export const LOOKUP_PATH = '/WebObjects/MZStorePlatform.woa/wa/lookup';

/** The value of the cookie `itvt`, if the Cookie header has one. */
export function storeTokenCookie(header: string | null): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === 'itvt') return part.slice(at + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}

export function lookupRoute(locations: SimLocations): Handler {
  return (request) => {
    const sToken = storeTokenCookie(request.headers.get('cookie'));
    const location = locations.reach(sToken);
    // Apple's store documents no error body here; the status is what a client can rely on.
    const refused = () => Response.json({ errorMessage: 'Authentication required: send the sToken as the cookie itvt' }, { status: 401 });
    if (sToken === undefined) return refused();
    try {
      authorize(`Bearer ${sToken}`, locations.now(), location?.model);
    } catch (err) {
      if (err instanceof SimError) return refused();
      throw err;
    }
    const ids = (new URL(request.url).searchParams.get('id') ?? '').split(',').map((id) => id.trim()).filter(Boolean);
    return Response.json({ results: location!.model.storeItems(ids), version: 2 });
  };
}
