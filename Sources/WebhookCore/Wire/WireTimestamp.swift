public import Foundation

/// The two renderings of an instant used on the wire: ISO 8601 UTC with milliseconds
/// (`2025-01-15T10:30:00.000Z`, as JavaScript's `Date.prototype.toISOString` prints it) and Unix seconds.
///
/// Both derive from the instant rounded to the nearest millisecond, so a `Date` read back from a database
/// (binary floating point) prints the millisecond it was created with, and the two forms always agree.
public enum WireTimestamp {
    /// The instants printable with four-digit years, 0000-01-01T00:00:00.000Z ... 9999-12-31T23:59:59.999Z,
    /// in milliseconds since 1970.
    private static let printable: ClosedRange<Double> = -62_167_219_200_000...253_402_300_799_999

    /// Milliseconds since 1970-01-01T00:00:00Z, rounded to the nearest millisecond and clamped to `printable`.
    static func milliseconds(_ date: Date) -> Int64 {
        let milliseconds = (date.timeIntervalSince1970 * 1_000).rounded()
        return milliseconds.isNaN ? 0 : Int64(min(max(milliseconds, printable.lowerBound), printable.upperBound))
    }

    /// Whole Unix seconds (rounded down), as Standard Webhooks' `webhook-timestamp` and Stripe's `t=` carry them.
    static func unixSeconds(_ date: Date) -> Int64 {
        floorDivision(milliseconds(date), by: 1_000).quotient
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` for years 0...9999 (instants outside that range are clamped to it).
    public static func iso8601(_ date: Date) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        appendISO8601(date, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the 24 bytes of ``iso8601(_:)`` to `out`, without making a string (for JSON writers).
    public static func appendISO8601(_ date: Date, to out: inout [UInt8]) {
        let (days, millisecondOfDay) = floorDivision(milliseconds(date), by: 86_400_000)
        let civil = CivilCalendar.date(days: Int(days))
        let second = Int(millisecondOfDay / 1_000)
        appendDigits(civil.year, 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(civil.month, 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(civil.day, 2, to: &out)
        out.append(UInt8(ascii: "T"))
        appendDigits(second / 3_600, 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(second / 60 % 60, 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(second % 60, 2, to: &out)
        out.append(UInt8(ascii: "."))
        appendDigits(Int(millisecondOfDay % 1_000), 3, to: &out)
        out.append(UInt8(ascii: "Z"))
    }

    /// ``iso8601(_:)`` to the second, with `zone` (`Z` or `+00:00`) in place of `.mmmZ`: the forms seed 003
    /// (`2026-05-17T12:34:56Z`) and seed 002 (`2025-01-15T10:30:00+00:00`) print.
    public static func iso8601Seconds(_ date: Date, zone: String) -> String {
        String(iso8601(date).prefix(19)) + zone
    }

    /// The last `width` decimal digits of the non-negative `value`, zero-padded.
    private static func appendDigits(_ value: Int, _ width: Int, to out: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    /// Quotient rounded towards negative infinity, and the non-negative remainder.
    private static func floorDivision(_ value: Int64, by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let remainder = (value % divisor + divisor) % divisor
        return ((value - remainder) / divisor, remainder)
    }
}
