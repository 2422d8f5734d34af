import Foundation
import Storage
import WebhookCore

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

    /// An attempt of `delivery`, with its request as sent (``request(_:of:)``).
    static func json(_ attempt: AttemptRecord, of delivery: DeliveryRecord) -> JSON.Value {
        [
            "attempt": .int(attempt.attemptNumber),
            "startedAt": .date(attempt.startedAt),
            "durationMs": .int(attempt.durationMs),
            "statusCode": .int(attempt.statusCode),
            "error": .string(attempt.error),
            "responseBody": .string(attempt.responseBody),
            "request": attempt.request.flatMap { request($0, of: delivery) } ?? .null,
        ]
    }

    /// `{"headers": [[name, value], ...], "body": text}`: the headers as logged (credentials masked), and the body
    /// rendered again from the delivery's stored event with the format and dashboard URL the attempt used; the
    /// body is a function of those alone, so these are the bytes sent. `nil` without the event's data.
    private static func request(_ request: AttemptRequest, of delivery: DeliveryRecord) -> JSON.Value? {
        guard let data = delivery.data, let type = EventType.named(delivery.eventType) else { return nil }
        let context = PayloadContext(deliveryId: delivery.id.uuidString.lowercased(),
                                     chatbotId: delivery.chatbotId.uuidString.lowercased(),
                                     occurredAt: delivery.occurredAt, dashboardURL: request.dashboardURL,
                                     isTest: delivery.isTest)
        guard let body = request.payloadFormat.body(eventType: type, data: Array(data.utf8), context: context) else {
            return nil
        }
        return [
            "headers": .array(request.headers.map { .array([.string($0.name), .string($0.value)]) }),
            "body": .string(String(decoding: body, as: UTF8.self)),
        ]
    }

    /// A delivery with its payload and every attempt.
    static func detailed(_ delivery: DeliveryRecord, attempts: [AttemptRecord]) -> JSON.Value {
        var object = members(delivery)
        object["attempts"] = .array(attempts.map { json($0, of: delivery) })
        if let data = delivery.data, let parsed = try? JSONSerialization.jsonObject(with: Data(data.utf8)) {
            object["data"] = JSON.Value(parsed: parsed)
        }
        return .object(object)
    }
}
