/**
 * Activities of the spatial proteomics pipeline. Simulated: the organism "flaky" makes the first
 * marker-database request fail; a raw data URI containing "lowquality" fails QC.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';

export interface Experiment {
  experimentId: string;
  rawDataUri: string;
  organism: string;
  outputPrefix: string;
  conditions: string[];
}

export interface QcReport {
  passed: boolean;
  reportUri: string;
}

export async function preprocessData(rawDataUri: string, outputPrefix: string): Promise<string> {
  return `${outputPrefix}/preprocessed.parquet?from=${encodeURIComponent(rawDataUri)}`;
}

export async function qualityControl(datasetUri: string): Promise<QcReport> {
  return { passed: !datasetUri.includes('lowquality'), reportUri: `${datasetUri}.qc.html` };
}

let markerRequests = 0;

export async function fetchMarkerReference(organism: string): Promise<string> {
  if (organism === 'flaky' && markerRequests++ === 0) throw new Error('marker database unavailable (503)');
  if (organism === 'unknown') throw ApplicationFailure.nonRetryable(`no marker set for ${organism}`, 'UnknownOrganism');
  return `markers://organelles/${organism}/v2024`;
}

export async function overlayOrganelleMarkers(datasetUri: string, markersUri: string, outputUri: string): Promise<string> {
  void datasetUri;
  void markersUri;
  return outputUri;
}

/** Long-running (hours on real data): heartbeats after every epoch. */
export async function trainSvmModel(datasetUri: string, overlayUri: string): Promise<string> {
  const start = (Context.current().info.heartbeatDetails as number | undefined) ?? 0;
  for (let epoch = start; epoch < 5; epoch++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    Context.current().heartbeat(epoch + 1);
  }
  void overlayUri;
  return `${datasetUri}.svm-model`;
}

export async function visualizeAndCompare(modelUri: string, conditions: string[]): Promise<string> {
  return `${modelUri}.report-${conditions.join('-vs-')}.html`;
}
