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

    /// Parses an RFC 3339 timestamp (upper-case `T` and `Z`), with or without fractional seconds.
    static func parse(_ text: String) -> Date? {
        // Foundation's parser is lenient (`…Z*`, `12:99` and February 30 parse), so the shape and the day are
        // checked first, as openapi.yaml's `pattern` and `format` for `since` say.
        let shape = #/([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?(?:Z|[+\-](?:[01][0-9]|2[0-3]):[0-5][0-9])/#
        guard let match = text.wholeMatch(of: shape),
              let year = Int(match.1), let month = Int(match.2), let day = Int(match.3),
              day <= daysIn(month: month, year: year)
        else { return nil }
        if let date = try? Date(text, strategy: formatter) { return date }
        return try? Date(text, strategy: .iso8601)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year.isMultiple(of: 4) && (!year.isMultiple(of: 100) || year.isMultiple(of: 400)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
