import type { AnyRule, Fact } from '@infralint/core';
import { serviceFact } from './backend-service-exists.js';
import { applicationFact, applicationSetFact } from './no-live-kong.js';
import { annotationsFact, ingressFact } from './utils/ingress.js';
import { kustomizationFact } from './utils/kustomize.js';
import backendServiceExists from './backend-service-exists.js';
import clusterIssuerExists from './cluster-issuer-exists.js';
import corednsDaemonset from './coredns-daemonset.js';
import customDomainIssuer from './custom-domain-issuer.js';
import devHostApiOnly from './dev-host-api-only.js';
import docsKongDrift from './docs-kong-drift.js';
import duplicateObject from './duplicate-object.js';
import fileError from './file-error.js';
import ingressClassTraefik from './ingress-class-traefik.js';
import middlewareRefExists from './middleware-ref-exists.js';
import nlbReservedIp from './nlb-reserved-ip.js';
import nlbTcpPassthrough from './nlb-tcp-passthrough.js';
import noLiveKong from './no-live-kong.js';
import parseError from './parse-error.js';
import teleportNodeport from './teleport-nodeport.js';
import tlsHostCoverage from './tls-host-coverage.js';
import traefikTimeouts from './traefik-timeouts.js';
import unusedDisableDirective from './unused-disable-directive.js';

/** Every built-in rule, keyed by id, alphabetical. */
export const rules: ReadonlyMap<string, AnyRule> = new Map<string, AnyRule>([
  ['backend-service-exists', backendServiceExists],
  ['cluster-issuer-exists', clusterIssuerExists],
  ['coredns-daemonset', corednsDaemonset],
  ['custom-domain-issuer', customDomainIssuer],
  ['dev-host-api-only', devHostApiOnly],
  ['docs-kong-drift', docsKongDrift],
  ['duplicate-object', duplicateObject],
  ['file-error', fileError],
  ['ingress-class-traefik', ingressClassTraefik],
  ['middleware-ref-exists', middlewareRefExists],
  ['nlb-reserved-ip', nlbReservedIp],
  ['nlb-tcp-passthrough', nlbTcpPassthrough],
  ['no-live-kong', noLiveKong],
  ['parse-error', parseError],
  ['teleport-nodeport', teleportNodeport],
  ['tls-host-coverage', tlsHostCoverage],
  ['traefik-timeouts', traefikTimeouts],
  ['unused-disable-directive', unusedDisableDirective],
]);

/**
 * The facts the built-in rules read (model/facts.ts in core), kept in the parse cache: their code
 * is part of infralint's build, which the cache key names.
 */
export const facts: readonly Fact<unknown>[] = [annotationsFact, ingressFact, serviceFact, kustomizationFact, applicationFact, applicationSetFact];
