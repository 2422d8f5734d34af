import Foundation
import Storage

/// The JSON shapes of deliveries and their attempts in the delivery log.
enum DeliveryRepresentation {
    static func json(_ delivery: DeliveryRecord) -> [String: Any] {
        [
            "id": delivery.id.uuidString.lowercased(),
            "webhookId": delivery.webhookId.uuidString.lowercased(),
            "eventId": delivery.eventId.uuidString.lowercased(),
            "chatbotId": delivery.chatbotId.uuidString.lowercased(),
            "event": delivery.eventType,
            "isTest": delivery.isTest,
            "status": delivery.status.rawValue,
            "attemptCount": delivery.attemptCount,
            "nextAttemptAt": ISODate.json(delivery.nextAttemptAt),
            "lastStatusCode": delivery.lastStatusCode.map { $0 as Any } ?? NSNull(),
            "lastError": delivery.lastError.map { $0 as Any } ?? NSNull(),
            "occurredAt": ISODate.string(delivery.occurredAt),
            "createdAt": ISODate.string(delivery.createdAt),
            "updatedAt": ISODate.string(delivery.updatedAt),
            "completedAt": ISODate.json(delivery.completedAt),
        ]
    }

    static func json(_ attempt: AttemptRecord) -> [String: Any] {
        [
            "attempt": attempt.attemptNumber,
            "startedAt": ISODate.string(attempt.startedAt),
            "durationMs": attempt.durationMs,
            "statusCode": attempt.statusCode.map { $0 as Any } ?? NSNull(),
            "error": attempt.error.map { $0 as Any } ?? NSNull(),
            "responseBody": attempt.responseBody.map { $0 as Any } ?? NSNull(),
        ]
    }

    /// A delivery with its payload and every attempt.
    static func detailed(_ delivery: DeliveryRecord, attempts: [AttemptRecord]) -> [String: Any] {
        var object = json(delivery)
        object["attempts"] = attempts.map(json)
        if let data = delivery.data, let parsed = try? JSONSerialization.jsonObject(with: Data(data.utf8)) {
            object["data"] = parsed
        }
        return object
    }
}
