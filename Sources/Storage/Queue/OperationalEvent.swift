import Foundation
import Postgres
import WebhookCore

/// An operational event a write of outcomes raises (`webhook.disabled`, `delivery.exhausted`), read from
/// ``DeliveryQueue/recordSQL``'s `disabled` and `exhausted` rows and published in the same transaction, to the
/// webhooks of the same tenant and chatbot that subscribe to it.
struct OperationalEvent {
    /// The tenant whose webhook it is about.
    let tenantId: UUID
    /// The chatbot of that webhook: the event is published on it.
    let chatbotId: UUID
    /// The event's type and `data`.
    let type: EventType
    let data: JSONValue

    /// The event of a `disabled` or `exhausted` row (columns as ``DeliveryQueue/noOperationalColumns`` lists them,
    /// after the kind and id), or `nil` when the row raises none (only operational deliveries failed).
    init?(kind: String, row: PostgresRow) throws {
        guard try row.decode(13, as: Bool?.self) == true else { return nil }
        tenantId = try row.decode(2)
        chatbotId = try row.decode(3)
        let webhookId = try row.decode(4, as: UUID.self).uuidString.lowercased()
        let name = try row.decode(5, as: String.self)
        switch kind {
        case "disabled":
            type = .webhookDisabled
            let disabledAt = try row.decode(8, as: Date.self)
            data = [
                "webhookId": .string(webhookId),
                "name": .string(name),
                "url": .string(try row.decode(6, as: String.self)),
                "reason": .string(try row.decode(7, as: String.self)),
                "disabledAt": .string(WireTimestamp.iso8601(disabledAt)),
            ]
        default:
            type = .deliveryExhausted
            let status = try row.decode(10, as: Int?.self)
            let error = try row.decode(11, as: String?.self)
            data = [
                "deliveryId": .string(try row.decode(1, as: UUID.self).uuidString.lowercased()),
                "webhookId": .string(webhookId),
                "webhookName": .string(name),
                "eventId": .string(try row.decode(12, as: UUID.self).uuidString.lowercased()),
                "eventType": .string(try row.decode(7, as: String.self)),
                "attempts": .number(Double(try row.decode(9, as: Int.self))),
                "lastStatusCode": status.map { .number(Double($0)) } ?? .null,
                "lastError": error.map { .string($0) } ?? .null,
            ]
        }
    }

    /// The publication of this event, occurring at `now`.
    func publication(at now: Date) -> EventPublication {
        EventPublication(tenantId: tenantId, chatbotId: chatbotId, eventType: type.name,
                         subscriptionKeys: type.subscriptionKeys, idempotencyKey: nil,
                         data: String(decoding: data.compactJSON, as: UTF8.self), occurredAt: now)
    }
}
