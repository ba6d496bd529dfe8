/**
 * Identifiers for UPPAAL: every name the export writes (variables, templates, locations,
 * channels) goes through a {@link NameTable}, so it is a valid UPPAAL identifier, not a keyword,
 * and unique in its scope.
 *
 * Contract of {@link NameTable.fresh}: deterministic (the same sequence of requests gives the same
 * names); the result matches `[A-Za-z_][A-Za-z0-9_]*`; accents are dropped (`café` → `cafe`),
 * other runs of characters outside `[A-Za-z0-9_]` become one `_` (dropped at the end); an empty result or one starting
 * with a digit gets the prefix (`1st` → `v_1st`); a keyword of UPPAAL's language (or a name of
 * its standard functions) gets a trailing `_`; a name taken already gets `_2`, `_3`, ….
 */

/** Keywords and predefined names of UPPAAL's modelling and query languages (4.x and 5.x). */
export const UPPAAL_RESERVED: ReadonlySet<string> = new Set([
  // types and declarations
  'int', 'bool', 'clock', 'chan', 'urgent', 'broadcast', 'const', 'meta', 'typedef', 'struct', 'scalar',
  'double', 'string', 'void', 'hybrid', 'priority', 'default', 'process', 'state', 'commit', 'committed',
  'init', 'trans', 'select', 'guard', 'sync', 'assign', 'system', 'progress', 'before_update', 'after_update',
  'import', 'instantiation', 'template', 'location', 'branchpoint',
  // statements and expressions
  'for', 'while', 'do', 'if', 'else', 'return', 'break', 'continue', 'case', 'switch',
  'true', 'false', 'forall', 'exists', 'sum', 'imply', 'and', 'or', 'not', 'deadlock', 'id',
  // queries and SMC
  'A', 'E', 'M', 'Pr', 'simulate', 'control', 'control_t', 'inf', 'sup', 'min', 'max', 'bounds', 'strategy',
  'under', 'minE', 'maxE', 'saveStrategy', 'loadStrategy', 'tau',
  // built-in functions
  'abs', 'fabs', 'fmod', 'fma', 'fmax', 'fmin', 'fdim', 'exp', 'exp2', 'expm1', 'ln', 'log', 'log10', 'log2',
  'log1p', 'pow', 'sqrt', 'cbrt', 'hypot', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'sinh', 'cosh',
  'tanh', 'asinh', 'acosh', 'atanh', 'erf', 'erfc', 'tgamma', 'lgamma', 'ceil', 'floor', 'trunc', 'round',
  'fint', 'ldexp', 'ilogb', 'logb', 'nextafter', 'copysign', 'signbit', 'random', 'random_normal',
  'random_poisson', 'random_arcsine', 'random_beta', 'random_gamma', 'random_tri', 'random_weibull',
]);

/** Reduces `raw` to `[A-Za-z0-9_]` (accents dropped, other runs become `_`), with `prefix` before a leading digit or an empty name. */
export function sanitize(raw: string, prefix: string): string {
  const ascii = raw.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  let s = ascii.replace(/[^A-Za-z0-9_]+/g, '_').replace(/(?<=[A-Za-z0-9])_+$/, '');
  if (s === '' || s === '_') s = prefix;
  else if (/^[0-9]/.test(s)) s = `${prefix}_${s}`;
  if (UPPAAL_RESERVED.has(s)) s = `${s}_`;
  return s;
}

/** One scope of identifiers (the global declarations, or one template's locations). */
export class NameTable {
  private readonly used = new Set<string>();

  /** `names` are taken in this scope already (e.g. the global names, inside a template). */
  constructor(names: Iterable<string> = []) {
    for (const n of names) this.used.add(n);
  }

  /** A fresh, valid, unique name for `raw` (see the module comment). */
  fresh(raw: string, prefix = 'v'): string {
    const base = sanitize(raw, prefix);
    let name = base;
    for (let k = 2; this.used.has(name); k++) name = `${base}_${k}`;
    this.used.add(name);
    return name;
  }

  /** The names taken so far. */
  taken(): string[] {
    return [...this.used];
  }

  has(name: string): boolean {
    return this.used.has(name);
  }
}
