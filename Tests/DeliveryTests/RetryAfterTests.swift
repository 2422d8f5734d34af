import Delivery
import Testing

@Suite struct RetryAfterTests {
    /// 1994-11-06 08:49:37 UTC.
    static let example: Int64 = 784_111_777

    @Test func delaySecondsAreReadAsIs() {
        #expect(RetryAfter.delay(from: "7", now: 0) == .seconds(7))
        #expect(RetryAfter.delay(from: " 120 ", now: 0) == .seconds(120))
        #expect(RetryAfter.delay(from: "0", now: 0) == .zero)
        #expect(RetryAfter.delay(from: "99999999999999999999999", now: 0) == .seconds(Int64(Int32.max)))
    }

    @Test(arguments: ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"])
    func allThreeHTTPDateFormsGiveTheTimeLeft(value: String) {
        #expect(RetryAfter.delay(from: value, now: Self.example - 90) == .seconds(90))
    }

    @Test func httpDateInThePastMeansNoWait() {
        #expect(RetryAfter.delay(from: "Sun, 06 Nov 1994 08:49:37 GMT", now: Self.example + 3_600) == .zero)
    }

    @Test func datesAcrossCenturiesAndLeapYearsAreExact() {
        #expect(RetryAfter.delay(from: "Thu, 01 Jan 1970 00:00:00 GMT", now: 0) == .zero)
        #expect(RetryAfter.delay(from: "Tue, 29 Feb 2000 12:00:00 GMT", now: 0) == .seconds(951_825_600))
        #expect(RetryAfter.delay(from: "Wed, 21 Oct 2015 07:28:00 GMT", now: 0) == .seconds(1_445_412_480))
    }

    @Test(arguments: ["", "soon", "-5", "1.5", "7s", "Sun, 06 Nov 1994 08:49:37 PST", "Sun, 32 Nov 1994 08:49:37 GMT",
                      "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 06 Nov 94 08:49:37 GMT"])
    func invalidValuesAreIgnored(value: String) {
        #expect(RetryAfter.delay(from: value, now: 0) == nil)
    }
}
