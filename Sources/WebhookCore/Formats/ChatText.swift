/// Text shaping for chat messages: fitting text into a service's length limit and escaping it for Slack's mrkdwn.
///
/// Lengths are counted in UTF-16 code units, which is never less than the count of Unicode scalars or of
/// characters, so text that fits by this count fits whichever of them a service counts. Text is cut only between
/// characters (an emoji or a letter with its accents is kept whole or dropped whole).
enum ChatText {
    /// What marks text that was cut short.
    static let ellipsis: Character = "…"

    /// The length services' limits are checked against (see the type's comment).
    static func length(_ text: String) -> Int {
        text.utf16.count
    }

    /// `text` whole when it fits in `limit`, else its longest prefix that fits with an ellipsis after it.
    static func truncated(_ text: String, to limit: Int) -> String {
        fitted(text, to: limit) { String($0) }
    }

    /// `text` escaped for Slack's mrkdwn (see `slackEscaped(_:)`), cut like `truncated(_:to:)` so the escaped text
    /// fits in `limit`; an escape (`&amp;`) is never cut in two.
    static func slackEscaped(_ text: String, to limit: Int) -> String {
        fitted(text, to: limit, transform: slackEscaped(_:))
    }

    /// `text` with Slack's three control characters written as the entities Slack documents (`&` as `&amp;`, `<` as
    /// `&lt;`, `>` as `&gt;`), so text from event data shows as written: `<!channel>` or `<https://x|y>` in it is
    /// neither a mention nor a link.
    static func slackEscaped(_ text: Substring) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" }) else { return String(text) }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// `transform(text)` when it fits in `limit`; else `transform` of the longest prefix of `text` that, with an
    /// ellipsis, fits.
    private static func fitted(_ text: String, to limit: Int, transform: (Substring) -> String) -> String {
        let whole = transform(text[...])
        guard length(whole) > limit else { return whole }
        let room = limit - length(String(ellipsis))
        guard room >= 0 else { return "" }
        var kept = ""
        var used = 0
        for character in text {
            let piece = transform(Substring(String(character)))
            let pieceLength = length(piece)
            if used + pieceLength > room { break }
            kept += piece
            used += pieceLength
        }
        return kept + String(ellipsis)
    }

    /// A value of event data as one line of readable text, or `nil` when there is nothing to show: `null`, a
    /// missing member, a string of only white space, an empty array, an object. Strings are shown as they are,
    /// numbers as JavaScript prints them, booleans as yes/no, arrays of such values joined by commas.
    static func display(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text):
            return text.allSatisfy(\.isWhitespace) ? nil : text
        case .number(let number):
            return JavaScriptNumber.format(number)
        case .bool(let flag):
            return flag ? "yes" : "no"
        case .array(let elements):
            let shown = elements.compactMap { element -> String? in
                if case .array = element { return nil }
                return display(element)
            }
            return shown.isEmpty ? nil : shown.joined(separator: ", ")
        case .object, .null, nil:
            return nil
        }
    }
}
