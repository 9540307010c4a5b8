// Types of sqlite-file.mjs.
export declare const CHECKPOINTER_ENV: "PORTCULLIS_WAL_CHECKPOINTER";
export declare const FALLBACK_AUTOCHECKPOINT_PAGES: number;
export declare function walAutocheckpointPages(env?: Record<string, string | undefined>): number | null;
export declare function sqlitePathOf(url: string): string;
