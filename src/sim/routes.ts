/**
 * The routes of the simulated API: which method and path reach which SimModel call, and how the
 * query is read. The behaviour is in SimModel; what wraps every call is in api-route.ts.
 */
import { apiRoute, type RouteSpec, type SimContext } from './api-route.js';
import { API_PREFIX } from './endpoints.js';
import { boolParam, enumParam, intParam, pageIndexParam, stringParam } from './query.js';
import { Router } from './router.js';

const PRICING = ['STDQ', 'PLUS'] as const;
const JSON_BODY = { json: true };

export function simRouter(ctx: SimContext): Router {
  const router = new Router();
  const get = (path: string, run: Parameters<typeof apiRoute>[2], spec: RouteSpec = {}) => router.add('GET', `${API_PREFIX}${path}`, apiRoute(ctx, spec, run));
  const post = (path: string, run: Parameters<typeof apiRoute>[2], spec: RouteSpec = JSON_BODY) => router.add('POST', `${API_PREFIX}${path}`, apiRoute(ctx, spec, run));

  get('/service/config', (model, { url }) => model.serviceConfig(url.origin), { public: true });
  get('/client/config', (model) => model.clientConfig());
  post('/client/config', (model, { body }) => model.setClientConfig(body));

  get('/assets', (model, { query }) =>
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
  );
  get('/assignments', (model, { query }) =>
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
  );
  get('/users', (model, { query }) =>
    model.getUsers(
      {
        clientUserId: stringParam(query, 'clientUserId'),
        activeOnly: boolParam(query, 'activeOnly'),
        retiredOnly: boolParam(query, 'retiredOnly'),
        sinceVersionId: stringParam(query, 'sinceVersionId'),
      },
      pageIndexParam(query),
    ),
  );
  get('/status', (model, { query }) => model.status(query.get('eventId') ?? ''));

  post('/assets/associate', (model, { body }) => model.associate(body));
  post('/assets/disassociate', (model, { body }) => model.disassociate(body));
  post('/assets/revoke', (model, { body }) => model.revoke(body));
  post('/users/create', (model, { body }) => model.createUsers(body));
  post('/users/update', (model, { body }) => model.updateUsers(body));
  post('/users/retire', (model, { body }) => model.retireUsers(body));

  get('/subscriptions', (model, { query }) =>
    model.getSubscriptions(
      { adamId: intParam(query, 'adamId', 9813), parentAdamId: intParam(query, 'parentAdamId', 9813) },
      stringParam(query, 'cursor'),
    ),
  );
  get('/subscriptions/assignments', (model, { query }) => {
    const clientUserIds = query.getAll('clientUserId');
    return model.getSubscriptionAssignments(
      {
        adamId: intParam(query, 'adamId', 9813),
        parentAdamId: intParam(query, 'parentAdamId', 9813),
        ...(clientUserIds.length > 0 && { clientUserIds }),
      },
      stringParam(query, 'cursor'),
    );
  });
  post('/subscriptions/associate', (model, { body }) => model.associateSubscriptions(body));
  post('/subscriptions/disassociate', (model, { body }) => model.disassociateSubscriptions(body));
  post('/subscriptions/enable', (model) => model.setSubscriptionManagement(true), {});
  post('/subscriptions/disable', (model) => model.setSubscriptionManagement(false), {});
  return router;
}
