/**
 * `metricMeter` of `@temporalio/workflow` (Temporal's names, signatures and checks): counters,
 * histograms, gauges and up-down counters created in workflow code. Each value is handed to the
 * host (the engine delivers it to its subscribers as a `metric` event, with the run it comes from)
 * — except while a run is replayed, as on Temporal, so each value is reported once per execution
 * of the code. Every metric carries the tag `workflowType`, then the meter's and the metric's own
 * (`withTags`), then a call's extra tags.
 */
import { getActivator, maybeActivator } from './internals.js';

export type MetricTags = Record<string, string | number | boolean>;
export type NumericMetricValueType = 'int' | 'float';
export type MetricKind = 'counter' | 'histogram' | 'gauge' | 'up-down-counter';

/** What the host receives for one value. */
export interface MetricValue {
  readonly kind: MetricKind;
  readonly name: string;
  readonly unit?: string;
  readonly description?: string;
  readonly valueType: NumericMetricValueType;
  readonly value: number;
  readonly tags: MetricTags;
}

interface Metric {
  readonly name: string;
  readonly unit?: string;
  readonly description?: string;
  readonly kind: MetricKind;
  readonly valueType: NumericMetricValueType;
}
export interface MetricCounter extends Metric { add(value: number, extraTags?: MetricTags): void; withTags(tags: MetricTags): MetricCounter }
export interface MetricHistogram extends Metric { record(value: number, extraTags?: MetricTags): void; withTags(tags: MetricTags): MetricHistogram }
export interface MetricGauge extends Metric { set(value: number, extraTags?: MetricTags): void; withTags(tags: MetricTags): MetricGauge }
export interface MetricUpDownCounter extends Metric { add(value: number, extraTags?: MetricTags): void; withTags(tags: MetricTags): MetricUpDownCounter }

export interface MetricMeter {
  createCounter(name: string, unit?: string, description?: string): MetricCounter;
  createHistogram(name: string, valueType?: NumericMetricValueType, unit?: string, description?: string): MetricHistogram;
  createGauge(name: string, valueType?: NumericMetricValueType, unit?: string, description?: string): MetricGauge;
  createUpDownCounter(name: string, unit?: string, description?: string): MetricUpDownCounter;
  withTags(tags: MetricTags): MetricMeter;
}

type Sink = (m: MetricValue, run: { workflowId: string; runId: string; workflowType: string }) => void;

function emit(m: Metric, value: number, tags: MetricTags, extra: MetricTags | undefined): void {
  const a = getActivator();
  if (a.replaying) return;
  const sink = (globalThis as { __wfv_host?: { metric?: Sink } }).__wfv_host?.metric;
  sink?.({ kind: m.kind, name: m.name, unit: m.unit, description: m.description, valueType: m.valueType, value, tags: { workflowType: a.info.workflowType, ...tags, ...extra } },
    { workflowId: a.info.workflowId, runId: a.info.runId, workflowType: a.info.workflowType });
}

function nonNegative(kind: string, value: number): void {
  if (!(value >= 0)) throw new Error(`${kind} value must be non-negative (got ${value})`);
}

class Instrument implements Metric {
  constructor(readonly kind: MetricKind, readonly name: string, readonly valueType: NumericMetricValueType, readonly unit: string | undefined, readonly description: string | undefined, protected readonly tags: MetricTags) {}
  protected tagged(tags: MetricTags): this {
    return new (this.constructor as new (...a: unknown[]) => this)(this.kind, this.name, this.valueType, this.unit, this.description, { ...this.tags, ...tags });
  }
}

class Counter extends Instrument implements MetricCounter {
  declare readonly kind: 'counter';
  add(value: number, extraTags?: MetricTags): void { nonNegative('MetricCounter', value); emit(this, value, this.tags, extraTags); }
  withTags(tags: MetricTags): MetricCounter { return this.tagged(tags); }
}
class Histogram extends Instrument implements MetricHistogram {
  record(value: number, extraTags?: MetricTags): void { nonNegative('MetricHistogram', value); emit(this, value, this.tags, extraTags); }
  withTags(tags: MetricTags): MetricHistogram { return this.tagged(tags); }
}
class Gauge extends Instrument implements MetricGauge {
  set(value: number, extraTags?: MetricTags): void { nonNegative('MetricGauge', value); emit(this, value, this.tags, extraTags); }
  withTags(tags: MetricTags): MetricGauge { return this.tagged(tags); }
}
class UpDownCounter extends Instrument implements MetricUpDownCounter {
  add(value: number, extraTags?: MetricTags): void { emit(this, value, this.tags, extraTags); }
  withTags(tags: MetricTags): MetricUpDownCounter { return this.tagged(tags); }
}

class Meter implements MetricMeter {
  constructor(private readonly tags: MetricTags) {}
  private check(): void {
    if (maybeActivator() === undefined) throw new Error("Workflow's `metricMeter` can only be used while in Workflow Context");
  }
  createCounter(name: string, unit?: string, description?: string): MetricCounter {
    this.check();
    return new Counter('counter', name, 'int', unit, description, this.tags);
  }
  createHistogram(name: string, valueType: NumericMetricValueType = 'int', unit?: string, description?: string): MetricHistogram {
    this.check();
    return new Histogram('histogram', name, valueType, unit, description, this.tags);
  }
  createGauge(name: string, valueType: NumericMetricValueType = 'int', unit?: string, description?: string): MetricGauge {
    this.check();
    return new Gauge('gauge', name, valueType, unit, description, this.tags);
  }
  createUpDownCounter(name: string, unit?: string, description?: string): MetricUpDownCounter {
    this.check();
    return new UpDownCounter('up-down-counter', name, 'int', unit, description, this.tags);
  }
  withTags(tags: MetricTags): MetricMeter {
    return new Meter({ ...this.tags, ...tags });
  }
}

/** The workflow's metric meter. */
export const metricMeter: MetricMeter = new Meter({});
