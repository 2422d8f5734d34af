internal import Glibc

/// The IMF-fixdate for the `Date` header (`Sun, 06 Nov 1994 08:49:37 GMT`), formatted at most once per second.
/// Owned by one event-loop thread.
struct DateCache {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The formatted current date, 29 bytes.
    private(set) var bytes: [UInt8] = []
    private var second = -1

    /// Reformats `bytes` when the wall-clock second changed.
    mutating func refresh() {
        var now = time(nil)
        guard now != second else { return }
        second = now
        var parts = tm()
        gmtime_r(&now, &parts)
        var text = Self.weekdays[Int(parts.tm_wday) % 7] + ", "
        text += Self.twoDigits(parts.tm_mday) + " " + Self.months[Int(parts.tm_mon) % 12] + " "
        text += String(parts.tm_year + 1900) + " "
        text += Self.twoDigits(parts.tm_hour) + ":" + Self.twoDigits(parts.tm_min) + ":" + Self.twoDigits(parts.tm_sec) + " GMT"
        bytes = Array(text.utf8)
    }

    private static func twoDigits(_ value: Int32) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
