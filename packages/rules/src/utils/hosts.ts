import { isLegacyPath } from '@infralint/core';
/**
 * Host-name and path-prefix matching shared by the Ingress rules.
 *
 * DNS names compare case-insensitively and a fully qualified trailing dot is ignored, so
 * `Dev.Lumie-Infra.com.` and `dev.lumie-infra.com` are the same host.
 */

/** A host name in the form the rules compare: lower case, no trailing dot, no surrounding space. */
export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.+$/, '');
}

/**
 * True when `host` is `domain` or a name under it, on a label boundary: `api.lumie-infra.com` is
 * under `lumie-infra.com`, `notlumie-infra.com` is not. A wildcard host (`*.lumie-infra.com`)
 * stands for names under its base, so it is under `lumie-infra.com` too.
 */
export function isHostUnder(host: string, domain: string): boolean {
  let h = normalizeHost(host);
  const d = normalizeHost(domain).replace(/^\*\./, '');
  if (h.startsWith('*.')) h = h.slice(2);
  if (h === '' || d === '') return false;
  return h === d || h.endsWith(`.${d}`);
}

/** True when `host` is a standard domain: equal to or under one of `standardDomains`. */
export function isStandardHost(host: string, standardDomains: readonly string[]): boolean {
  return standardDomains.some((d) => isHostUnder(host, d));
}

/** True when two hosts name the same host (case and trailing dot ignored; wildcards compared as written). */
export function sameHost(a: string, b: string): boolean {
  return normalizeHost(a) === normalizeHost(b);
}

/**
 * True when an HTTP path is `prefix` or lies under it on a segment boundary: with prefix `/api`,
 * `/api` and `/api/v1` match, `/apis` and `/` do not. Trailing slashes of the prefix are ignored
 * (`/api/` means `/api`), so a prefix of `/` allows every path.
 */
export function isPathUnder(path: string, prefix: string): boolean {
  const p = prefix.replace(/\/+$/, '');
  return path === p || path.startsWith(`${p}/`);
}

/**
 * True when a repo-relative path (as written in an Argo CD source or a settings entry) is a legacy
 * path or lies under one. Both sides are normalised first: a leading `./` or `/` and trailing
 * slashes are dropped, so `bootstrap/kong`, `./bootstrap/kong/` and `bootstrap/kong/x` are all under
 * the legacy path `bootstrap/kong/`, while `bootstrap/kongress` is not.
 */
export function isUnderLegacyPath(path: string, legacyPaths: readonly string[]): boolean {
  const p = normalizeRepoPath(path);
  return p !== '' && isLegacyPath(p, legacyPaths.map(normalizeRepoPath));
}

function normalizeRepoPath(path: string): string {
  let p = path.trim();
  while (p.startsWith('./')) p = p.slice(2);
  return p.replace(/^\/+/, '').replace(/\/+$/, '');
}
