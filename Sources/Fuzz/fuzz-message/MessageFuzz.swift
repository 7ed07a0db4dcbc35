import FuzzSupport
import WaymarkCore
import WaymarkLocalization

/// The ICU message parser on arbitrary text; a message it accepts is formatted in each of
/// Waymark's locales with every placeholder given a value of the kind it asks for.
func fuzzMessage(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    guard let message = try? MessageParser.parse(text) else { return }
    var arguments: [String: MessageArgument] = [:]
    for (name, kind) in message.placeholders {
        switch kind {
        case "plural", "selectordinal", "number": arguments[name] = .int(name.utf8.count * 7 - 3)
        case "date": arguments[name] = CalendarDate(year: 2024, month: 2, day: 29).map { .date($0) }
        default: arguments[name] = .string(name)
        }
    }
    for locale in ["en-US", "tr-TR", "hu-HU"] {
        _ = MessageFormatter(locale: locale).format(message, arguments)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntry(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzMessage(Replay.bytes(data, size))
    return 0
}

#if !FUZZING
    @main enum Main {
        static func main() { Replay.main(fuzzMessage) }
    }
#endif
