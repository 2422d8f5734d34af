/// Parses the three HTTP-date forms of RFC 9110 §5.6.7 into Unix seconds, in pure Swift.
enum HTTPDate {
    /// `Sun, 06 Nov 1994 08:49:37 GMT` (IMF-fixdate), `Sunday, 06-Nov-94 08:49:37 GMT` (RFC 850)
    /// or `Sun Nov  6 08:49:37 1994` (asctime). `nil` when the text is none of them.
    static func unixSeconds(from text: String) -> Int64? {
        let tokens = text.split(separator: " ")
        guard let first = tokens.first else { return nil }
        if first.hasSuffix(",") {
            if tokens.count == 6, tokens[5] == "GMT" {
                return make(day: tokens[1], month: tokens[2], year: tokens[3], time: tokens[4])
            }
            if tokens.count == 4, tokens[3] == "GMT" {
                let date = tokens[1].split(separator: "-", omittingEmptySubsequences: false)
                guard date.count == 3, let shortYear = number(date[2], digits: 2...2) else { return nil }
                let year = String(shortYear < 70 ? 2000 + shortYear : 1900 + shortYear)
                return make(day: date[0], month: date[1], year: Substring(year), time: tokens[2])
            }
            return nil
        }
        guard tokens.count == 5 else { return nil }
        return make(day: tokens[2], month: tokens[1], year: tokens[4], time: tokens[3])
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func make(day: Substring, month: Substring, year: Substring, time: Substring) -> Int64? {
        let clock = time.split(separator: ":", omittingEmptySubsequences: false)
        guard let monthIndex = months.firstIndex(of: month.lowercased()),
              let day = number(day, digits: 1...2), (1...31).contains(day),
              let year = number(year, digits: 4...4),
              clock.count == 3,
              let hour = number(clock[0], digits: 2...2), hour < 24,
              let minute = number(clock[1], digits: 2...2), minute < 60,
              let second = number(clock[2], digits: 2...2), second <= 60
        else { return nil }
        let days = daysSinceEpoch(year: year, month: Int64(monthIndex) + 1, day: day)
        return days * 86_400 + hour * 3_600 + minute * 60 + second
    }

    private static func number(_ text: Substring, digits: ClosedRange<Int>) -> Int64? {
        guard digits.contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int64(text)
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    private static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
