import Delivery
import Foundation
import Postgres
import Storage
import Testing

@Suite struct DeliveryWakeUpTests {
    @Test func aNudgeSendsANotifyAndABurstOfNudgesIsFolded() throws {
        let f = try DispatchFixture()
        let listener = try PostgresListener(url: f.url, channels: [EventStore.notificationChannel])
        defer { listener.close() }

        // A nudge sends one; a burst of nudges sends at least one and far fewer than the burst.
        f.wakeUp.nudge()
        #expect(try listener.wait(timeout: .seconds(5)).map(\.channel) == [EventStore.notificationChannel])
        for _ in 0..<200 { f.wakeUp.nudge() }
        var received = 0
        while case let batch = try listener.wait(timeout: .milliseconds(500)), !batch.isEmpty { received += batch.count }
        #expect((1..<200).contains(received))
    }

    @Test func aStoppedWakeUpSendsNothing() throws {
        let f = try DispatchFixture()
        let listener = try PostgresListener(url: f.url, channels: [EventStore.notificationChannel])
        defer { listener.close() }

        f.wakeUp.stop(deadline: .now + .seconds(1))
        f.wakeUp.nudge()
        #expect(try listener.wait(timeout: .milliseconds(300)).isEmpty)
    }
}
