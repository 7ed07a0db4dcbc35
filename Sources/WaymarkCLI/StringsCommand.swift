import ArgumentParser
import Foundation
import WaymarkCore
import WaymarkLocalization

/// `waymark strings check|stats`: the XLIFF catalogs' health.
struct StringsCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "strings", abstract: Localizer.current.text(.helpStringsAbstract),
            subcommands: [Check.self, Stats.self, Show.self, ExportSource.self])
    }

    struct CatalogPaths: ParsableArguments {
        @Argument(help: ArgumentHelp(Localizer.current.text(.helpStringsCheckPaths)))
        var paths: [String] = []

        /// The `.xlf` files named, directly or inside named folders.
        func files() throws -> [String] {
            var roots = paths
            if roots.isEmpty {
                guard let dir = MessageCatalogs.defaultDirectory() else { return [] }
                roots = [dir.path]
            }
            var files: [String] = []
            for root in roots {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
                    let l = Localizer.current
                    Present.error(l.text(.fileNotFound, ["path": .string(root)]), l)
                    throw ExitStatus.findings
                }
                if isDirectory.boolValue {
                    let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
                    files += names.filter { $0.hasSuffix(".xlf") }.sorted().map {
                        (root as NSString).appendingPathComponent($0)
                    }
                } else {
                    files.append(root)
                }
            }
            return files
        }

        /// Reads `files` as XLIFF; a file that cannot be read is reported on standard error, located.
        func read(_ files: [String]) -> (catalogs: [Catalog], failures: [CatalogFinding]) {
            var catalogs: [Catalog] = []
            var failures: [CatalogFinding] = []
            for file in files {
                guard let bytes = try? FileReader.read(file) else {
                    let finding = CatalogFinding(unreadable: file)
                    StandardError.write(finding.formatted(Localizer.current))
                    failures.append(finding)
                    continue
                }
                do {
                    catalogs.append(try XLIFF.read(bytes, path: file))
                } catch {
                    StandardError.write(
                        "\(error.path):\(error.line):\(error.column): error: \(error.message) [strings.xliff]")
                    failures.append(CatalogFinding(path: error.path, line: error.line, key: nil, arguments: [:]))
                }
            }
            return (catalogs, failures)
        }
    }

    struct Check: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "check", abstract: Localizer.current.text(.helpStringsCheckAbstract))
        }

        @OptionGroup var catalogs: CatalogPaths

        func run() throws {
            let localizer = Localizer.current
            var findings: [CatalogFinding] = []
            let files = try catalogs.files()
            if files.isEmpty {
                Present.error(localizer.text(.stringsNoCatalogs), localizer)
                throw ExitStatus.findings
            }
            let (read, unreadable) = catalogs.read(files)
            findings += unreadable
            let checker = CatalogChecker(programTexts: Localizer.sourceTexts)
            let found = checker.check(read, checkingProgramKeys: catalogs.paths.isEmpty)
            for finding in found {
                StandardError.write(finding.formatted(localizer))
            }
            findings += found
            print(localizer.text(.stringsSummary, ["catalogs": .int(files.count), "errors": .int(findings.count)]))
            if !findings.isEmpty { throw ExitStatus.findings }
        }
    }

    struct Stats: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "stats", abstract: Localizer.current.text(.helpStringsStatsAbstract))
        }

        @OptionGroup var catalogs: CatalogPaths

        func run() throws {
            let localizer = Localizer.current
            let (all, unreadable) = catalogs.read(try catalogs.files())
            if !unreadable.isEmpty { throw ExitStatus.findings }
            let source = all.first { $0.targetLocale == nil }
            let total = source?.units.count ?? 0
            for catalog in all.sorted(by: { $0.locale < $1.locale }) {
                let keys = Set(source?.units.map(\.id) ?? catalog.units.map(\.id))
                let translated =
                    catalog.targetLocale == nil
                    ? catalog.units.count
                    : catalog.units.filter { keys.contains($0.id) && $0.usableTarget != nil }.count
                let reviewed =
                    catalog.targetLocale == nil
                    ? catalog.units.count : catalog.units.filter { $0.state == .reviewed || $0.state == .final }.count
                let percent = total == 0 ? 100 : translated * 100 / total
                print(
                    localizer.text(
                        .stringsStatsLine,
                        [
                            "locale": .string(catalog.locale), "translated": .int(translated), "total": .int(total),
                            "percent": .int(percent), "reviewed": .int(reviewed),
                        ]))
            }
        }
    }

    struct Show: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "show", abstract: Localizer.current.text(.helpStringsShowAbstract))
        }

        @Argument var key: String

        func run() throws {
            let localizer = Localizer.current
            let found = localizer.catalogs?.lookup(key, locale: localizer.locale)
            guard let found, let text = found.text, let answered = found.report.answeredBy else {
                Present.error(localizer.text(.stringsUnknownKey, ["key": .string(key)]), localizer)
                throw ExitStatus.findings
            }
            print(text)
            let fellBack = found.report.isFallback
            print(
                localizer.text(
                    .stringsAnsweredBy,
                    [
                        "answered": .string(answered.description), "requested": .string(localizer.locale.description),
                        "fallback": .string(fellBack ? "yes" : "no"),
                    ]))
        }
    }

    struct ExportSource: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "export-source", abstract: Localizer.current.text(.helpStringsExportAbstract))
        }

        @Argument var output: String

        /// Keeps the notes of an existing source catalog at `output`.
        func run() throws {
            var notes: [String: [String]] = [:]
            if let data = FileManager.default.contents(atPath: output),
                let old = try? XLIFF.read(Array(data), path: output)
            {
                for unit in old.units { notes[unit.id] = unit.notes }
            }
            let units = Localizer.sourceTexts.sorted { $0.key < $1.key }.map {
                CatalogUnit(id: $0.key, notes: notes[$0.key] ?? [], source: $0.value)
            }
            let catalog = Catalog(sourceLocale: LocaleTag.source.description, targetLocale: nil, units: units)
            try XLIFF.write(catalog).write(toFile: output, atomically: true, encoding: .utf8)
        }
    }
}
