import Foundation
import Synchronization
import Testing
import WaymarkCore
import WaymarkTestSupport

@Suite struct FileIOTests {
    @Test func readsWholeFilesOfEverySize() throws {
        let folder = try RepositoryPaths.temporaryDirectory()
        for size in [0, 1, 4095, 65_536, 65_537, 300_001] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let path = folder.appendingPathComponent("f\(size)").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(try FileReader.read(path) == bytes)
            #expect(throws: FileReader.Failure.tooLarge(size: size, limit: size - 1)) {
                try FileReader.read(path, limit: size - 1)
            }
        }
    }

    @Test func readsFilesWhoseSizeTheSystemDoesNotKnow() throws {
        // /proc files say they are empty and still have content.
        let status = try FileReader.read("/proc/self/status")
        #expect(String(decoding: status, as: UTF8.self).contains("Name:"))
    }

    @Test func replacesAFileWhole() throws {
        let folder = try RepositoryPaths.temporaryDirectory()
        let path = folder.appendingPathComponent("report.json").path
        try FileWriter.replace(path, with: Array("first".utf8))
        #expect(try FileReader.read(path) == Array("first".utf8))
        chmod(path, 0o600)
        try FileWriter.replace(path, with: Array("second, longer".utf8))
        #expect(try FileReader.read(path) == Array("second, longer".utf8))
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        try FileWriter.replace(path, with: [])
        #expect(try FileReader.read(path).isEmpty)
        // Nothing is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.json"])
    }

    /// Pieces written as they come; a failure on the way leaves the old file whole and nothing beside it.
    @Test func replacesAFileWrittenPieceByPiece() throws {
        let folder = try RepositoryPaths.temporaryDirectory()
        let path = folder.appendingPathComponent("report.json").path
        try FileWriter.replace(path) { (write) throws(FileReader.Failure) in
            for piece in ["a", "bc", "", "def"] { try write(Array(piece.utf8)) }
        }
        #expect(try FileReader.read(path) == Array("abcdef".utf8))
        #expect(throws: FileReader.Failure.notFound) {
            try FileWriter.replace(path) { (write) throws(FileReader.Failure) in
                try write(Array("half".utf8))
                throw .notFound
            }
        }
        #expect(try FileReader.read(path) == Array("abcdef".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.json"])
    }

    @Test func failsClearlyAndLeavesTheOldFile() throws {
        let folder = try RepositoryPaths.temporaryDirectory()
        #expect(throws: FileReader.Failure.notFound) {
            try FileWriter.replace(folder.appendingPathComponent("missing/report.json").path, with: [1])
        }
        // A folder where the file should be: the rename fails, the folder and its content stay.
        let taken = folder.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: taken, withIntermediateDirectories: false)
        try Data([7]).write(to: taken.appendingPathComponent("inside"))
        #expect(throws: FileReader.Failure.isDirectory) { try FileWriter.replace(taken.path, with: [1, 2]) }
        #expect(try FileReader.read(taken.appendingPathComponent("inside").path) == [7])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["taken"])
    }

    @Test func writesIntoAPipeInPlace() throws {
        // A FIFO cannot be renamed over: `overwrite` writes into it; the reader gets every byte.
        let folder = try RepositoryPaths.temporaryDirectory()
        let fifo = folder.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let reader = Thread {
            let fd = open(fifo, O_RDONLY)
            var got: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(fd, &buffer, buffer.count)
                if count <= 0 { break }
                got += buffer[..<count]
            }
            close(fd)
            FIFOResult.bytes.withLock { $0 = got }
        }
        reader.start()
        try FileWriter.overwrite(fifo, with: bytes)
        while FIFOResult.bytes.withLock({ $0 == nil }) { usleep(1000) }
        #expect(FIFOResult.bytes.withLock { $0 } == bytes)
        #expect(throws: FileReader.Failure.notFound) {
            try FileWriter.overwrite(folder.appendingPathComponent("missing").path, with: [1])
        }
    }

    @Test func aWriteToAClosedDescriptorFails() {
        #expect(throws: FileReader.Failure.self) { try FileWriter.write([1, 2, 3], to: -1) }
    }
}

private enum FIFOResult {
    static let bytes = Mutex<[UInt8]?>(nil)
}
