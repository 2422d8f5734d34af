import Foundation

/// Parses the three HTTP-date forms of RFC 9110 §5.6.7, as recipients must accept them:
/// `Sun, 06 Nov 1994 08:49:37 GMT` (IMF-fixdate), `Sunday, 06-Nov-94 08:49:37 GMT` (RFC 850) and
/// `Sun Nov  6 08:49:37 1994` (asctime). The weekday must be a valid name but is not checked against the date.
enum HTTPDateParser {
    private static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let longWeekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The instant `text` names, or `nil`. `now` resolves RFC 850's two-digit years: a year that would be more
    /// than 50 years in the future is taken from the previous century (and one more than 50 years past from the next).
    static func parse(_ text: String, now: Date) -> Date? {
        let tokens = text.split(separator: " ")
        switch tokens.count {
        case 6 where tokens[0].hasSuffix(",") && weekdays.contains(String(tokens[0].dropLast())) && tokens[5] == "GMT":
            return date(day: tokens[1], dayDigits: 2...2, month: tokens[2], year: number(tokens[3], digits: 4...4), time: tokens[4])
        case 4 where tokens[0].hasSuffix(",") && longWeekdays.contains(String(tokens[0].dropLast())) && tokens[3] == "GMT":
            let parts = tokens[1].split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, let shortYear = number(parts[2], digits: 2...2) else { return nil }
            return date(day: parts[0], dayDigits: 2...2, month: parts[1], year: fullYear(shortYear, now: now), time: tokens[2])
        case 5 where weekdays.contains(String(tokens[0])):
            return date(day: tokens[2], dayDigits: 1...2, month: tokens[1], year: number(tokens[4], digits: 4...4), time: tokens[3])
        default:
            return nil
        }
    }

    private static func date(
        day dayText: Substring, dayDigits: ClosedRange<Int>, month monthText: Substring, year: Int?, time: Substring
    ) -> Date? {
        let clock = time.split(separator: ":", omittingEmptySubsequences: false)
        guard let year, let monthIndex = months.firstIndex(of: String(monthText)),
              let day = number(dayText, digits: dayDigits),
              (1...CivilCalendar.daysInMonth(year: year, month: monthIndex + 1)).contains(day),
              clock.count == 3,
              let hour = number(clock[0], digits: 2...2), hour < 24,
              let minute = number(clock[1], digits: 2...2), minute < 60,
              let second = number(clock[2], digits: 2...2), second <= 60
        else { return nil }
        let days = CivilCalendar.days(year: year, month: monthIndex + 1, day: day)
        return Date(timeIntervalSince1970: TimeInterval(((days * 24 + hour) * 60 + minute) * 60 + second))
    }

    /// The four-digit year closest to `now`'s year (within 50 years) ending in `shortYear`.
    private static func fullYear(_ shortYear: Int, now: Date) -> Int {
        let currentYear = CivilCalendar.date(days: Int((now.timeIntervalSince1970 / 86_400).rounded(.down))).year
        let candidate = currentYear - currentYear % 100 + shortYear
        if candidate > currentYear + 50 { return candidate - 100 }
        if candidate < currentYear - 50 { return candidate + 100 }
        return candidate
    }

    /// The value of `text` if it is `digits` ASCII digits long, else `nil`.
    private static func number(_ text: Substring, digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(text.utf8.count),
              text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return nil }
        return Int(text)
    }
}
