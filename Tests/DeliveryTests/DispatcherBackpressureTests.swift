import Delivery
import Foundation
import Postgres
import Storage
import Testing
import TestSupport

/// A database slower than the receivers holds sending back: outcomes waiting to be written past `maxUnrecorded`
/// take room from new deliveries, so the dispatcher's memory stays bounded however fast receivers answer.
@Suite struct DispatcherBackpressureTests {
    @Test func outcomesThatCannotBeWrittenStopNewSends() throws {
        let receiver = try TestReceiver { _ in CannedResponse(status: 204) }
        defer { receiver.stop() }
        let f = try DispatchFixture()
        _ = try f.webhook(url: receiver.baseURL + "/in")
        for n in 0..<40 { _ = try f.publish(data: #"{"n":\#(n)}"#) }

        // Writing outcomes waits for this lock (their attempts are inserted); claims do not need it.
        let blocker = try PostgresConnection(url: f.url)
        defer { blocker.close() }
        try blocker.simpleQuery("BEGIN; LOCK TABLE delivery_attempts IN EXCLUSIVE MODE")
        _ = try f.startDispatcher {
            $0.maxInFlight = 4
            $0.batchSize = 4
            $0.maxUnrecorded = 6
            $0.recordBatchSize = 1
        }
        // Room for 4 in flight, plus the 6 outcomes that may wait: 10 sends, then nothing while none is written.
        #expect(receiver.waitForRequests(10).count == 10)
        Thread.sleep(forTimeInterval: 1)
        #expect(receiver.requests.count <= 10, "\(receiver.requests.count) sent while no outcome could be written")
        #expect(try f.count(status: "succeeded") == 0)

        try blocker.simpleQuery("ROLLBACK")
        #expect(receiver.waitForRequests(40).count == 40)
        #expect(try eventually { try f.count(status: "succeeded") == 40 })
        #expect(Set(receiver.requests.compactMap { $0.header("X-Webhook-Delivery-Id") }).count == 40)
    }
}
