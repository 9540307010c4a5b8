// Types of http-policy.mjs.
export type HttpPolicy = {
  /** The public base URL is https: send Strict-Transport-Security. */
  https: boolean;
  /** Origins besides 'self' that forms on the hosted pages may be sent to (e.g. the device check). */
  formActionOrigins: string[];
  /** Origins besides 'self' that the IdP-initiated logout pages may frame (the SPs' Single Logout URLs). */
  logoutFrameOrigins?: string[];
};
export declare function provideHttpPolicy(provider: () => Promise<HttpPolicy>): void;
export declare function currentHttpPolicy(): Promise<HttpPolicy | null>;
