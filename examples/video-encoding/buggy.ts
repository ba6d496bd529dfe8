/**
 * Buggy twin of `videoEncoding` (workflow.ts). "One bad chunk should not throw away hours of
 * encoding": the fan-out uses `Promise.allSettled` and merges whatever was encoded, so a video
 * with missing chunks is published and the failed encoding never reaches the cleanup.
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

export async function videoEncodingBuggy(req: EncodingRequest): Promise<string> {
  const chunkIds = await splitVideo(req.videoId, req.sourceUri, req.chunkSeconds);
  try {
    // BUG: allSettled never fails, and the rejected chunks are silently dropped.
    const results = await Promise.allSettled(chunkIds.map((chunkId) => encodeChunk(req.videoId, chunkId, req.profile)));
    const encoded = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const masterUri = await mergeChunks(req.videoId, encoded);
    return await publishVideo(req.videoId, masterUri);
  } catch (err) {
    await deleteChunks(req.videoId, chunkIds);
    throw ApplicationFailure.nonRetryable(`encoding of ${req.videoId} failed: ${(err as Error).message}`, 'EncodingFailed');
  }
}
