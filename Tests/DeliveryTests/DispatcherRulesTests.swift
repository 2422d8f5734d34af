@testable import Delivery
import Foundation
import Storage
import Testing
import WebhookCore

/// The dispatcher's pure rules: outcomes and verdicts, and per-webhook lanes.
@Suite struct DispatcherRulesTests {
    private func claimed(isTest: Bool = false, budgetAttempt: Int = 1, maxRetries: Int = 3, retryDelayMs: Int = 1_000,
                         leaseSeconds: Double = 60, timeoutMs: Int = 10_000) -> ClaimedDelivery {
        ClaimedDelivery(
            id: UUID(), tenantId: UUID(), webhookId: UUID(), eventId: UUID(), eventType: "lead.created", isTest: isTest,
            attemptNumber: budgetAttempt, budgetAttempt: budgetAttempt,
            leaseExpiresAt: Date().addingTimeInterval(leaseSeconds), chatbotId: UUID(), data: "{}", occurredAt: Date(),
            url: "http://example.com", signatureScheme: .standard, secretCiphertext: [], previousSecretCiphertext: nil,
            previousSecretExpiresAt: nil, headers: [], timeoutMs: timeoutMs, maxRetries: maxRetries,
            retryDelayMs: retryDelayMs, maxConcurrency: 2)
    }

    private func outcome(_ delivery: ClaimedDelivery, _ result: OutboundResult, now: Date = Date()) -> DeliveryOutcome {
        DeliveryOutcome(delivery: delivery, request: AttemptRequest(headers: [], payloadFormat: .standard, dashboardURL: nil),
                        result: result, startedAt: now, now: now, bodyLimit: 4_096)
    }

    @Test func twoHundredsSucceedEverythingElseIsAFailedAttempt() {
        let delivery = claimed()
        #expect(outcome(delivery, OutboundResult(tag: 1, statusCode: 204)).verdict == .succeeded)
        #expect(outcome(delivery, OutboundResult(tag: 1, statusCode: 204)).error == nil)
        let redirect = outcome(delivery, OutboundResult(tag: 1, statusCode: 302))
        #expect(redirect.error == "HTTP 302")
        #expect(redirect.verdict != .succeeded)
        let timeout = outcome(delivery, OutboundResult(tag: 1, duration: .seconds(10), error: .timeout))
        #expect(timeout.error == "timed out" && timeout.statusCode == nil && timeout.durationMs == 10_000)
    }

    @Test func retriesFollowTheBudgetAndTheLastAttemptFails() throws {
        let now = Date()
        let first = outcome(claimed(budgetAttempt: 1, maxRetries: 2, retryDelayMs: 1_000),
                            OutboundResult(tag: 1, statusCode: 500), now: now)
        guard case .retry(let at) = first.verdict else {
            Issue.record("expected a retry, got \(first.verdict)")
            return
        }
        #expect((0.8...1.2).contains(at.timeIntervalSince(now)))
        let last = outcome(claimed(budgetAttempt: 3, maxRetries: 2), OutboundResult(tag: 1, statusCode: 500))
        #expect(last.verdict == .failed)
    }

    @Test func retryAfterCountsOnlyOnTheSlowDownStatuses() throws {
        let now = Date()
        let delivery = claimed(retryDelayMs: 100)
        for (status, honoured) in [(429, true), (502, true), (503, true), (504, true), (500, false), (501, false)] {
            let result = OutboundResult(tag: 1, statusCode: status, retryAfter: .seconds(120))
            guard case .retry(let at) = outcome(delivery, result, now: now).verdict else {
                Issue.record("expected a retry for \(status)")
                continue
            }
            #expect((at.timeIntervalSince(now) >= 119) == honoured, "status \(status)")
        }
    }

    @Test func testSendsAreNeverRetried() {
        let result = OutboundResult(tag: 1, statusCode: 503, retryAfter: .seconds(1))
        #expect(outcome(claimed(isTest: true, maxRetries: 5), result).verdict == .failed)
    }

    @Test func responseBodyIsKeptAsLossyTextUpToTheCap() {
        let body = Array("ok ".utf8) + [0xFF, 0xFE] + [UInt8](repeating: 0x41, count: 5_000)
        let kept = outcome(claimed(), OutboundResult(tag: 1, statusCode: 200, responseBody: body))
        #expect(kept.responseBody?.hasPrefix("ok \u{FFFD}\u{FFFD}AAA") == true)
        #expect(kept.responseBody?.unicodeScalars.count == 4_096)
        #expect(outcome(claimed(), OutboundResult(tag: 1, statusCode: 200)).responseBody == nil)
    }

    @Test func laneIsFirstInFirstOutAndAdmitsWhatItCanSendWithinTheLease() {
        let lane = WebhookLane(now: .now)
        lane.maxConcurrency = 2
        let deliveries = (0..<100).map { _ in claimed() }
        deliveries.forEach(lane.append)
        #expect(lane.popWaiting()?.id == deliveries[0].id)
        let stale = Set(deliveries[10..<20].map(\.id))
        #expect(lane.removeWaiting { stale.contains($0.id) }.count == 10)
        var order: [UUID] = []
        while let next = lane.popWaiting() { order.append(next.id) }
        #expect(order == deliveries.dropFirst().map(\.id).filter { !stale.contains($0) })
        #expect(lane.isIdle)

        // Unknown speed: assumed fast. A slow webhook: only what fits in the window.
        #expect(lane.admissionLimit(window: .seconds(45)) >= 100)
        lane.noteDuration(.seconds(5))
        #expect(lane.admissionLimit(window: .seconds(45)) == 2 * 9)
        // A window shorter than one request still admits one round.
        #expect(lane.admissionLimit(window: .seconds(1)) == 2)
        #expect(lane.admissionLimit(window: .zero) == 2)
    }
}
