#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Converts between `Date` and PostgreSQL's ISO timestamp text, with microsecond precision.
enum PostgresTimestamp {
    private static let microsPerSecond: Int64 = 1_000_000
    private static let microsPerDay: Int64 = 86_400 * microsPerSecond
    /// Microseconds from 1970-01-01 (Unix epoch) to 2001-01-01 (Foundation's reference date).
    private static let referenceDateMicros: Int64 = 978_307_200 * microsPerSecond

    /// Formats `date` in UTC, e.g. `2025-01-15 10:30:00.123456+00`; years before 1 AD get
    /// PostgreSQL's ` BC` suffix. Dates beyond `Int64` microseconds become `±infinity`.
    static func format(_ date: Date) -> String {
        let sinceReference = (date.timeIntervalSinceReferenceDate * 1_000_000).rounded()
        guard let micros = Int64(exactly: sinceReference),
              case let (unixMicros, overflow) = micros.addingReportingOverflow(referenceDateMicros),
              !overflow
        else { return sinceReference > 0 ? "infinity" : "-infinity" }
        let (days, microsOfDay) = floorDivide(unixMicros, microsPerDay)
        let (year, month, day) = civil(fromDays: days)
        let seconds = microsOfDay / microsPerSecond
        let fraction = microsOfDay % microsPerSecond
        let date = "\(pad(year <= 0 ? 1 - year : year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        let time = "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        return "\(date) \(time).\(pad(fraction, 6))+00\(year <= 0 ? " BC" : "")"
    }

    /// Parses ISO-style `timestamptz`, `timestamp` (taken as UTC) or `date` text:
    /// `YYYY-MM-DD[( |T)HH:MM:SS[.ffffff]][(+|-)HH[:MM[:SS]]|Z][ BC]`, or `±infinity`.
    static func parse(_ text: String) -> Date? {
        switch text {
        case "infinity": return .distantFuture
        case "-infinity": return .distantPast
        default: break
        }
        let bytes = Array(text.utf8)
        var index = 0
        guard let year = number(bytes, &index, digits: 4...7), skip("-", bytes, &index),
              let month = number(bytes, &index, digits: 2...2), skip("-", bytes, &index),
              let day = number(bytes, &index, digits: 2...2),
              (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var micros: Int64 = 0
        if index + 1 < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "T"),
           digit(bytes[index + 1]) != nil {
            index += 1
            guard let time = timeOfDay(bytes, &index) else { return nil }
            micros += time
        }
        guard let offset = utcOffset(bytes, &index) else { return nil }
        micros -= offset * microsPerSecond
        let isBeforeChrist = skip(" ", bytes, &index) && skip("B", bytes, &index) && skip("C", bytes, &index)
        guard index == bytes.count else { return nil }
        let days = daysFromCivil(year: isBeforeChrist ? 1 - year : year, month: month, day: day)
        let unixMicros = days * microsPerDay + micros
        return Date(timeIntervalSinceReferenceDate: Double(unixMicros - referenceDateMicros) / 1_000_000)
    }

    /// `HH:MM:SS[.fraction]` as microseconds since midnight.
    private static func timeOfDay(_ bytes: [UInt8], _ index: inout Int) -> Int64? {
        guard let hour = number(bytes, &index, digits: 2...2), skip(":", bytes, &index),
              let minute = number(bytes, &index, digits: 2...2), skip(":", bytes, &index),
              let second = number(bytes, &index, digits: 2...2),
              hour <= 24, minute <= 59, second <= 60
        else { return nil }
        var fraction: Int64 = 0
        if skip(".", bytes, &index) {
            var scale = microsPerSecond
            let start = index
            while index < bytes.count, let digit = digit(bytes[index]) {
                scale /= 10
                fraction += digit * scale
                index += 1
            }
            guard index > start else { return nil }
        }
        return ((hour * 60 + minute) * 60 + second) * microsPerSecond + fraction
    }

    /// `Z` or `(+|-)HH[:MM[:SS]]` as seconds east of UTC; zero when absent, `nil` when malformed.
    private static func utcOffset(_ bytes: [UInt8], _ index: inout Int) -> Int64? {
        if skip("Z", bytes, &index) { return 0 }
        let sign: Int64
        if skip("+", bytes, &index) {
            sign = 1
        } else if skip("-", bytes, &index) {
            sign = -1
        } else {
            return 0
        }
        guard let hours = number(bytes, &index, digits: 2...2) else { return nil }
        var seconds = hours * 3600
        for unit: Int64 in [60, 1] where skip(":", bytes, &index) {
            guard let value = number(bytes, &index, digits: 2...2) else { return nil }
            seconds += value * unit
        }
        return sign * seconds
    }

    private static func number(_ bytes: [UInt8], _ index: inout Int, digits: ClosedRange<Int>) -> Int64? {
        var value: Int64 = 0
        var count = 0
        while index < bytes.count, count < digits.upperBound, let digit = digit(bytes[index]) {
            value = value * 10 + digit
            count += 1
            index += 1
        }
        return digits.contains(count) ? value : nil
    }

    private static func digit(_ byte: UInt8) -> Int64? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int64(byte - UInt8(ascii: "0")) : nil
    }

    private static func skip(_ character: Unicode.Scalar, _ bytes: [UInt8], _ index: inout Int) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (year 0 is 1 BC).
    /// Howard Hinnant's `days_from_civil`.
    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (year 0 is 1 BC).
    /// Howard Hinnant's `civil_from_days`.
    private static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
