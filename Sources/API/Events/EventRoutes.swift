import Foundation
import HTTPServer
import Storage
import WebhookCore

/// `POST /api/v1/chatbots/{chatbotId}/events`: the platform publishes an event; one delivery per matching webhook
/// is queued in the same transaction.
struct EventRoutes: Sendable {
    let environment: APIEnvironment

    /// The largest request body accepted for an event.
    static let maxEventBytes = 256 * 1024

    func register(on routes: APIRouter) {
        routes.on(.post, "/api/v1/chatbots/{chatbotId}/events", access: .writer) { request, context, auth in
            try publish(request, context, auth)
        }
        // The catalogue is public documentation: names, aliases, a JSON schema and an example per type, and per
        // format that sends the type, its name there and the example's body.
        let catalogue = EventType.catalogueJSON()
        routes.onEventLoop(.get, "/api/v1/event-types", access: .public) { _, _ in
            HTTPResponse.json(.ok, bytes: catalogue)
        }
    }

    private func publish(_ request: HTTPRequest, _ context: RequestContext, _ auth: AuthContext) throws -> HTTPResponse {
        let chatbotId = try Responses.id(context, "chatbotId", notFound: "Chatbot")
        guard request.body.count <= Self.maxEventBytes else {
            throw APIError(.payloadTooLarge, code: "payload_too_large", message: "An event may be at most 256 KiB.")
        }
        let body = try Responses.body(request)
        try body.rejectUnknownFields(["type", "data", "id"])
        let typeName = try body.require("type", body.string("type", maxLength: 200))
        guard let type = EventType.named(typeName), type.isPublishable else {
            throw APIError(.unprocessableContent, code: "unknown_event_type",
                           message: "\"\(typeName.prefix(100))\" is not a publishable event type; see GET /api/v1/event-types.",
                           field: "type")
        }
        let idempotencyKey = try body.string("id", maxLength: 200)
        if let key = idempotencyKey, key.isEmpty {
            throw APIError(.unprocessableContent, code: "invalid_field", message: "Must not be empty.", field: "id")
        }
        guard body.contains("data"), !body.isNull("data") else {
            throw APIError(.badRequest, code: "missing_field", message: "This field is required.", field: "data")
        }
        let published = try Self.canonicalData(of: request.body)
        // A seed's event name brings that seed's data shape: it is stored in the catalogue's shape, from which every
        // payload format renders (a canonical name is stored as sent).
        let data = typeName == type.name ? published
            : EventType.canonicalData(publishedAs: typeName, data: JSONValue(canonical: published)).compactJSON
        do {
            try EventType.validate(canonicalData: data, for: type)
        } catch {
            throw APIError(.unprocessableContent, code: "invalid_event_data", message: error.message, field: error.field)
        }
        // Committed with whatever else is being published; a chatbot that is not the tenant's fails the event's
        // foreign key.
        let result: PublishResult
        do {
            result = try environment.publisher.publish(EventPublication(
                tenantId: auth.tenantId, chatbotId: chatbotId, eventType: type.name,
                subscriptionKeys: type.subscriptionKeys, idempotencyKey: idempotencyKey,
                data: String(decoding: data, as: UTF8.self), occurredAt: Date()))
        } catch StorageError.missingReference {
            throw APIError.notFound("Chatbot")
        }
        return Responses.json(.accepted, [
            "id": .uuid(result.eventId),
            "type": .string(type.name),
            "occurredAt": .date(result.occurredAt),
            "deliveriesQueued": .int(result.deliveriesQueued),
            "duplicate": .bool(result.duplicate),
        ])
    }

    /// The `data` member of the body, re-serialised compactly as `JSON.stringify` would (so receivers that
    /// re-serialise verify), and required to be an object.
    static func canonicalData(of body: [UInt8]) throws(APIError) -> [UInt8] {
        let member: [UInt8]?
        do {
            member = try DeliveryEnvelope.canonicalMember("data", ofObject: body)
        } catch {
            throw APIError(.badRequest, code: "malformed_json", message: "The request body is not valid JSON: \(error.message)")
        }
        guard let data = member, data.first == UInt8(ascii: "{") else {
            throw APIError(.unprocessableContent, code: "invalid_type", message: "Must be a JSON object.", field: "data")
        }
        return data
    }
}
