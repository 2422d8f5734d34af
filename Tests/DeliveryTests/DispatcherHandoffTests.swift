import Delivery
import Foundation
import Storage
import Testing
import TestSupport
import WebhookCore

/// Deliveries handed from the publisher to the dispatcher of the same process, without a claim.
@Suite struct DispatcherHandoffTests {
    /// Waits until the dispatcher's thread has offered room (after its first turn), without keeping any.
    private func waitUntilTakingHandoffs(_ dispatcher: Dispatcher) -> Bool {
        eventually {
            let reserved = dispatcher.reserve(upTo: 1)
            dispatcher.take([], reserved: reserved)
            return reserved == 1
        }
    }

    @Test func publishedDeliveriesGoStraightToTheDispatcherOfTheProcess() throws {
        let receiver = try TestReceiver { _ in CannedResponse(status: 204) }
        defer { receiver.stop() }
        let f = try DispatchFixture()
        _ = try f.webhook(url: receiver.baseURL + "/in")
        // No listener and a poll far beyond the test: only a hand-off can bring these deliveries out in time.
        let dispatcher = try f.startDispatcher(listening: false) { $0.pollInterval = .seconds(600) }
        #expect(waitUntilTakingHandoffs(dispatcher))
        f.publisher.handOff(to: dispatcher)

        for index in 0..<5 {
            let result = try f.publish(data: #"{"n":\#(index)}"#)
            #expect(result.deliveriesQueued == 1)
        }
        let requests = receiver.waitForRequests(5)
        #expect(requests.count == 5)
        #expect(Set(requests.map(\.body)).count == 5)
        #expect(try eventually { try f.count(status: "succeeded") == 5 })
        #expect(try f.deliveries().allSatisfy { $0.attemptCount == 1 && $0.leaseOwner == nil })
        #expect(dispatcher.statistics.handedOver == 5)

        // Once stopped, it takes nothing: new deliveries are queued for any worker.
        f.publisher.handOff(to: nil)
        dispatcher.stop(deadline: .now + .seconds(1))
        #expect(dispatcher.reserve(upTo: 10) == 0)
        _ = try f.publish(data: #"{"n":5}"#)
        #expect(try f.count(status: "pending") == 1)
        #expect(try f.deliveries().last?.leaseOwner == nil)
    }

    @Test func aFullDispatcherLeavesTheRestToTheQueue() throws {
        let receiver = try TestReceiver { _ in CannedResponse(status: 204) }
        defer { receiver.stop() }
        let f = try DispatchFixture()
        for _ in 0..<3 { _ = try f.webhook(url: receiver.baseURL + "/in") }
        let dispatcher = try f.startDispatcher { $0.maxInFlight = 2 }
        #expect(waitUntilTakingHandoffs(dispatcher))
        f.publisher.handOff(to: dispatcher)

        // Three deliveries, room for two at most: the third is claimed after the NOTIFY.
        #expect(try f.publish(data: #"{"n":0}"#).deliveriesQueued == 3)
        #expect(receiver.waitForRequests(3).count == 3)
        #expect(try eventually { try f.count(status: "succeeded") == 3 })
        let handedOver = dispatcher.statistics.handedOver
        #expect((1...2).contains(handedOver))
    }
}
