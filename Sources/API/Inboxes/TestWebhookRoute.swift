import Foundation
import HTTPServer
import Synchronization

/// `POST /api/test-webhook`: seed 004's "built-in test endpoint that logs all incoming webhook data". Anyone may
/// post anything (any content type, up to the server's body limit); it answers `200 OK` as seed 004's receivers do
/// and logs the time and the payload (pretty JSON, or the text) in seed 004's layout, never a header (so never a
/// signature or token). Public and unauthenticated, so bounded: at most ``logBytes`` of a payload are logged, and
/// the process logs at most ``TestWebhookRateLimit/burst`` payloads at once and ``TestWebhookRateLimit/perSecond``
/// a second after that; beyond, 429 `rate_limited` with `Retry-After: 1`, logging nothing.
struct TestWebhookRoute: Sendable {
    /// How much of a payload is logged.
    static let logBytes = 16 * 1024

    let limit = TestWebhookRateLimit()

    func register(on routes: APIRouter) {
        routes.on(.post, "/api/test-webhook", access: .public) { [limit] request, context, _ in
            guard limit.admit() else {
                throw APIError(.tooManyRequests, code: "rate_limited",
                               message: "The test endpoint logs at most \(TestWebhookRateLimit.perSecond) payloads a second; try again shortly.",
                               headers: [("Retry-After", "1")])
            }
            context.logger.info("\(Self.logText(body: request.body, at: Date()))")
            return HTTPResponse.text(.ok, "OK")
        }
    }

    /// The logged block: seed 004's banner, a rule, the time and the payload, then the rule again.
    static func logText(body: [UInt8], at date: Date) -> String {
        let rule = String(repeating: "=", count: 42)
        return "🎣 WEBHOOK TEST RECEIVED!\n\(rule)\n⏰ Time: \(ISODate.string(date))\n📦 Payload: \(payloadText(body))\n\(rule)"
    }

    /// The payload as pretty JSON when it parses, else as text (invalid UTF-8 replaced), cut to ``logBytes``.
    static func payloadText(_ body: [UInt8]) -> String {
        let shown = Array(body.prefix(logBytes))
        var text: String
        if shown.count == body.count,
           let object = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]),
           let pretty = try? JSONSerialization.data(withJSONObject: object,
                                                    options: [.prettyPrinted, .withoutEscapingSlashes, .fragmentsAllowed]) {
            text = String(decoding: pretty, as: UTF8.self)
        } else {
            text = String(decoding: shown, as: UTF8.self)
        }
        if body.isEmpty { text = "(empty)" }
        if shown.count < body.count { text += "\n… (\(body.count - shown.count) more bytes not logged)" }
        return text
    }
}

/// The process-wide budget of `POST /api/test-webhook`: a token bucket of ``burst`` tokens refilled at
/// ``perSecond`` a second.
final class TestWebhookRateLimit: Sendable {
    /// Payloads logged a second, sustained.
    static let perSecond = 10
    /// Payloads logged at once after a quiet spell.
    static let burst = 20

    private let state = Mutex((tokens: Double(burst), at: ContinuousClock.now))

    /// Takes a token; `false` when none is left.
    func admit(now: ContinuousClock.Instant = .now) -> Bool {
        state.withLock { state in
            let elapsed = now - state.at
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            state.tokens = min(Double(Self.burst), state.tokens + max(0, seconds) * Double(Self.perSecond))
            state.at = now
            guard state.tokens >= 1 else { return false }
            state.tokens -= 1
            return true
        }
    }
}
