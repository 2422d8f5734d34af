import Foundation
import Testing
import TestSupport

/// A webhook's `retrySchedule` driving real retries: publish through the API, deliver through `serve`'s dispatcher
/// to a receiver that fails three times.
@Suite struct RetryScheduleDeliveryTests {
    @Test func retriesFollowTheScheduleInsteadOfTheBackoff() throws {
        let service = try RunningService()
        let token = try service.loginDemo()
        let receiver = try ReceiverProcess(statuses: [500, 500, 500, 200])
        let chatbot = "/api/v1/chatbots/\(service.demo["chatbotId"]!)"
        // A backoff from one hour: only the schedule can bring four attempts within the wait below.
        let created = try service.request("POST", chatbot + "/webhooks", token: token, json: [
            "url": receiver.url, "eventTypes": ["lead.*"], "retryDelay": 3_600_000, "retrySchedule": [200, 600, 1_200],
        ])
        #expect(created.status == 201, "\(created.text)")
        let webhookId = try #require((created.json?["webhook"] as? [String: Any])?["id"] as? String)
        _ = try service.request("POST", chatbot + "/events", token: service.demo["apiKey"],
                                json: ["type": "lead.created", "data": ["id": "lead_1"]])

        let requests = receiver.waitFor(4)
        #expect(requests.compactMap { ($0["headers"] as? [String: String])?["x-webhook-attempt"] } == ["1", "2", "3", "4"])

        let base = chatbot + "/webhooks/\(webhookId)"
        let (_, attempts) = try service.latestDelivery(at: base, token: token, until: "succeeded")
        #expect(attempts.map { $0["statusCode"] as? Int } == [500, 500, 500, 200])

        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let starts = attempts.compactMap { ($0["startedAt"] as? String).flatMap(formatter.date(from:)) }
        try #require(starts.count == 4)
        let gaps = zip(starts.dropFirst(), starts).map { $0.timeIntervalSince($1) }
        // Each retry waits at least its delay (the log keeps milliseconds, hence the 5 ms of rounding); how much
        // later it starts depends on the machine, so the order of the gaps is checked only end to end.
        for (gap, delay) in zip(gaps, [0.2, 0.6, 1.2]) {
            #expect(gap >= delay - 0.005, "gaps \(gaps)")
        }
        #expect(gaps[2] > gaps[0], "gaps \(gaps)")
    }
}
