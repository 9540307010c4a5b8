// Types of fast-routes.mjs.
import type { IncomingMessage, ServerResponse } from "node:http";

export type FastRequest = { method: string | undefined; url: string; header: (name: string) => string | null };
export type FastAnswer = { status: number; headers: [string, string][]; body: string | null };

export declare function provideFastRoutes(answer: (req: FastRequest) => Promise<FastAnswer> | null): void;
export declare function answerFast(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
