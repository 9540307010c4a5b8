// The SAML protocol library: plain data in, plain data out. Routes decode HTTP into an
// InboundMessage, call these functions, and render the OutboundMessage they get back.
export {
  AUTHN_CONTEXT,
  BINDING,
  NAMEID_FORMAT,
  NAMEID_FORMATS,
  NS,
  SIGNATURE_ALGORITHMS,
  STATUS,
  type Binding,
  type SamlStatus,
  type SignatureAlgorithm,
} from "./constants";
export { SAML_PUBLIC_MESSAGE, SamlError, isSamlError, type SamlErrorReason, type SamlErrorReply } from "./errors";
export { LIMITS, type InboundMessage, type OutboundMessage, type PostMessage, type RedirectMessage } from "./binding";
export { DEFAULT_SKEW, type MessageHeader, type Skew, type TimeOptions } from "./inbound";
export type { IdpSigner } from "./signature";
export {
  parseAuthnRequest,
  type AcsEndpoint,
  type AuthnRequest,
  type AuthnRequestContext,
  type ServiceProvider,
} from "./authn-request";
export { MemoryReplayStore, claimMessageId, type ReplayStore } from "./replay";
export {
  buildErrorResponse,
  buildResponse,
  type Attribute,
  type ErrorResponseInput,
  type NameId,
  type ResponseInput,
  type SsoSessionInfo,
} from "./response";
export {
  buildLogoutRequest,
  buildLogoutResponse,
  parseLogoutRequest,
  parseLogoutResponse,
  type LogoutRequest,
  type LogoutRequestInput,
  type LogoutResponse,
  type LogoutResponseInput,
  type SloContext,
} from "./logout";
export { AUTO_SUBMIT_SCRIPT, renderPostForm } from "./post-form";
export { buildIdpMetadata, type IdpMetadataInput } from "./metadata";
export {
  NAMEID_FORMAT_LABEL,
  acceptedNameIdFormats,
  describeNameIdRefusal,
  nameIdFormatLabel,
  negotiateNameIdFormat,
  newPersistentNameId,
  newTransientNameId,
  type NameIdNegotiation,
} from "./nameid";
export { SP_METADATA_MAX_BYTES, parseSpMetadata, type SpMetadata } from "./sp-metadata";
export {
  STATUS_MESSAGE_MAX,
  UpstreamDeniedError,
  buildUpstreamAuthnRequest,
  verifyUpstreamResponse,
  type UpstreamAssertion,
  type UpstreamIdp,
  type UpstreamResponseContext,
  type UpstreamSp,
} from "./upstream";
export {
  IDP_METADATA_MAX_BYTES,
  buildSourceSpMetadata,
  parseIdpMetadata,
  readPemCertificates,
  type IdpMetadata,
} from "./upstream-metadata";
