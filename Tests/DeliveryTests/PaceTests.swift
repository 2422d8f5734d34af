@testable import Delivery
import Testing

@Suite("Dispatcher: a webhook's pace (rateLimit)")
struct PaceTests {
    let start = ContinuousClock.now

    @Test func startsAreOneIntervalApartWithoutBurst() {
        var pace = Pace<ContinuousClock.Instant>(rate: 5)
        #expect(pace.interval == .milliseconds(200) && pace.tolerance == .milliseconds(10))
        #expect(pace.mayStart(at: start))
        pace.started(at: start)
        #expect(!pace.mayStart(at: start) && !pace.mayStart(at: start + .milliseconds(189)))
        #expect(pace.mayStart(at: start + .milliseconds(190)))
        #expect(pace.nextStart == start + .milliseconds(190))
    }

    @Test func fifteenStartsAtFivePerSecondSpanAboutThreeSecondsEvenWakingLate() {
        var pace = Pace<ContinuousClock.Instant>(rate: 5)
        var now = start
        var starts: [ContinuousClock.Instant] = []
        while starts.count < 15 {
            if pace.mayStart(at: now) {
                pace.started(at: now)
                starts.append(now)
            }
            // A dispatcher that wakes at the next start, 3 ms late.
            now = (pace.nextStart ?? now) + .milliseconds(3)
        }
        let span = starts[0].duration(to: starts[14])
        #expect(span >= .milliseconds(2_650) && span <= .milliseconds(2_900), "\(span)")
    }

    @Test func anIdleLaneStartsItsNextTwoAnIntervalApart() {
        var pace = Pace<ContinuousClock.Instant>(rate: 2)
        pace.started(at: start)
        let later = start + .seconds(60)
        #expect(pace.mayStart(at: later))
        pace.started(at: later)
        #expect(!pace.mayStart(at: later + .milliseconds(400)))
        #expect(pace.mayStart(at: later + .milliseconds(475)))
    }

    @Test func aPacedLaneAdmitsOnlyWhatItCanSendWithinTheWindow() {
        let lane = WebhookLane(now: start)
        lane.maxConcurrency = 16
        #expect(lane.admissionLimit(window: .seconds(10)) == 16 * 100)
        lane.keepPace(5)
        #expect(lane.admissionLimit(window: .seconds(10)) == 50)
        #expect(lane.admissionLimit(window: .zero) == 1)
        lane.keepPace(nil)
        #expect(lane.pace == nil)
    }

    @Test func aPacedLaneStartsOnlyAtTheStartsItsClaimsReservedAndUsesEachOnce() {
        let lane = WebhookLane(now: start)
        lane.keepPace(5)
        // No reserved start: held back, with no time to wake for (its deliveries wait for their lease).
        #expect(lane.isHeldBack(at: start) && lane.resumesAt(after: start) == nil)
        lane.reserve(start + .seconds(1))
        lane.reserve(start + .milliseconds(1_200))
        #expect(lane.isHeldBack(at: start + .milliseconds(989)))
        #expect(lane.resumesAt(after: start) == start + .milliseconds(990))
        #expect(!lane.isHeldBack(at: start + .milliseconds(990)))
        lane.started(at: start + .seconds(1))
        #expect(lane.reservedStarts == [start + .milliseconds(1_200)])
        #expect(lane.isHeldBack(at: start + .milliseconds(1_189)) && !lane.isHeldBack(at: start + .milliseconds(1_190)))
        lane.started(at: start + .milliseconds(1_190))
        #expect(lane.reservedStarts.isEmpty && lane.isHeldBack(at: start + .seconds(5)))
        // A lane without a pace never waits for reserved starts.
        let free = WebhookLane(now: start)
        #expect(!free.isHeldBack(at: start))
    }
}
