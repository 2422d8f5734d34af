@testable import Delivery
import Testing

@Suite("Dispatcher: retry wake-ups")
struct RetryWakeUpsTests {
    let start = ContinuousClock.now

    @Test func nothingIsDueWithoutRetries() {
        let wakeUps = RetryWakeUps()
        #expect(wakeUps.next == nil)
        #expect(!wakeUps.isDue(at: start + .seconds(3_600)))
        #expect(wakeUps.nextScan(regularlyAt: start + .seconds(5)) == start + .seconds(5))
    }

    @Test func theSoonestRetryComesFirstWhateverTheOrderTheyWereAdded() {
        var wakeUps = RetryWakeUps()
        for seconds in [30, 5, 60, 10, 5] {
            wakeUps.add(start + .seconds(seconds))
        }
        #expect(wakeUps.next == start + .seconds(5))
        #expect(!wakeUps.isDue(at: start + .seconds(4)))
        #expect(wakeUps.isDue(at: start + .seconds(5)))
    }

    @Test func aRetryBeforeTheRegularScanBringsTheScanForward() {
        var wakeUps = RetryWakeUps()
        wakeUps.add(start + .seconds(2))
        #expect(wakeUps.nextScan(regularlyAt: start + .seconds(5)) == start + .seconds(2))
        #expect(wakeUps.nextScan(regularlyAt: start + .seconds(1)) == start + .seconds(1))
    }

    @Test func aClaimForgetsTheRetriesDueWhenItWasAskedForAndKeepsTheLaterOnes() {
        var wakeUps = RetryWakeUps()
        for seconds in [1, 2, 3, 10, 20] {
            wakeUps.add(start + .seconds(seconds))
        }
        wakeUps.removeDue(asOf: start + .seconds(3))
        #expect(wakeUps.next == start + .seconds(10))
        wakeUps.removeDue(asOf: start + .seconds(10))
        #expect(wakeUps.next == start + .seconds(20))
        wakeUps.removeDue(asOf: start + .seconds(30))
        #expect(wakeUps.next == nil)
    }

    @Test func beyondItsCapacityOnlyTheSoonestAreKept() {
        var wakeUps = RetryWakeUps(capacity: 3)
        for seconds in [40, 10, 30, 20, 50] {
            wakeUps.add(start + .seconds(seconds))
        }
        wakeUps.removeDue(asOf: start + .seconds(20))
        #expect(wakeUps.next == start + .seconds(30))
        // 40 and 50 came after three sooner ones: left to the regular poll.
        wakeUps.removeDue(asOf: start + .seconds(30))
        #expect(wakeUps.next == nil)
    }
}
