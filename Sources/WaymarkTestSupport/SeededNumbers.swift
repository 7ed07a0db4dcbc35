/// Random numbers from a printed seed, so that a failing random test can be told apart from
/// others and its seed quoted: a 64-bit linear congruential generator (Knuth's MMIX constants).
public struct SeededNumbers {
    public let seed: UInt64
    private var state: UInt64

    /// A seed drawn from the system's generator.
    public init() {
        var generator = SystemRandomNumberGenerator()
        self.init(seed: UInt64.random(in: 0...UInt64.max, using: &generator))
    }

    /// The same numbers every run.
    public init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    /// A number in `0..<bound`.
    public mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}
