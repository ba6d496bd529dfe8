/**
 * Video encoding: split the source into chunks, encode all chunks in parallel (dynamic fan-out),
 * merge them (fan-in) and publish the result. All or nothing: if any step fails, the chunks are
 * deleted, nothing is published and the workflow fails.
 */
import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type * as activities from './activities.js';
import type { EncodingRequest } from './activities.js';

const { splitVideo, mergeChunks, publishVideo, deleteChunks } = proxyActivities<typeof activities>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: ['UnsupportedCodec'] },
});
const { encodeChunk } = proxyActivities<typeof activities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '1 minute',
  retry: { maximumAttempts: 4, nonRetryableErrorTypes: ['CorruptChunk'] },
});

export async function videoEncoding(req: EncodingRequest): Promise<string> {
  const chunkIds = await splitVideo(req.videoId, req.sourceUri, req.chunkSeconds);
  try {
    const encoded = await Promise.all(chunkIds.map((chunkId) => encodeChunk(req.videoId, chunkId, req.profile)));
    const masterUri = await mergeChunks(req.videoId, encoded);
    return await publishVideo(req.videoId, masterUri);
  } catch (err) {
    await deleteChunks(req.videoId, chunkIds);
    throw ApplicationFailure.nonRetryable(`encoding of ${req.videoId} failed: ${(err as Error).message}`, 'EncodingFailed');
  }
}
