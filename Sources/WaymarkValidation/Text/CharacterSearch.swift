import Foundation
import WaymarkCore

extension String {
    /// Whether `needle` occurs in the text as Foundation's `contains(_:)` answers: canonically
    /// equivalent characters match (`é` written as one scalar or as `e` and an accent), a letter
    /// with an accent does not hold its base letter, and an empty needle is never found.
    ///
    /// Foundation answers through `CFString`, converting both texts to UTF-16 at each call, which
    /// made it most of some rules' time. Where neither text holds a scalar from U+0300 on (the
    /// combining marks, and every script whose characters combine or decompose) every character
    /// is one scalar whose UTF-8 bytes are nobody else's, so comparing bytes gives the same answer;
    /// Latin letters with their accents, Turkish's and Hungarian's included, are all below U+0300.
    /// A carriage return is left to Foundation too (with a line feed after it, it is one character,
    /// which the two searches need not treat alike). Other texts are left to Foundation.
    func containsCharacters(_ needle: String) -> Bool {
        guard !needle.isEmpty else { return false }
        var text = self
        var pattern = needle
        let found = text.withUTF8 { h -> Bool? in
            pattern.withUTF8 { n -> Bool? in
                guard Self.comparesByBytes(h), Self.comparesByBytes(n) else { return nil }
                return ByteSearch.first(n, in: h, from: 0, before: h.count) != nil
            }
        }
        return found ?? contains(needle)
    }

    /// Whether a text's characters are each one scalar below U+0300 other than a carriage return:
    /// no UTF-8 lead byte from `CC` on (U+0300 and above), and no `0D`.
    static func comparesByBytes(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in utf8 where byte >= 0xCC || byte == 0x0D { return false }
        return true
    }
}
