public import Foundation

/// The headers every delivery carries besides the webhook's custom headers and its signature headers.
public enum DeliveryHeaders {
    /// The standard delivery headers, in this order:
    /// `Content-Type: application/json`, `User-Agent`, `<prefix>-Event`, `<prefix>-Timestamp` (ISO 8601 UTC with
    /// milliseconds, the envelope's `timestamp`), `<prefix>-Delivery-Id` (stable across retries, for receivers'
    /// idempotency), `<prefix>-Attempt` (1 for the first attempt), and `<prefix>-Test: true` on test sends only.
    ///
    /// - Parameters:
    ///   - prefix: The deployment's header prefix, e.g. `X-Webhook` or `X-Agentbot`.
    ///   - timestamp: The event time, the same instant as the envelope's `timestamp`.
    ///   - attempt: The attempt number, from 1.
    public static func standard(
        prefix: String,
        eventType: String,
        deliveryId: String,
        timestamp: Date,
        attempt: Int,
        isTest: Bool,
        userAgent: String
    ) -> [(String, String)] {
        var headers = [
            ("Content-Type", "application/json"),
            ("User-Agent", userAgent),
            ("\(prefix)-Event", eventType),
            ("\(prefix)-Timestamp", WireTimestamp.iso8601(timestamp)),
            ("\(prefix)-Delivery-Id", deliveryId),
            ("\(prefix)-Attempt", String(attempt)),
        ]
        if isTest {
            headers.append(("\(prefix)-Test", "true"))
        }
        return headers
    }
}
