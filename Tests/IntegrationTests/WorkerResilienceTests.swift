import Foundation
import Testing
import TestSupport

/// Separate `webhooksd worker` processes sharing one database: a crash loses nothing, two workers never send the
/// same delivery twice while both are healthy.
@Suite(.serialized) struct WorkerResilienceTests {
    func setUp(events: Int, delayMilliseconds: Int) throws -> (RunningService, ReceiverProcess) {
        let service = try RunningService(extra: ["WEBHOOKS_DISPATCHER": "false"])
        let token = try service.loginDemo()
        let receiver = try ReceiverProcess(statuses: [200], delayMilliseconds: delayMilliseconds)
        let created = try service.request("POST", "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks", token: token,
                                          json: ["url": receiver.url, "eventTypes": ["lead.*"], "maxConcurrency": 10])
        #expect(created.status == 201)
        let client = try service.client()
        for index in 0..<events {
            let body = Array(try JSONSerialization.data(withJSONObject: ["type": "lead.created", "data": ["id": "lead_\(index)"]]))
            let published = try client.send(method: "POST", path: "/api/v1/chatbots/\(service.demo["chatbotId"]!)/events",
                                            headers: [("Authorization", "Bearer \(service.demo["apiKey"]!)"),
                                                      ("Content-Type", "application/json")], body: body)
            #expect(published.status == 202)
        }
        return (service, receiver)
    }

    func deliveryIds(_ receiver: ReceiverProcess) -> [String] {
        receiver.requests.compactMap { ($0["headers"] as? [String: String])?["x-webhook-delivery-id"] }
    }

    func waitForDistinct(_ receiver: ReceiverProcess, _ count: Int, timeout: TimeInterval) {
        let deadline = Date().addingTimeInterval(timeout)
        while Set(deliveryIds(receiver)).count < count && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
    }

    @Test func aWorkerKilledMidFlightLosesNothingAndItsLeasesComeBack() throws {
        let (service, receiver) = try setUp(events: 200, delayMilliseconds: 50)
        let first = try WorkerProcess(environment: service.environment)
        _ = receiver.waitFor(30)
        first.crash()
        let beforeRestart = deliveryIds(receiver).count
        let second = try WorkerProcess(environment: service.environment)
        // Leases of the killed worker expire (at least the 30 s maximum timeout plus a margin) before they return.
        waitForDistinct(receiver, 200, timeout: 150)
        let ids = deliveryIds(receiver)
        #expect(Set(ids).count == 200, "every delivery reached the receiver at least once")
        let duplicates = ids.count - Set(ids).count
        print("crash test: \(beforeRestart) received before the kill, \(duplicates) duplicates after the restart")
        #expect(duplicates <= 20, "only what was in flight at the kill may arrive twice")
        #expect(second.stop() == 0)
        let states = try ServiceProcess.runPSQL(url: service.database.url,
                                                "SELECT status || ':' || count(*) FROM deliveries GROUP BY status")
        #expect(states.trimmingCharacters(in: .whitespacesAndNewlines) == "succeeded:200")
    }

    @Test func twoWorkersOnOneDatabaseSendEachDeliveryOnce() throws {
        let (service, receiver) = try setUp(events: 300, delayMilliseconds: 5)
        let first = try WorkerProcess(environment: service.environment)
        let second = try WorkerProcess(environment: service.environment)
        waitForDistinct(receiver, 300, timeout: 60)
        let ids = deliveryIds(receiver)
        #expect(Set(ids).count == 300)
        #expect(ids.count == 300, "no delivery sent twice while both workers are healthy")
        #expect(first.stop() == 0)
        #expect(second.stop() == 0)
    }
}
