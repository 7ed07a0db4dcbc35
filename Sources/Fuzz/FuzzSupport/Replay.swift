import Foundation

/// Runs a fuzz entry point over files, for the builds without libFuzzer: `fuzz-article crash-1 crash-2`
/// reproduces what `make fuzz` found, and a folder stands for every file in it.
public enum Replay {
    public static func main(_ entry: ([UInt8]) -> Void) {
        let arguments = CommandLine.arguments.dropFirst()
        if arguments.isEmpty {
            FileHandle.standardError.write(Data("usage: \(CommandLine.arguments[0]) FILE-OR-FOLDER...\n".utf8))
            exit(64)
        }
        var count = 0
        for argument in arguments {
            for path in files(at: argument) {
                guard let data = FileManager.default.contents(atPath: path) else {
                    FileHandle.standardError.write(Data("\(path): cannot read\n".utf8))
                    exit(66)
                }
                entry(Array(data))
                count += 1
            }
        }
        print("\(count) inputs ran without a crash")
    }

    static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return [path]
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { path + "/" + $0 }
    }

    /// The bytes libFuzzer hands over, as an array (`data` is null when `size` is 0).
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }
}
