// Types of security-headers.mjs.
export declare const SECURITY_HEADERS: { key: string; value: string }[];
