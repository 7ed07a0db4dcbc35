// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Waymark",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "waymark", targets: ["waymark"]),
        .library(name: "WaymarkCore", targets: ["WaymarkCore"]),
        .library(name: "WaymarkContent", targets: ["WaymarkContent"]),
        .library(name: "WaymarkLocalization", targets: ["WaymarkLocalization"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // The web app (`waymark serve`); swift-configuration support is not needed.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0", traits: []),
    ],
    targets: [
        .systemLibrary(name: "CCmarkGFM", path: "Sources/CCmarkGFM"),
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0"),
        // Snowball's stemmers (Debian's libstemmer-dev), for search in the user's language.
        .systemLibrary(name: "CStemmer", path: "Sources/CStemmer"),
        // A region allocator that cmark-gfm parses into (see cmark_arena.h).
        .target(name: "CCmarkArena"),
        // The scan for plain ASCII that checks a report's kept texts (see waymark_text.h).
        .target(name: "CWaymarkText"),
        .target(name: "WaymarkCore", dependencies: ["CWaymarkText"]),
        .target(
            name: "WaymarkContent",
            dependencies: ["WaymarkCore", "CCmarkGFM", "CCmarkArena", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Cues")]
        ),
        .target(name: "WaymarkLocalization", dependencies: ["WaymarkCore", "CLibXML2"]),
        .target(
            name: "WaymarkTranslation", dependencies: ["WaymarkCore", "WaymarkContent", "WaymarkLocalization"]),
        .target(name: "WaymarkRelationships", dependencies: ["WaymarkCore"]),
        // The store's two backends behind `StoreBackend`: each only persists, the rules stay in
        // WaymarkRelationships.
        .target(
            name: "WaymarkStoreSQLite",
            dependencies: ["WaymarkCore", "WaymarkRelationships", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "WaymarkStorePostgres",
            dependencies: [
                "WaymarkCore", "WaymarkRelationships", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        .target(name: "WaymarkWalkthrough", dependencies: ["WaymarkCore", "WaymarkRelationships"]),
        .target(
            name: "WaymarkLibrary",
            dependencies: [
                "WaymarkCore", "WaymarkContent", "WaymarkLocalization", "CStemmer",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .target(
            name: "WaymarkValidation",
            dependencies: ["WaymarkCore", "WaymarkContent", "WaymarkLocalization"]),
        // What browsers send, read without trusting it (forms, cookies, Accept-Language, JSON), and
        // HTML escaping: small, so that `make fuzz` builds it quickly.
        .target(name: "WaymarkWebInput", dependencies: ["WaymarkCore"]),
        // `waymark serve`: the walkthrough's second renderer, on Hummingbird; no state of its own.
        .target(
            name: "WaymarkServer",
            dependencies: [
                "WaymarkCore", "WaymarkWebInput", "WaymarkContent", "WaymarkLocalization", "WaymarkRelationships",
                "WaymarkWalkthrough",
                "WaymarkLibrary", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]),
        .target(
            name: "WaymarkCLI",
            dependencies: [
                "WaymarkCore", "WaymarkContent", "WaymarkLocalization", "WaymarkRelationships", "WaymarkWalkthrough",
                "WaymarkValidation", "WaymarkLibrary", "WaymarkStoreSQLite", "WaymarkStorePostgres", "WaymarkServer",
                "WaymarkTranslation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "waymark", dependencies: ["WaymarkCLI"],
            // mimalloc in place of the C library's malloc: validation makes millions of small allocations.
            // Linked by the toolchain's lld with packed relative relocations: the loader applies the
            // program's 166,000 of them at every start, from a table of 28 KB instead of 3.4 MB.
            linkerSettings: [
                .linkedLibrary("mimalloc"),
                .unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"]),
            ]),
        .executableTarget(
            name: "waymark-bench",
            dependencies: [
                "WaymarkCore", "WaymarkContent", "WaymarkLocalization", "WaymarkRelationships", "WaymarkWalkthrough",
                "WaymarkValidation", "WaymarkLibrary", "CCmarkGFM", "WaymarkStoreSQLite", "WaymarkStorePostgres",
            ],
            path: "Sources/WaymarkBench",
            linkerSettings: [.linkedLibrary("mimalloc")]
        ),
        .target(name: "WaymarkTestSupport", dependencies: ["WaymarkCore"]),
        // libFuzzer targets (`make fuzz` builds them with `--sanitize=fuzzer -DFUZZING`); built plainly
        // they replay the files they are given.
        .target(name: "FuzzSupport", path: "Sources/Fuzz/FuzzSupport"),
        .executableTarget(
            name: "fuzz-article", dependencies: ["FuzzSupport", "WaymarkContent", "WaymarkCore"],
            path: "Sources/Fuzz/fuzz-article"),
        .executableTarget(
            name: "fuzz-xliff", dependencies: ["FuzzSupport", "WaymarkLocalization"], path: "Sources/Fuzz/fuzz-xliff"),
        .executableTarget(
            name: "fuzz-message", dependencies: ["FuzzSupport", "WaymarkLocalization", "WaymarkCore"],
            path: "Sources/Fuzz/fuzz-message"),
        .executableTarget(
            name: "fuzz-binding", dependencies: ["FuzzSupport", "WaymarkContent"], path: "Sources/Fuzz/fuzz-binding"),
        .executableTarget(
            name: "fuzz-import", dependencies: ["FuzzSupport", "WaymarkRelationships", "WaymarkCore"],
            path: "Sources/Fuzz/fuzz-import"),
        .executableTarget(
            name: "fuzz-db-url", dependencies: ["FuzzSupport", "WaymarkRelationships"],
            path: "Sources/Fuzz/fuzz-db-url"),
        .executableTarget(
            name: "fuzz-docfx", dependencies: ["FuzzSupport", "WaymarkValidation"], path: "Sources/Fuzz/fuzz-docfx"),
        .executableTarget(
            name: "fuzz-xliff-merge", dependencies: ["FuzzSupport", "WaymarkTranslation", "WaymarkContent"],
            path: "Sources/Fuzz/fuzz-xliff-merge"),
        .executableTarget(
            name: "fuzz-bilingual", dependencies: ["FuzzSupport", "WaymarkTranslation", "WaymarkContent"],
            path: "Sources/Fuzz/fuzz-bilingual"),
        .executableTarget(
            name: "fuzz-http", dependencies: ["FuzzSupport", "WaymarkWebInput"], path: "Sources/Fuzz/fuzz-http"),
        .executableTarget(
            name: "fuzz-fact-cache", dependencies: ["FuzzSupport", "WaymarkValidation"],
            path: "Sources/Fuzz/fuzz-fact-cache"),
        .executableTarget(
            name: "fuzz-search", dependencies: ["FuzzSupport", "WaymarkLibrary", "WaymarkLocalization"],
            path: "Sources/Fuzz/fuzz-search"),
        .testTarget(name: "WaymarkCoreTests", dependencies: ["WaymarkCore", "WaymarkTestSupport"]),
        .testTarget(
            name: "WaymarkTranslationTests",
            dependencies: ["WaymarkTranslation", "WaymarkContent", "WaymarkCore", "WaymarkTestSupport"]),
        .testTarget(
            name: "WaymarkContentTests",
            dependencies: ["WaymarkContent", "WaymarkCore", "WaymarkTestSupport", "CCmarkArena"],
            exclude: ["__Snapshots__", "DocFXCorpus"]
        ),
        .testTarget(
            name: "WaymarkLocalizationTests",
            dependencies: ["WaymarkLocalization", "WaymarkCore", "WaymarkTestSupport"]),
        .testTarget(
            name: "WaymarkRelationshipsTests",
            dependencies: [
                "WaymarkRelationships", "WaymarkCore", "WaymarkTestSupport", "WaymarkStoreSQLite",
                "WaymarkStorePostgres",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio"),
            ]),
        .testTarget(
            name: "WaymarkWalkthroughTests",
            dependencies: [
                "WaymarkWalkthrough", "WaymarkRelationships", "WaymarkCore", "WaymarkContent", "WaymarkTestSupport",
            ]),
        .testTarget(
            name: "WaymarkLibraryTests", dependencies: ["WaymarkLibrary", "WaymarkCore", "WaymarkTestSupport"]),
        .testTarget(
            name: "WaymarkValidationTests",
            dependencies: ["WaymarkValidation", "WaymarkCore", "WaymarkTestSupport"]),
        .testTarget(
            name: "WaymarkServerTests",
            dependencies: [
                "WaymarkServer", "WaymarkWebInput", "WaymarkCore", "WaymarkRelationships", "WaymarkWalkthrough",
                "WaymarkLibrary",
                "WaymarkLocalization", "WaymarkContent", "WaymarkStoreSQLite", "WaymarkStorePostgres",
                "WaymarkTestSupport", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOEmbedded", package: "swift-nio"),
            ]),
        .testTarget(
            name: "WaymarkCLITests",
            dependencies: [
                "WaymarkCLI", "WaymarkCore", "WaymarkWalkthrough", "WaymarkTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["__Snapshots__"]),
    ],
    swiftLanguageModes: [.v6]
)

// The program's own targets name generic types' metadata through accessors rather than by
// mangled name: a type named that way is made by the runtime, which checks each of its generic
// requirements by looking through every protocol conformance in the program (about 10,000 in this
// one) the first time it meets them, a few hundred thousand instructions each, at every start of
// the command. Not the targets the library products are made of (nor the C ones): SwiftPM refuses
// a dependency whose targets carry unsafe flags, and another package may depend on those.
let cTargets: Set<String> = ["CCmarkArena", "CCmarkGFM", "CLibXML2", "CStemmer"]
var vended: Set<String> = []
var toVisit = package.products.compactMap { $0 as? Product.Library }.flatMap(\.targets)
while let name = toVisit.popLast() {
    guard vended.insert(name).inserted, let target = package.targets.first(where: { $0.name == name }) else { continue }
    for dependency in target.dependencies {
        switch dependency {
        case .targetItem(let name, _), .byNameItem(let name, _): toVisit.append(name)
        default: break
        }
    }
}
for target in package.targets where !cTargets.contains(target.name) && !vended.contains(target.name) {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"])
        ]
}
