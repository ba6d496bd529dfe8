/**
 * Spatial proteomics pipeline: preprocess the raw data, then run quality control and the organelle
 * marker overlay in parallel; only when both are done (and QC passed) train the SVM model (hours,
 * with heartbeats), then visualize and compare the conditions. Runs on the bundled engine.
 */
import { ApplicationFailure, proxyActivities, sleep } from 'wfverify/workflow';
import type * as activities from './activities.js';
import type { Experiment } from './activities.js';

const { preprocessData, qualityControl, overlayOrganelleMarkers, visualizeAndCompare } = proxyActivities<typeof activities>({
  startToCloseTimeout: '2 hours',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: ['MalformedInput'] },
});
const { fetchMarkerReference } = proxyActivities<typeof activities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 2, nonRetryableErrorTypes: ['UnknownOrganism'] },
});
const { trainSvmModel } = proxyActivities<typeof activities>({
  startToCloseTimeout: '24 hours',
  heartbeatTimeout: '5 minutes',
  retry: { maximumAttempts: 2, nonRetryableErrorTypes: ['TrainingDiverged'] },
});

/** The public marker database is often down for a while: three tries, 30 minutes apart. */
async function fetchMarkersPatiently(organism: string): Promise<string> {
  for (let attempt = 1; attempt < 3; attempt++) {
    try {
      return await fetchMarkerReference(organism);
    } catch {
      await sleep('30 minutes');
    }
  }
  return await fetchMarkerReference(organism);
}

async function markerOverlay(datasetUri: string, organism: string, overlayUri: string): Promise<string> {
  const markersUri = await fetchMarkersPatiently(organism);
  return await overlayOrganelleMarkers(datasetUri, markersUri, overlayUri);
}

export async function proteomicsPipeline(exp: Experiment): Promise<string> {
  const datasetUri = await preprocessData(exp.rawDataUri, exp.outputPrefix);
  const overlayUri = `${exp.outputPrefix}/organelle-overlay.parquet`;

  const [qc] = await Promise.all([qualityControl(datasetUri), markerOverlay(datasetUri, exp.organism, overlayUri)]);
  if (!qc.passed) {
    throw ApplicationFailure.nonRetryable(`QC failed for ${exp.experimentId}, see ${qc.reportUri}`, 'QualityControlFailed');
  }

  const modelUri = await trainSvmModel(datasetUri, overlayUri);
  return await visualizeAndCompare(modelUri, exp.conditions);
}
