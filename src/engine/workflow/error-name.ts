/**
 * Error class names as Temporal's SDK gives them: a read-only, enumerable `name` on the class's
 * prototype (its `SymbolBasedInstanceOfError` decorator). So stack traces start with the class
 * name, subclasses inherit it, and code that assigns `this.name` in a subclass fails here as it
 * does on Temporal (a `TypeError` in strict mode) rather than working only on the engine.
 */
export function errorName(cls: abstract new (...args: any[]) => Error, name: string): void {
  Object.defineProperty(cls.prototype, 'name', { value: name, enumerable: true });
}
