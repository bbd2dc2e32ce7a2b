/**
 * The msw request handlers of the simulated API: routing and query parsing only; the behaviour
 * is in SimModel. The last handler answers a known path with the wrong method (9726).
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { apiRoute, type SimContext } from './api-route.js';
import { KNOWN_PATHS } from './endpoints.js';
import { errorBody } from './errors.js';
import { boolParam, enumParam, intParam, pageIndexParam, stringParam } from './query.js';

const V2 = '*/mdm/v2';
const PRICING = ['STDQ', 'PLUS'] as const;

export function createSimHandlers(ctx: SimContext): HttpHandler[] {
  const { model } = ctx;
  const json = { json: true };
  return [
    http.get(`${V2}/service/config`, apiRoute(ctx, { public: true }, ({ url }) => model.serviceConfig(`${url.origin}/mdm/v2`))),
    http.get(`${V2}/client/config`, apiRoute(ctx, {}, () => model.clientConfig())),
    http.post(`${V2}/client/config`, apiRoute(ctx, json, ({ body }) => model.setClientConfig(body))),

    http.get(
      `${V2}/assets`,
      apiRoute(ctx, {}, ({ query }) =>
        model.getAssets(
          {
            adamId: stringParam(query, 'adamId'),
            pricingParam: enumParam(query, 'pricingParam', PRICING),
            productType: enumParam(query, 'productType', ['App', 'Book'] as const),
            revocable: boolParam(query, 'revocable'),
            deviceAssignable: boolParam(query, 'deviceAssignable'),
            unlimited: boolParam(query, 'unlimited'),
            minAssignedCount: intParam(query, 'minAssignedCount'),
            maxAssignedCount: intParam(query, 'maxAssignedCount'),
            minAvailableCount: intParam(query, 'minAvailableCount'),
            maxAvailableCount: intParam(query, 'maxAvailableCount'),
          },
          pageIndexParam(query),
        ),
      ),
    ),
    http.get(
      `${V2}/assignments`,
      apiRoute(ctx, {}, ({ query }) =>
        model.getAssignments(
          {
            adamId: stringParam(query, 'adamId'),
            clientUserId: stringParam(query, 'clientUserId'),
            serialNumber: stringParam(query, 'serialNumber'),
            pricingParam: enumParam(query, 'pricingParam', PRICING),
            // Retiring a user removes their assignments, so every listed assignment is active already.
            excludeInactiveUsers: boolParam(query, 'excludeInactiveUsers'),
            includeUserState: boolParam(query, 'includeUserState'),
            sinceVersionId: stringParam(query, 'sinceVersionId'),
          },
          pageIndexParam(query),
        ),
      ),
    ),
    http.get(
      `${V2}/users`,
      apiRoute(ctx, {}, ({ query }) =>
        model.getUsers(
          {
            clientUserId: stringParam(query, 'clientUserId'),
            activeOnly: boolParam(query, 'activeOnly'),
            retiredOnly: boolParam(query, 'retiredOnly'),
            sinceVersionId: stringParam(query, 'sinceVersionId'),
          },
          pageIndexParam(query),
        ),
      ),
    ),
    http.get(`${V2}/status`, apiRoute(ctx, {}, ({ query }) => model.status(query.get('eventId') ?? ''))),

    http.post(`${V2}/assets/associate`, apiRoute(ctx, json, ({ body }) => model.associate(body))),
    http.post(`${V2}/assets/disassociate`, apiRoute(ctx, json, ({ body }) => model.disassociate(body))),
    http.post(`${V2}/assets/revoke`, apiRoute(ctx, json, ({ body }) => model.revoke(body))),
    http.post(`${V2}/users/create`, apiRoute(ctx, json, ({ body }) => model.createUsers(body))),
    http.post(`${V2}/users/update`, apiRoute(ctx, json, ({ body }) => model.updateUsers(body))),
    http.post(`${V2}/users/retire`, apiRoute(ctx, json, ({ body }) => model.retireUsers(body))),

    http.get(
      `${V2}/subscriptions`,
      apiRoute(ctx, {}, ({ query }) =>
        model.getSubscriptions(
          { adamId: intParam(query, 'adamId', 9813), parentAdamId: intParam(query, 'parentAdamId', 9813) },
          stringParam(query, 'cursor'),
        ),
      ),
    ),
    http.get(
      `${V2}/subscriptions/assignments`,
      apiRoute(ctx, {}, ({ query }) => {
        const clientUserIds = query.getAll('clientUserId');
        return model.getSubscriptionAssignments(
          {
            adamId: intParam(query, 'adamId', 9813),
            parentAdamId: intParam(query, 'parentAdamId', 9813),
            ...(clientUserIds.length > 0 && { clientUserIds }),
          },
          stringParam(query, 'cursor'),
        );
      }),
    ),
    http.post(`${V2}/subscriptions/associate`, apiRoute(ctx, json, ({ body }) => model.associateSubscriptions(body))),
    http.post(`${V2}/subscriptions/disassociate`, apiRoute(ctx, json, ({ body }) => model.disassociateSubscriptions(body))),
    http.post(`${V2}/subscriptions/enable`, apiRoute(ctx, {}, () => model.setSubscriptionManagement(true))),
    http.post(`${V2}/subscriptions/disable`, apiRoute(ctx, {}, () => model.setSubscriptionManagement(false))),

    http.all(`${V2}/*`, ({ request }) => {
      model.settle();
      const path = new URL(request.url).pathname.replace(/^.*?\/mdm\/v2/, '');
      if (KNOWN_PATHS.has(path)) return HttpResponse.json(errorBody(9726), { status: 405 });
      return HttpResponse.json(errorBody(9602), { status: 404 });
    }),
  ];
}
