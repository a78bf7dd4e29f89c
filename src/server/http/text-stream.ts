/**
 * A streaming response body from an async generator of text: each chunk is written when the
 * client reads (backpressure), and a client that goes away cancels the generator, whose `finally`
 * blocks then release what it holds.
 */
export function textStream(chunks: AsyncGenerator<string, unknown>, onCancel: () => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else if (next.value !== '') controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      onCancel();
      await chunks.return(undefined);
    },
  });
}
