// Uploading an NDJSON history as a new stored history, chunk by chunk; a refused line is named
// by its line in the whole file.
import { ApiError, appendHistoryOrders, createHistory } from '../../api/client.ts';
import { chunkNdjson, inFileLines } from './ndjson-chunks.ts';

export interface UploadProgress {
  sent: number;
  total: number;
}

/**
 * Stores the text as a new history, chunk by chunk; returns its id. A refused chunk stops the
 * upload (earlier chunks stay in that history) with the file's line numbers in the error.
 */
export async function uploadHistory(name: string, text: string, onProgress: (p: UploadProgress) => void): Promise<string> {
  const chunks = chunkNdjson(text);
  const total = chunks.reduce((n, c) => n + c.orders, 0);
  if (total === 0) throw new ApiError(0, 'validation_failed', 'the history is empty: paste or choose an NDJSON file, one order a line');
  const history = await createHistory(name);
  let sent = 0;
  onProgress({ sent, total });
  for (const chunk of chunks) {
    try {
      sent = (await appendHistoryOrders(history.id, chunk.text)).orders;
    } catch (err) {
      throw err instanceof ApiError ? new ApiError(err.status, err.code, err.message, inFileLines(err.details, chunk)) : err;
    }
    onProgress({ sent, total });
  }
  return history.id;
}
