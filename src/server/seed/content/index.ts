/** Maps each stream's content kind to its generator. */
import type { Rng } from '../prng.ts';
import type { ContentKind } from '../topology.ts';
import { createAuthGenerator } from './auth.ts';
import type { LineGenerator } from './hosts.ts';
import { createJavaAppGenerator } from './java-app.ts';
import { createIngressGenerator, createKubeSystemGenerator, createShopGenerator } from './kubernetes.ts';
import { createCfwGenerator, createVpcFlowGenerator, createWafGenerator } from './network.ts';
import { createNginxAccessGenerator, createNginxErrorGenerator } from './nginx.ts';
import { createSyslogGenerator } from './syslog.ts';

export type { LineGenerator } from './hosts.ts';

/** A fresh generator for a stream; `from` is the start of the stream's time window. */
export function createGenerator(kind: ContentKind, rng: Rng, from: number): LineGenerator {
  switch (kind) {
    case 'syslog':
      return createSyslogGenerator(rng, from);
    case 'auth':
      return createAuthGenerator(rng);
    case 'nginx-access':
      return createNginxAccessGenerator(rng);
    case 'nginx-error':
      return createNginxErrorGenerator(rng);
    case 'java-app':
      return createJavaAppGenerator(rng);
    case 'k8s-shop':
      return createShopGenerator(rng);
    case 'k8s-ingress':
      return createIngressGenerator(rng);
    case 'k8s-system':
      return createKubeSystemGenerator(rng);
    case 'vpc-flow':
      return createVpcFlowGenerator(rng);
    case 'cfw-attack':
      return createCfwGenerator(rng);
    case 'waf-attack':
      return createWafGenerator(rng);
  }
}
