/**
 * Activities of the video encoding pipeline. Simulated: a source URI containing "corrupt" yields
 * a chunk that cannot be encoded (non-retryable `CorruptChunk`).
 */
import { ApplicationFailure, Context } from '@temporalio/activity';

export interface EncodingRequest {
  videoId: string;
  sourceUri: string;
  profile: string;
  chunkSeconds: number;
}

export async function splitVideo(videoId: string, sourceUri: string, chunkSeconds: number): Promise<string[]> {
  const count = Math.max(1, Math.ceil(120 / chunkSeconds));
  return Array.from({ length: count }, (_, i) => `${videoId}-chunk-${i}${sourceUri.includes('corrupt') && i === 1 ? '-corrupt' : ''}`);
}

export async function encodeChunk(videoId: string, chunkId: string, profile: string): Promise<string> {
  for (let pass = 1; pass <= 2; pass++) {
    Context.current().heartbeat(pass);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  if (chunkId.endsWith('-corrupt')) throw ApplicationFailure.nonRetryable(`chunk ${chunkId} is unreadable`, 'CorruptChunk');
  return `s3://encoded/${videoId}/${profile}/${chunkId}.mp4`;
}

export async function mergeChunks(videoId: string, encodedUris: string[]): Promise<string> {
  return `s3://masters/${videoId}-${encodedUris.length}-parts.mp4`;
}

export async function publishVideo(videoId: string, masterUri: string): Promise<string> {
  void masterUri;
  return `https://cdn.example.com/watch/${videoId}`;
}

export async function deleteChunks(videoId: string, chunkIds: string[]): Promise<void> {
  void videoId;
  void chunkIds;
}
