// A CSV file download streamed from an async generator of text chunks: each chunk is
// pulled only when the client reads, so a million-row export holds one batch in memory;
// a client that goes away stops the generator (and its database cursor).
export function csvDownload(chunks: AsyncGenerator<string, void, unknown>, fileName: string, label: string): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (e) {
        console.error(`[export] ${label} failed`, e);
        controller.error(e);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
