// The IdP URLs of one application, all built from the tenant's public base URL.

export type IdpUrls = { entityId: string; ssoUrl: string; sloUrl: string; metadataUrl: string; certificateUrl: string };

export function idpUrls(publicBaseUrl: string, appKey: string): IdpUrls {
  const root = `${publicBaseUrl}/saml2/idp/${encodeURIComponent(appKey)}`;
  return {
    entityId: `${root}/metadata`,
    ssoUrl: `${root}/sso`,
    sloUrl: `${root}/slo`,
    metadataUrl: `${root}/metadata`,
    certificateUrl: `${root}/certificate`,
  };
}
