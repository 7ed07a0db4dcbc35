/// The translation state of a segment (XLIFF 2.0 `state`). Only `initial` targets are ignored:
/// an `initial` target is a draft, and the look-up falls back as if there were none.
public enum SegmentState: String, Sendable, Hashable, CaseIterable {
    case initial, translated, reviewed, final
}

/// One message of a catalog: a stable key, its source text, and in a translation its target.
public struct CatalogUnit: Sendable, Hashable {
    public var id: String
    public var notes: [String]
    public var source: String
    public var target: String?
    public var state: SegmentState
    /// The line of the `<unit>` element, for diagnostics.
    public var line: Int

    public init(
        id: String, notes: [String] = [], source: String, target: String? = nil, state: SegmentState = .initial,
        line: Int = 0
    ) {
        self.id = id
        self.notes = notes
        self.source = source
        self.target = target
        self.state = state
        self.line = line
    }

    /// The text this catalog answers with: the target unless it is missing or still `initial`.
    public var usableTarget: String? {
        guard let target, state != .initial else { return nil }
        return target
    }
}

/// An XLIFF 2.0 string catalog: `en-US.xlf` holds the source texts, `tr-TR.xlf` and `hu-HU.xlf`
/// their translations. Unit order is kept.
public struct Catalog: Sendable, Hashable {
    public var sourceLocale: String
    public var targetLocale: String?
    public var fileID: String
    public var units: [CatalogUnit] {
        didSet { positions = Catalog.positions(of: units) }
    }
    public var path: String?
    /// Where each id's (first) unit is in `units`.
    private var positions: [String: Int]

    public init(
        sourceLocale: String, targetLocale: String?, fileID: String = "waymark", units: [CatalogUnit],
        path: String? = nil
    ) {
        self.sourceLocale = sourceLocale
        self.targetLocale = targetLocale
        self.fileID = fileID
        self.units = units
        self.path = path
        positions = Catalog.positions(of: units)
    }

    /// With `positions` already made, where each unit's id is first (a reader that has checked
    /// the ids are unique made them on the way).
    init(
        sourceLocale: String, targetLocale: String?, fileID: String, units: [CatalogUnit], positions: [String: Int],
        path: String?
    ) {
        self.sourceLocale = sourceLocale
        self.targetLocale = targetLocale
        self.fileID = fileID
        self.units = units
        self.path = path
        self.positions = positions
    }

    private static func positions(of units: [CatalogUnit]) -> [String: Int] {
        var positions: [String: Int] = [:]
        positions.reserveCapacity(units.count)
        for (index, unit) in units.enumerated() where positions[unit.id] == nil { positions[unit.id] = index }
        return positions
    }

    /// The locale whose texts this catalog provides.
    public var locale: String { targetLocale ?? sourceLocale }

    public func unit(_ id: String) -> CatalogUnit? { positions[id].map { units[$0] } }
}
