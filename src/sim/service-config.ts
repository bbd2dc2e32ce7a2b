/**
 * GET /service/config: the limits in force (plus Apple's fixed mdmInfo and notification
 * lengths), the error catalogue, and the endpoint URLs, pointing at this simulator.
 */
import type { Limits, ServiceConfigResponse } from '../api/types.js';
import { API_PREFIX } from './endpoints.js';
import { catalogForServiceConfig } from './errors.js';
import { CLIENT_CONFIG_LIMITS } from './validation.js';

export function serviceConfig(origin: string, limits: Limits): ServiceConfigResponse {
  const url = (path: string) => `${origin}${API_PREFIX}${path}`;
  return {
    errorCodes: catalogForServiceConfig(),
    limits: { ...limits, ...CLIENT_CONFIG_LIMITS },
    notificationTypes: ['ASSET_COUNT', 'ASSET_MANAGEMENT', 'USER_MANAGEMENT', 'USER_ASSOCIATED', 'SUBSCRIPTION_MANAGEMENT', 'SUBSCRIPTION_COUNT', 'UNLIMITED_ASSET'],
    urls: {
      invitationEmail: 'https://buy.itunes.apple.com/WebObjects/MZFinance.woa/wa/associateVPPUserWithITSAccount?inviteCode=%25inviteCode%25&mt=8',
      contentMetadataLookup: 'https://uclient-api.itunes.apple.com/WebObjects/MZStorePlatform.woa/wa/lookup',
      clientConfig: url('/client/config'),
      getAssets: url('/assets'),
      getAssignments: url('/assignments'),
      associateAssets: url('/assets/associate'),
      disassociateAssets: url('/assets/disassociate'),
      revokeAssets: url('/assets/revoke'),
      eventStatus: url('/status'),
      getUsers: url('/users'),
      createUsers: url('/users/create'),
      updateUsers: url('/users/update'),
      retireUsers: url('/users/retire'),
      getSubscriptions: url('/subscriptions'),
      getSubscriptionAssignments: url('/subscriptions/assignments'),
      associateSubscriptions: url('/subscriptions/associate'),
      disassociateSubscriptions: url('/subscriptions/disassociate'),
    },
  };
}
