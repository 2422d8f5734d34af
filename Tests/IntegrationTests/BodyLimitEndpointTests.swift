import Foundation
import Testing
import TestSupport

/// What the real server refuses before any route sees the request.
@Suite struct BodyLimitEndpointTests {
    @Test func aBodyOverTheServersLimitAnswers413() throws {
        let service = try RunningService()
        let token = try service.loginDemo()
        let huge = try service.client().send(
            method: "POST", path: "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks",
            headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
            body: Array(repeating: UInt8(ascii: " "), count: 2 * 1024 * 1024))
        #expect(huge.status == 413)
    }
}
