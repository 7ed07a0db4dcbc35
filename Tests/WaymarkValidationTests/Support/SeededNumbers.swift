/// Random numbers from a printed seed, so that a failing random test can be told apart from
/// others and its seed quoted: a 64-bit linear congruential generator (Knuth's MMIX constants).
struct SeededNumbers {
    let seed: UInt64
    private var state: UInt64

    init() {
        var generator = SystemRandomNumberGenerator()
        seed = UInt64.random(in: 0...UInt64.max, using: &generator)
        state = seed
    }

    /// A number in `0..<bound`.
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}
