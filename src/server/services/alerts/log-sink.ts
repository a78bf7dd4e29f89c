import type { Logger } from '../../logger.ts';
import type { AlertTransition, AlertTransitionSink } from './transition.ts';

/** Until notification channels exist, transitions are written to the server log (and kept as events). */
export function loggingSink(logger: Logger): AlertTransitionSink {
  return {
    deliver(transitions: readonly AlertTransition[]): Promise<void> {
      for (const t of transitions) logger.info('alert', { rule: t.ruleName, state: t.state, group: t.groupKey, summary: t.summary });
      return Promise.resolve();
    },
  };
}
