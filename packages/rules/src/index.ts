import type { AnyRule } from '@infralint/core';
import customDomainIssuer from './custom-domain-issuer.js';
import devHostApiOnly from './dev-host-api-only.js';
import ingressClassTraefik from './ingress-class-traefik.js';
import noLiveKong from './no-live-kong.js';
import parseError from './parse-error.js';
import teleportNodeport from './teleport-nodeport.js';
import unusedDisableDirective from './unused-disable-directive.js';

/** Every built-in rule, keyed by id, alphabetical. */
export const rules: ReadonlyMap<string, AnyRule> = new Map<string, AnyRule>([
  ['custom-domain-issuer', customDomainIssuer],
  ['dev-host-api-only', devHostApiOnly],
  ['ingress-class-traefik', ingressClassTraefik],
  ['no-live-kong', noLiveKong],
  ['parse-error', parseError],
  ['teleport-nodeport', teleportNodeport],
  ['unused-disable-directive', unusedDisableDirective],
]);
