import Foundation
import Testing
import TestSupport

extension RunningService {
    /// The newest delivery of the webhook at `base` (`/api/v1/chatbots/{id}/webhooks/{id}`), polled for up to 10 s
    /// until it has `status`, and the attempts of its detail.
    func latestDelivery(at base: String, token: String,
                        until status: String) throws -> (delivery: [String: Any], attempts: [[String: Any]]) {
        var delivery: [String: Any] = [:]
        let deadline = Date().addingTimeInterval(10)
        repeat {
            let list = try request("GET", base + "/deliveries", token: token)
            delivery = (list.json?["deliveries"] as? [[String: Any]])?.first ?? [:]
            if delivery["status"] as? String == status { break }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        #expect(delivery["status"] as? String == status)
        let detail = try request("GET", base + "/deliveries/\(delivery["id"] as? String ?? "")", token: token)
        let attempts = try #require((detail.json?["delivery"] as? [String: Any])?["attempts"] as? [[String: Any]])
        return (delivery, attempts)
    }
}
