import Foundation
import Storage

/// The JSON shapes of deliveries and their attempts in the delivery log.
enum DeliveryRepresentation {
    static func json(_ delivery: DeliveryRecord) -> JSON.Value { .object(members(delivery)) }

    private static func members(_ delivery: DeliveryRecord) -> [String: JSON.Value] {
        [
            "id": .uuid(delivery.id),
            "webhookId": .uuid(delivery.webhookId),
            "eventId": .uuid(delivery.eventId),
            "chatbotId": .uuid(delivery.chatbotId),
            "event": .string(delivery.eventType),
            "isTest": .bool(delivery.isTest),
            "status": .string(delivery.status.rawValue),
            "attemptCount": .int(delivery.attemptCount),
            "nextAttemptAt": .date(delivery.nextAttemptAt),
            "lastStatusCode": .int(delivery.lastStatusCode),
            "lastError": .string(delivery.lastError),
            "occurredAt": .date(delivery.occurredAt),
            "createdAt": .date(delivery.createdAt),
            "updatedAt": .date(delivery.updatedAt),
            "completedAt": .date(delivery.completedAt),
        ]
    }

    static func json(_ attempt: AttemptRecord) -> JSON.Value {
        [
            "attempt": .int(attempt.attemptNumber),
            "startedAt": .date(attempt.startedAt),
            "durationMs": .int(attempt.durationMs),
            "statusCode": .int(attempt.statusCode),
            "error": .string(attempt.error),
            "responseBody": .string(attempt.responseBody),
        ]
    }

    /// A delivery with its payload and every attempt.
    static func detailed(_ delivery: DeliveryRecord, attempts: [AttemptRecord]) -> JSON.Value {
        var object = members(delivery)
        object["attempts"] = .array(attempts.map(json))
        if let data = delivery.data, let parsed = try? JSONSerialization.jsonObject(with: Data(data.utf8)) {
            object["data"] = JSON.Value(parsed: parsed)
        }
        return .object(object)
    }
}
