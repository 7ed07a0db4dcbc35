/// The one way commands tell the user what stopped them or what they should know: a line on
/// standard error, `error: …` or `note: …` in the user's language, after the output so far.
/// Values from outside the catalogs (paths, system messages) have their terminal controls made
/// visible on the way (see `Localizer`), so no message can drive the terminal.
///
/// ```swift
/// Present.error(l.text(.fileNotFound, ["path": .string(file)]), l)
/// ```
enum Present {
    static func error(_ message: String, _ l: Localizer = .current) {
        StandardError.write(line(.errorPrefix, message, l))
    }

    static func note(_ message: String, _ l: Localizer = .current) {
        StandardError.write(line(.notePrefix, message, l))
    }

    /// The line `error` or `note` writes, for a caller that collects lines (the help page).
    static func line(_ prefix: UIString, _ message: String, _ l: Localizer = .current) -> String {
        l.text(prefix, ["message": .string(message)])
    }
}
