import Foundation
import WebhookCore

/// ISO 8601 timestamps with milliseconds in UTC (`2025-01-15T10:30:00.000Z`), as every answer writes them.
enum ISODate {
    private static let formatter: Date.ISO8601FormatStyle = .iso8601
        .year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted)

    /// `date` formatted (rounded to the millisecond, as the wire's timestamps are).
    static func string(_ date: Date) -> String {
        WireTimestamp.iso8601(date)
    }

    /// Parses an ISO 8601 timestamp with or without fractional seconds.
    static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: formatter) { return date }
        return try? Date(text, strategy: .iso8601)
    }
}
