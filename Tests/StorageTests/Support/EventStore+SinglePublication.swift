import Foundation
import Storage
import Testing

extension EventStore {
    /// Stores one event and queues its deliveries through ``EventStore/publish(_:now:)``.
    func publish(tenantId: UUID, chatbotId: UUID, eventType: String, subscriptionKeys: [String],
                 idempotencyKey: String?, data: String, occurredAt: Date, now: Date = Date()) throws -> PublishResult {
        let publication = EventPublication(tenantId: tenantId, chatbotId: chatbotId, eventType: eventType,
                                           subscriptionKeys: subscriptionKeys, idempotencyKey: idempotencyKey,
                                           data: data, occurredAt: occurredAt)
        return try #require(try publish([publication], now: now).first)
    }
}
