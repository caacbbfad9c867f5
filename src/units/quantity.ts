/**
 * A Kubernetes resource quantity (`32Gi`, `500m`, `2`), parsed once at the spec's edge.
 *
 * Suffixes follow apimachinery's resource.Quantity (k8s.io/apimachinery/pkg/api/resource/quantity.go):
 * binary Ki Mi Gi Ti Pi Ei, decimal k M G T P E, and m (milli). Exponent forms (1e3) are
 * accepted as Kubernetes does.
 */
export class Quantity {
  private constructor(
    /** The value in base units (bytes for memory and storage, cores for CPU). */
    readonly value: number,
  ) {}

  private static readonly SUFFIX: Record<string, number> = {
    "": 1,
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    Pi: 2 ** 50,
    Ei: 2 ** 60,
  };

  static of(value: number): Quantity {
    if (!Number.isFinite(value) || value < 0)
      throw new RangeError(`a quantity is a finite, non-negative number, got ${value}`);
    return new Quantity(value);
  }

  static parse(text: string | number): Quantity {
    if (typeof text === "number") return Quantity.of(text);
    const m = /^([0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(text.trim());
    if (!m) {
      throw new RangeError(`"${text}" is not a Kubernetes quantity; expected e.g. 32Gi, 500m, 2`);
    }
    return new Quantity(Number(m[1]) * Quantity.SUFFIX[m[2] ?? ""]!);
  }

  /** Memory and storage in the largest binary unit that keeps a whole number (`Mi` at least). */
  toBytesString(): string {
    const units: Array<[string, number]> = [
      ["Ti", 2 ** 40],
      ["Gi", 2 ** 30],
      ["Mi", 2 ** 20],
    ];
    for (const [suffix, size] of units) {
      if (this.value >= size && Number.isInteger(this.value / size)) return `${this.value / size}${suffix}`;
    }
    // Round up to whole MiB: a request below what was computed would undersize the pod.
    return `${Math.ceil(this.value / 2 ** 20)}Mi`;
  }

  /** CPU in millicores (`250m`) or whole cores (`2`). */
  toCpuString(): string {
    const milli = Math.ceil(this.value * 1000 - 1e-9);
    return milli % 1000 === 0 ? `${milli / 1000}` : `${milli}m`;
  }

  plus(other: Quantity): Quantity {
    return new Quantity(this.value + other.value);
  }
  times(factor: number): Quantity {
    return Quantity.of(this.value * factor);
  }
}
