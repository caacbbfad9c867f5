/**
 * A span of time, parsed once at the spec's edge from Prometheus' duration syntax
 * (`30s`, `15d`, `1h30m`, `2y`) and passed inward as a value.
 *
 * Syntax and unit sizes follow Prometheus' `model.ParseDuration`
 * (prometheus/common model/time.go): units ms, s, m, h, d (24h), w (7d), y (365d),
 * largest first, each at most once.
 */
export class Duration {
  private constructor(readonly milliseconds: number) {}

  static readonly UNITS: ReadonlyArray<readonly [string, number]> = [
    ["y", 365 * 24 * 3600_000],
    ["w", 7 * 24 * 3600_000],
    ["d", 24 * 3600_000],
    ["h", 3600_000],
    ["m", 60_000],
    ["s", 1000],
    ["ms", 1],
  ];

  /**
   * The longest duration Prometheus and Thanos accept: `model.ParseDuration`
   * (prometheus/common model/time.go) holds nanoseconds in an int64 and fails with "duration
   * out of range" past it (checked with promtool 2.42: 292y parses, 293y does not).
   */
  static readonly LONGEST_PARSEABLE_MS = Math.floor((2 ** 63 - 1) / 1e6);

  static milliseconds(ms: number): Duration {
    if (!Number.isFinite(ms) || ms < 0 || !Number.isInteger(ms)) {
      throw new RangeError(`a duration is a whole, non-negative number of milliseconds, got ${ms}`);
    }
    return new Duration(ms);
  }
  static seconds(s: number): Duration {
    return Duration.milliseconds(Math.round(s * 1000));
  }
  static days(d: number): Duration {
    return Duration.milliseconds(Math.round(d * 24 * 3600_000));
  }

  /** Parses `1h30m`-style text; throws a RangeError that says what was expected. */
  static parse(text: string): Duration {
    const re = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
    if (text === "0") return new Duration(0);
    const m = re.exec(text);
    if (!m || text === "") {
      throw new RangeError(`"${text}" is not a duration; expected e.g. 30s, 15d, 1h30m (units y w d h m s ms)`);
    }
    let ms = 0;
    Duration.UNITS.forEach(([, size], i) => {
      const n = m![i + 1];
      if (n !== undefined) ms += Number(n) * size;
    });
    return new Duration(ms);
  }

  get seconds(): number {
    return this.milliseconds / 1000;
  }
  get days(): number {
    return this.milliseconds / (24 * 3600_000);
  }

  /** Prometheus form, largest units first (`36h` prints as `1d12h`, `180d` as `180d`): valid for every Prometheus/Thanos flag. */
  toString(): string {
    if (this.milliseconds === 0) return "0s";
    let rest = this.milliseconds;
    let out = "";
    // Weeks are parsed but never printed: "180d" reads better than "25w5d", and both are valid.
    for (const [unit, size] of Duration.UNITS.filter(([u]) => u !== "w")) {
      const n = Math.floor(rest / size);
      if (n > 0) {
        out += `${n}${unit}`;
        rest -= n * size;
      }
    }
    return out;
  }

  compare(other: Duration): number {
    return this.milliseconds - other.milliseconds;
  }
}
