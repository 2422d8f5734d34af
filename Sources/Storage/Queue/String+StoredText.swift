extension String {
    /// The string made storable in a `text` column and cut to at most `maxBytes` UTF-8 bytes on a character
    /// boundary: PostgreSQL text cannot hold NUL, so each NUL becomes U+FFFD.
    func storedText(maxBytes: Int) -> String {
        let text = contains("\u{0}") ? replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : self
        guard text.utf8.count > maxBytes else { return text }
        var bytes = 0
        var end = text.startIndex
        for character in text {
            let size = character.utf8.count
            guard bytes + size <= maxBytes else { break }
            bytes += size
            end = text.index(after: end)
        }
        return String(text[..<end])
    }
}
