import Foundation
import WaymarkContent
import WaymarkCore
import WaymarkLocalization

/// A file whose size or modification time is not what the index has.
struct ChangedFile: Sendable {
    var file: DocsFile
    var size: Int
    var mtime: Double
    var old: StoredArticle?
}

/// What reading a changed file came to.
enum IndexingOutcome: Sendable {
    case unreadable
    /// Touched, not changed: the same bytes as indexed.
    case sameContent
    case indexed(IndexEntry, hash: String)

    static func make(_ item: ChangedFile, parser: ArticleParser, terms: SearchTerms) -> IndexingOutcome {
        guard let bytes = try? FileReader.read(item.file.path, limit: 16 << 20) else { return .unreadable }
        let hash = SearchIndex.hash(bytes)
        if item.old?.hash == hash { return .sameContent }
        return .indexed(IndexEntry.make(item.file, bytes: bytes, parser: parser, terms: terms), hash: hash)
    }
}

/// Hands out the changed files to the workers in order and their outcomes to the writer in the
/// same order, keeping the workers at most `window` files ahead of it.
final class IndexingBoard: @unchecked Sendable {
    private let condition = NSCondition()
    private var outcomes: [IndexingOutcome?]
    private var handedOut = 0
    private var taken = 0
    private var cancelled = false
    private let window = 64

    init(count: Int) {
        outcomes = Array(repeating: nil, count: count)
    }

    /// The next file to work on; nil when there is none, or the writer stopped.
    func next() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled, handedOut < outcomes.count, handedOut - taken >= window { condition.wait() }
        guard !cancelled, handedOut < outcomes.count else { return nil }
        handedOut += 1
        return handedOut - 1
    }

    func put(_ index: Int, _ outcome: IndexingOutcome) {
        condition.lock()
        outcomes[index] = outcome
        condition.broadcast()
        condition.unlock()
    }

    /// The outcome of file `index`, waiting for it.
    func take(_ index: Int) -> IndexingOutcome {
        condition.lock()
        defer { condition.unlock() }
        while outcomes[index] == nil { condition.wait() }
        let outcome = outcomes[index]!
        outcomes[index] = nil
        taken = index + 1
        condition.broadcast()
        return outcome
    }

    /// Stops handing out work (the writer is done, or failed).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

/// What the index keeps of one article.
struct IndexEntry: Sendable {
    var title: String
    var procedures: Int
    /// The beginning of the body text, where snippets come from, and its terms (one per word).
    var lead: String
    var leadTerms: String
    var titleTerms: String
    var headingTerms: String
    var labelTerms: String
    var bodyTerms: String

    static func make(_ file: DocsFile, bytes: [UInt8], parser: ArticleParser, terms: SearchTerms) -> IndexEntry {
        let article = parser.parse(bytes: bytes, path: file.path)
        var collector = TextCollector()
        Block.walk(article.blocks, with: &collector)
        let title = article.title ?? collector.headings.first ?? file.docsPath
        func joined(_ texts: [String]) -> [UInt8] {
            var out: [UInt8] = []
            for text in texts { terms.appendTerms(of: text, to: &out) }
            return out
        }
        let bodyTerms = joined(collector.body)
        let lead = IndexEntry.lead(of: collector.body)
        // The lead begins the body, so its terms begin the body's: as many as it has words.
        var leadWords = 0
        var leadCopy = lead
        leadCopy.withUTF8 { SearchTerms.forEachWord(in: $0) { _ in leadWords += 1 } }
        var leadTermsEnd = 0
        while leadWords > 0, leadTermsEnd < bodyTerms.count {
            if bodyTerms[leadTermsEnd] == 0x20 { leadWords -= 1 }
            leadTermsEnd += 1
        }
        func text(_ bytes: some Collection<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
        return IndexEntry(
            title: title, procedures: article.stepGraph.procedures.count, lead: lead,
            leadTerms: text(bodyTerms[..<leadTermsEnd]), titleTerms: text(joined([title])),
            headingTerms: text(joined(collector.headings)), labelTerms: text(joined(collector.labels)),
            bodyTerms: text(bodyTerms))
    }
}

extension IndexEntry {
    /// How much of an article's text snippets are made from (UTF-8 bytes): enough to find a place
    /// to show, and cheap to read however long the article.
    static let leadLength = 4096

    /// The paragraphs joined, up to `leadLength` bytes, cut at a space.
    static func lead(of paragraphs: [String]) -> String {
        var lead: [UInt8] = []
        for paragraph in paragraphs where lead.count < leadLength {
            if !lead.isEmpty { lead.append(0x20) }
            lead.append(contentsOf: paragraph.utf8.prefix(leadLength + 1 - lead.count))
        }
        if lead.count > leadLength {
            // Cut at the last space that keeps it short enough (never inside a letter's bytes).
            let space = lead[..<leadLength].lastIndex(of: 0x20) ?? 0
            lead.removeSubrange(space...)
        }
        return String(decoding: lead, as: UTF8.self)
    }
}

/// Headings, UI labels (bold text) and readable text of an article's blocks.
struct TextCollector: BlockVisitor {
    var headings: [String] = []
    var labels: [String] = []
    var body: [String] = []

    mutating func visit(_ block: Block, depth: Int) -> Bool {
        switch block {
        case .heading(let h): headings.append(h.text)
        case .paragraph(let p):
            body.append(p.content.plainText.trimmingSpaces)
            collectLabels(p.content)
        case .table(let t):
            for row in t.rows { for cell in row { body.append(cell.plainText.trimmingSpaces) } }
        default: break
        }
        return true
    }

    private mutating func collectLabels(_ inlines: [Inline]) {
        for inline in inlines {
            switch inline {
            case .strong(let children, _): labels.append(children.plainText)
            case .emphasis(let children, _), .strikethrough(let children, _): collectLabels(children)
            case .link(_, _, let children, _): collectLabels(children)
            default: break
            }
        }
    }
}
