import Foundation
import HTTPServer
import Storage
import WebhookCore

/// The delivery log of a webhook, and re-sending: list, get with attempts, redeliver, replay.
struct DeliveryRoutes: Sendable {
    let environment: APIEnvironment

    static let webhook = "/api/v1/chatbots/{chatbotId}/webhooks/{webhookId}"
    static let collection = webhook + "/deliveries"
    static let item = collection + "/{deliveryId}"

    func register(on routes: APIRouter) {
        routes.on(.get, Self.collection, access: .authenticated(portal: .ownChatbot)) { request, context, auth in
            let (chatbotId, webhookId) = try ids(context)
            let status = try Responses.query(request, "status").map { raw throws(APIError) in
                guard let status = DeliveryStatus(rawValue: raw) else {
                    throw APIError(.badRequest, code: "invalid_query", message: "status must be pending, succeeded or failed.",
                                   field: "status")
                }
                return status
            }
            let eventType = try Responses.query(request, "eventType").map { raw throws(APIError) in
                guard let type = EventType.named(raw) else {
                    throw APIError(.badRequest, code: "invalid_query", message: "eventType is not a known event type.",
                                   field: "eventType")
                }
                return type.name
            }
            let limit = try Responses.query(request, "limit").map { raw throws(APIError) in
                guard let limit = Int(raw), (1...100).contains(limit) else {
                    throw APIError(.badRequest, code: "invalid_query", message: "limit must be from 1 to 100.", field: "limit")
                }
                return limit
            } ?? 20
            let since = try Self.timestamp(request, "since")
            let until = try Self.timestamp(request, "until")
            if let since, let until, until <= since {
                throw APIError(.badRequest, code: "invalid_query", message: "until must be later than since.",
                               field: "until")
            }
            let cursor = try Responses.query(request, "cursor")
            let page = try environment.database.read { session in
                try requireWebhook(session, auth, chatbotId, webhookId)
                do {
                    return try session.deliveryLog.list(tenantId: auth.tenantId, webhookId: webhookId, status: status,
                                                        eventType: eventType, since: since, until: until,
                                                        limit: limit, cursor: cursor)
                } catch is DeliveryLogError {
                    throw APIError(.badRequest, code: "invalid_query", message: "cursor is not one this API gave out.",
                                   field: "cursor")
                }
            }
            return Responses.json(.ok, [
                "deliveries": .array(page.items.map(DeliveryRepresentation.json)),
                "nextCursor": .string(page.nextCursor),
            ])
        }
        routes.on(.get, Self.item, access: .authenticated(portal: .ownChatbot)) { _, context, auth in
            let (chatbotId, webhookId) = try ids(context)
            let deliveryId = try Responses.id(context, "deliveryId", notFound: "Delivery")
            let found = try environment.database.read { session in
                try requireWebhook(session, auth, chatbotId, webhookId)
                return try session.deliveryLog.find(tenantId: auth.tenantId, webhookId: webhookId, deliveryId: deliveryId)
            }
            guard let (delivery, attempts) = found else { throw APIError.notFound("Delivery") }
            return Responses.json(.ok, ["delivery": DeliveryRepresentation.detailed(delivery, attempts: attempts)])
        }
        routes.on(.post, Self.item + "/redeliver", access: .writer(portal: .ownChatbot)) { _, context, auth in
            let (chatbotId, webhookId) = try ids(context)
            let deliveryId = try Responses.id(context, "deliveryId", notFound: "Delivery")
            let delivery = try environment.database.transaction { session in
                try requireWebhook(session, auth, chatbotId, webhookId)
                guard let (current, _) = try session.deliveryLog.find(tenantId: auth.tenantId, webhookId: webhookId,
                                                                     deliveryId: deliveryId)
                else { throw APIError.notFound("Delivery") }
                guard current.status != .pending else {
                    throw APIError(.conflict, code: "delivery_pending", message: "This delivery is still queued or in flight.")
                }
                _ = try session.deliveryQueue.redeliver(tenantId: auth.tenantId, webhookId: webhookId,
                                                        deliveryId: deliveryId, now: Date())
                return try session.deliveryLog.find(tenantId: auth.tenantId, webhookId: webhookId, deliveryId: deliveryId)?.0
            }
            return Responses.json(.accepted, [
                "message": "Delivery queued again",
                "delivery": delivery.map(DeliveryRepresentation.json) ?? .null,
            ])
        }
        routes.on(.post, Self.webhook + "/replay", access: .writer(portal: .ownChatbot)) { request, context, auth in
            let (chatbotId, webhookId) = try ids(context)
            let body = try Responses.body(request)
            try body.rejectUnknownFields(["since"])
            let sinceText = try body.require("since", body.string("since", maxLength: 64))
            guard let since = ISODate.parse(sinceText) else {
                throw APIError(.unprocessableContent, code: "invalid_field", message: "Must be an ISO 8601 timestamp.",
                               field: "since")
            }
            let count = try environment.database.transaction { session in
                try requireWebhook(session, auth, chatbotId, webhookId)
                return try session.deliveryQueue.replay(tenantId: auth.tenantId, webhookId: webhookId, since: since, now: Date())
            }
            return Responses.json(.accepted, ["message": "Failed deliveries queued again", "replayed": .int(count),
                                              "since": .date(since)])
        }
    }

    /// The query parameter `name` as an RFC 3339 timestamp, or nil; 400 `invalid_query` naming it otherwise.
    private static func timestamp(_ request: HTTPRequest, _ name: String) throws(APIError) -> Date? {
        // The shape openapi.yaml gives (an offset of at most 18 hours), then the calendar (ISODate).
        let shape = #/[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?(?:Z|[+\-](?:(?:0[0-9]|1[0-7]):[0-5][0-9]|18:00))/#
        return try Responses.query(request, name).map { raw throws(APIError) in
            guard raw.utf8.count <= 64, raw.wholeMatch(of: shape) != nil, let date = ISODate.parse(raw) else {
                throw APIError(.badRequest, code: "invalid_query",
                               message: "\(name) must be an RFC 3339 timestamp such as 2025-01-15T10:30:00Z.", field: name)
            }
            return date
        }
    }

    private func ids(_ context: RequestContext) throws(APIError) -> (UUID, UUID) {
        (try Responses.id(context, "chatbotId", notFound: "Chatbot"), try Responses.id(context, "webhookId", notFound: "Webhook"))
    }

    /// Throws 404 unless the webhook is the caller's, under that chatbot.
    private func requireWebhook(_ session: DatabaseSession, _ auth: AuthContext, _ chatbotId: UUID, _ webhookId: UUID) throws {
        guard try session.webhooks.find(tenantId: auth.tenantId, chatbotId: chatbotId, id: webhookId) != nil else {
            throw APIError.notFound("Webhook")
        }
    }
}
