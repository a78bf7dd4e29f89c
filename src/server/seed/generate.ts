/**
 * The demo data as a stream of batches, with no I/O: hour by hour, every stream draws its lines
 * for that hour, scenario lines are merged in, and CTS traces are produced both as traces and as
 * JSON lines of the CTS/system-trace stream. Only the current hour and the open batches are held
 * in memory, whatever the total size.
 */
import type { CtsTrace } from '../../contract/index.ts';
import type { NewLogLine } from '../storage/ports.ts';
import { HourlyAllocator, floorHour, HOUR_MS, sortedTimes } from './allocation.ts';
import { createGenerator, type LineGenerator } from './content/index.ts';
import { hashSeed, Rng } from './prng.ts';
import { demoScenarios, scenarioLines, scenarioTraces, type DemoScenario } from './scenarios.ts';
import { createTraceGenerator } from './traces/generator.ts';
import { ResourcePool } from './traces/resources.ts';
import { CTS_GROUP, CTS_STREAM, GROUPS, LEVELS, STREAMS, streamTtl, type Level, type StreamSpec } from './topology.ts';

const DAY_MS = 86_400_000;
export const MIN_DAYS = 2;
export const MAX_DAYS = 365;
export const MIN_LINES = 5_000;
export const DEFAULT_BATCH = 5_000;

export interface PlanOptions {
  days: number;
  lines: number;
  seed: number;
  now: number;
  batchSize?: number;
}

export type DemoBatch =
  | { kind: 'lines'; group: string; stream: string; lines: NewLogLine[] }
  | { kind: 'traces'; traces: CtsTrace[] };

export interface StreamPlan {
  group: string;
  stream: string;
  from: number;
  lines: number;
}

export interface DemoPlan {
  options: Required<PlanOptions>;
  traces: number;
  streams: StreamPlan[];
  scenarios: DemoScenario[];
}

export function validatePlanOptions(o: PlanOptions): void {
  if (!Number.isInteger(o.days) || o.days < MIN_DAYS || o.days > MAX_DAYS) throw new RangeError(`days must be an integer from ${MIN_DAYS} to ${MAX_DAYS} (the scenarios happen yesterday), got ${o.days}`);
  if (!Number.isSafeInteger(o.lines) || o.lines < MIN_LINES) throw new RangeError(`lines must be an integer of at least ${MIN_LINES} (room for the scenarios and the CTS stream), got ${o.lines}`);
  if (!Number.isSafeInteger(o.seed)) throw new RangeError(`seed must be an integer, got ${o.seed}`);
  if (!Number.isSafeInteger(o.now) || o.now <= 0) throw new RangeError(`now must be epoch milliseconds, got ${o.now}`);
}

/** Traces are a tenth of all lines: each one is also a line of CTS/system-trace. */
export function traceCountFor(lines: number): number {
  return Math.round(lines / 10);
}

export function planDemoData(input: PlanOptions): DemoPlan {
  validatePlanOptions(input);
  const options = { batchSize: DEFAULT_BATCH, ...input };
  const traces = traceCountFor(options.lines);
  const planted = [...scenarioLines(options.now, options.seed).values()].reduce((sum, list) => sum + list.length, 0);
  const background = options.lines - traces - planted;
  // Cumulative rounding over the shares so the streams add up to exactly `background`.
  const totalShare = STREAMS.reduce((sum, s) => sum + s.share, 0);
  let cumulative = 0;
  let assigned = 0;
  const streams: StreamPlan[] = STREAMS.map((spec) => {
    cumulative += spec.share;
    const upTo = Math.round((background * cumulative) / totalShare);
    const lines = upTo - assigned;
    assigned = upTo;
    // A stream holds at most its retention's worth of data, as it would in LTS.
    const from = options.now - Math.min(options.days, streamTtl(spec)) * DAY_MS;
    return { group: spec.group, stream: spec.name, from, lines };
  });
  const ctsTtl = GROUPS.find((g) => g.name === CTS_GROUP)?.ttlInDays ?? options.days;
  streams.push({ group: CTS_GROUP, stream: CTS_STREAM, from: options.now - Math.min(options.days, ctsTtl) * DAY_MS, lines: traces });
  return { options, traces, streams, scenarios: demoScenarios(options.now) };
}

const TRACE_LEVEL: Record<CtsTrace['trace_rating'], Level> = { normal: 'INFO', warning: 'WARN', incident: 'ERROR' };

/** How a trace appears as a line of the CTS/system-trace stream. */
export function traceToLine(trace: CtsTrace): NewLogLine {
  return { time: trace.time, content: JSON.stringify(trace), labels: { appName: 'CTS', category: 'CTS', level: TRACE_LEVEL[trace.trace_rating] } };
}

interface StreamState {
  spec: StreamSpec;
  key: string;
  rng: Rng;
  generate: LineGenerator;
  allocator: HourlyAllocator;
  planted: NewLogLine[];
  plantedIndex: number;
  buffer: NewLogLine[];
}

/** Yields the demo data in batches; each stream's lines come in time order. */
export function* generateDemoData(plan: DemoPlan): Generator<DemoBatch> {
  const { now, seed, batchSize } = plan.options;
  const rhythmSeed = hashSeed(seed, 'rhythm');
  const planted = scenarioLines(now, seed);
  const states: StreamState[] = STREAMS.map((spec, i) => {
    const streamPlan = plan.streams[i] as StreamPlan;
    const key = `${spec.group}/${spec.name}`;
    const rng = new Rng(hashSeed(seed, `stream:${key}`));
    const lines = planted.get(key) ?? [];
    const outside = lines.find((line) => line.time < streamPlan.from || line.time >= now);
    if (outside) throw new Error(`scenario line at ${new Date(outside.time).toISOString()} falls outside ${key}'s window`);
    return {
      spec, key, rng, generate: createGenerator(spec.kind, rng, streamPlan.from),
      allocator: new HourlyAllocator(streamPlan.lines, streamPlan.from, now, spec.rhythm, rhythmSeed, i),
      planted: lines, plantedIndex: 0, buffer: [],
    };
  });

  const ctsPlan = plan.streams[plan.streams.length - 1] as StreamPlan;
  const resources = new ResourcePool(hashSeed(seed, 'resources'));
  const plantedTraces = scenarioTraces(now, seed, resources);
  let plantedTraceIndex = 0;
  const traceRng = new Rng(hashSeed(seed, 'traces'));
  const traceGen = createTraceGenerator(traceRng, resources);
  const background = plan.traces - plantedTraces.length;
  const humanCount = Math.round(background * 0.65);
  const humans = new HourlyAllocator(humanCount, ctsPlan.from, now, 'business', rhythmSeed, 101);
  const systems = new HourlyAllocator(background - humanCount, ctsPlan.from, now, 'steady', rhythmSeed, 102);
  let traceBuffer: CtsTrace[] = [];
  let ctsLines: NewLogLine[] = [];

  const globalFrom = Math.min(...plan.streams.map((s) => s.from));
  for (let hour = floorHour(globalFrom); hour < now; hour += HOUR_MS) {
    for (const state of states) {
      const slot = state.allocator.next(hour);
      if (!slot) continue;
      const levels = state.spec.levels;
      for (const time of sortedTimes(state.rng, slot.start, slot.end, slot.count)) {
        // Checked inline first: a generator call per line would dominate the cost.
        if (state.plantedIndex < state.planted.length && (state.planted[state.plantedIndex] as NewLogLine).time <= time) {
          yield* drainPlanted(state, time, batchSize);
        }
        state.buffer.push(state.generate(time, state.rng.weighted(LEVELS, levels)));
        if (state.buffer.length >= batchSize) yield flushLines(state);
      }
      yield* drainPlanted(state, slot.end, batchSize);
    }

    // Traces of this hour: human and system ones interleaved by time, scenario traces merged in.
    const hourTraces: CtsTrace[] = [];
    const humanSlot = humans.next(hour);
    const systemSlot = systems.next(hour);
    if (humanSlot) for (const t of sortedTimes(traceRng, humanSlot.start, humanSlot.end, humanSlot.count)) hourTraces.push(traceGen.human(t));
    if (systemSlot) for (const t of sortedTimes(traceRng, systemSlot.start, systemSlot.end, systemSlot.count)) hourTraces.push(traceGen.system(t));
    while (plantedTraceIndex < plantedTraces.length && (plantedTraces[plantedTraceIndex] as CtsTrace).time < hour + HOUR_MS) {
      hourTraces.push(plantedTraces[plantedTraceIndex++] as CtsTrace);
    }
    hourTraces.sort((a, b) => a.time - b.time);
    for (const trace of hourTraces) {
      traceBuffer.push(trace);
      ctsLines.push(traceToLine(trace));
      if (traceBuffer.length >= batchSize) {
        yield { kind: 'traces', traces: traceBuffer };
        traceBuffer = [];
      }
      if (ctsLines.length >= batchSize) {
        yield { kind: 'lines', group: CTS_GROUP, stream: CTS_STREAM, lines: ctsLines };
        ctsLines = [];
      }
    }
  }

  for (const state of states) if (state.buffer.length > 0) yield flushLines(state);
  if (traceBuffer.length > 0) yield { kind: 'traces', traces: traceBuffer };
  if (ctsLines.length > 0) yield { kind: 'lines', group: CTS_GROUP, stream: CTS_STREAM, lines: ctsLines };
}

/** Emits scenario lines due before `time` into the stream's buffer. */
function* drainPlanted(state: StreamState, time: number, batchSize: number): Generator<DemoBatch> {
  while (state.plantedIndex < state.planted.length && (state.planted[state.plantedIndex] as NewLogLine).time <= time) {
    state.buffer.push(state.planted[state.plantedIndex++] as NewLogLine);
    if (state.buffer.length >= batchSize) yield flushLines(state);
  }
}

function flushLines(state: StreamState): DemoBatch {
  const batch: DemoBatch = { kind: 'lines', group: state.spec.group, stream: state.spec.name, lines: state.buffer };
  state.buffer = [];
  return batch;
}
