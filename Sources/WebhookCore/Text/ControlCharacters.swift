/// The one rule for control characters in text a client sends: C0 (U+0000–U+001F), DEL and C1 (U+007F–U+009F)
/// have no place in a name, an email, an id or a URL. A NUL cannot even be stored (PostgreSQL `text` refuses it),
/// and the others end up in logs, headers and dashboards.
public enum ControlCharacters {
    /// The first control character of `text`, or `nil` when there is none; a tab counts only without `allowingTab`
    /// (an HTTP field value may hold one).
    public static func first(in text: some StringProtocol, allowingTab: Bool = false) -> Unicode.Scalar? {
        text.unicodeScalars.first { scalar in
            isControl(scalar) && !(allowingTab && scalar == "\t")
        }
    }

    /// Whether `text` holds a control character (a tab is allowed with `allowingTab`).
    public static func occur(in text: some StringProtocol, allowingTab: Bool = false) -> Bool {
        first(in: text, allowingTab: allowingTab) != nil
    }

    /// Whether `scalar` is in Unicode's general category Cc.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
