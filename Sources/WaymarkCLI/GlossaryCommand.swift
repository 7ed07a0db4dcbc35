import ArgumentParser
import Foundation
import WaymarkCore
import WaymarkLocalization

/// `waymark glossary lookup LABEL | list`: the Partner Center UI glossary.
struct GlossaryCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "glossary", abstract: Localizer.current.text(.helpGlossaryAbstract),
            subcommands: [Lookup.self, List.self])
    }

    /// Every `Resources/Glossary/*.tbx`, merged.
    static func load() throws -> Glossary {
        let localizer = Localizer.current
        guard
            let folder = ResourceLocator.directory(
                named: "Resources", containing: "Glossary", environmentKey: "WAYMARK_RESOURCES")?
                .appendingPathComponent("Glossary")
        else {
            Present.error(localizer.text(.glossaryMissing), localizer)
            throw ExitStatus.findings
        }
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
            $0.hasSuffix(".tbx")
        }.sorted()
        var concepts: [GlossaryConcept] = []
        for file in files {
            let path = folder.appendingPathComponent(file).path
            do {
                concepts += try Glossary.read(try FileReader.read(path), path: path).concepts
            } catch {
                Present.error("\(error)", localizer)
                throw ExitStatus.findings
            }
        }
        return Glossary(concepts: concepts)
    }

    static func terms(of concept: GlossaryConcept) -> String {
        ["en", "tr", "hu"].compactMap { language in
            concept.terms[language].map { "\(language): " + $0.joined(separator: " / ") }
        }
        .joined(separator: " · ")
    }

    struct Lookup: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "lookup", abstract: Localizer.current.text(.helpGlossaryLookupAbstract))
        }

        @Argument(help: ArgumentHelp(Localizer.current.text(.helpGlossaryLabel)))
        var label: String

        func run() throws {
            let localizer = Localizer.current
            let glossary = try GlossaryCommand.load()
            let language = localizer.locale.language
            guard let match = glossary.lookup(label, language: language) else {
                Present.error(
                    localizer.text(.glossaryNoMatch, ["label": .string(label), "language": .string(language)]),
                    localizer)
                throw ExitStatus.findings
            }
            print(
                localizer.text(
                    .glossaryMatch,
                    [
                        "label": .string(label), "concept": .string(match.concept.id),
                        "kind": .string(match.kind.rawValue),
                        "terms": .string(GlossaryCommand.terms(of: match.concept)),
                    ]))
        }
    }

    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "list", abstract: Localizer.current.text(.helpGlossaryListAbstract))
        }

        func run() throws {
            for concept in try GlossaryCommand.load().concepts {
                print("\(concept.id): \(GlossaryCommand.terms(of: concept))")
            }
        }
    }
}
