import Foundation
import Testing
import WebhookCore

@Suite struct StatisticsWindowTests {
    static func date(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }

    @Test func dayIsTwentyFourHourlyBucketsEndingWithTheCurrentHour() throws {
        let now = try Self.date("2026-01-10T12:30:00Z")
        let starts = StatisticsWindow.day.bucketStarts(now: now)
        #expect(starts.count == 24)
        #expect(starts.first == (try Self.date("2026-01-09T13:00:00Z")))
        #expect(starts.last == (try Self.date("2026-01-10T12:00:00Z")))
        #expect(StatisticsWindow.day.range(now: now) == (try Self.date("2026-01-09T13:00:00Z"), now))
    }

    @Test func weekIsTwentyEightSixHourlyBucketsAlignedOnUTC() throws {
        let now = try Self.date("2026-01-10T12:30:00Z")
        let starts = StatisticsWindow.week.bucketStarts(now: now)
        #expect(starts.count == 28)
        #expect(starts.first == (try Self.date("2026-01-03T18:00:00Z")))
        #expect(starts.last == (try Self.date("2026-01-10T12:00:00Z")))
        #expect(zip(starts, starts.dropFirst()).allSatisfy { $1.timeIntervalSince($0) == 6 * 3_600 })
    }

    @Test func aNowOnABucketBoundaryOpensANewBucket() throws {
        let now = try Self.date("2026-01-10T18:00:00Z")
        #expect(StatisticsWindow.week.bucketStarts(now: now).last == now)
        #expect(StatisticsWindow.day.range(now: now).start == (try Self.date("2026-01-09T19:00:00Z")))
    }

    @Test func windowsAreNamedAsTheQueryParameterSpellsThem() {
        #expect(StatisticsWindow(rawValue: "24h") == .day)
        #expect(StatisticsWindow(rawValue: "7d") == .week)
        #expect(StatisticsWindow(rawValue: "7D") == nil)
    }
}
