import Foundation
import Testing
import TestSupport

/// `rateLimit` holds for the deployment, not per process: two `webhooksd worker` processes on one database share
/// one webhook's pace (each reserves its start times in the database when it claims).
///
/// The events are published by `webhooksd serve` without a dispatcher, one every 50 ms, so both workers keep
/// claiming some of them (a publisher with a dispatcher of its own would hand its new deliveries to that one).
@Suite struct RateLimitAcrossProcessesTests {
    @Test func twoWorkersTogetherKeepToOneWebhooksRate() throws {
        let service = try RunningService(extra: ["WEBHOOKS_DISPATCHER": "false"])
        let token = try service.loginDemo()
        let receiver = try ReceiverProcess(statuses: [200])
        let chatbot = "/api/v1/chatbots/\(service.demo["chatbotId"]!)"
        let created = try service.request("POST", chatbot + "/webhooks", token: token, json: [
            "url": receiver.url, "eventTypes": ["lead.*"], "rateLimit": 5, "maxConcurrency": 10,
        ])
        #expect(created.status == 201, "\(created.text)")
        let first = try WorkerProcess(environment: service.environment)
        let second = try WorkerProcess(environment: service.environment)
        Thread.sleep(forTimeInterval: 1) // both workers listening before the first event

        let apiKey = service.demo["apiKey"]
        for n in 0..<20 {
            let published = try service.request("POST", chatbot + "/events", token: apiKey,
                                                json: ["type": "lead.created", "data": ["id": "lead_\(n)"]])
            #expect(published.status == 202)
            Thread.sleep(forTimeInterval: 0.05)
        }
        let deadline = Date().addingTimeInterval(30)
        while receiver.requests.count < 20 && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let times = receiver.requests.compactMap { $0["receivedAt"] as? Double }.sorted()
        try #require(times.count == 20, "\(times.count) of 20 arrived")

        // One every 200 ms across both workers: nineteen gaps, 3.8 s (each process alone would send 5 a second,
        // together 10: the twenty would arrive within about 2 s).
        let spread = (times.last ?? 0) - (times.first ?? 0)
        #expect(spread >= 3.4, "spread \(spread) s")
        let busiestSecond = times.indices.map { start in times[start...].prefix { $0 < times[start] + 1 }.count }.max() ?? 0
        print("two workers, rateLimit 5: spread \(spread) s, at most \(busiestSecond) in one second")
        #expect(busiestSecond <= 6, "\(busiestSecond) requests within one second; arrivals \(times.map { $0 - times[0] })")
        // Waiting for a turn is neither an attempt nor a failure.
        #expect(receiver.requests.allSatisfy { ($0["headers"] as? [String: String])?["x-webhook-attempt"] == "1" })
        #expect(first.stop() == 0)
        #expect(second.stop() == 0)
    }
}
