/// Reads the `Retry-After` response header (RFC 9110 §10.2.3).
public enum RetryAfter {
    /// The delay a `Retry-After` value asks for: `delay-seconds` (`"7"`) or an HTTP-date, which is turned into
    /// the time left from `now` (Unix seconds; a date in the past gives zero). `nil` when the value is neither.
    /// The caller caps the delay; second counts saturate at `Int32.max` instead of overflowing.
    public static func delay(from value: String, now: Int64) -> Duration? {
        let trimmed = value.trimmingWhitespace()
        if !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return .seconds(min(Int64(trimmed) ?? .max, Int64(Int32.max)))
        }
        guard let date = HTTPDate.unixSeconds(from: trimmed) else { return nil }
        return .seconds(max(0, date - now))
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs, CR and LF.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
