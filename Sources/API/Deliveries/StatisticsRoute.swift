import Foundation
import HTTPServer
import Storage
import WebhookCore

/// `GET .../webhooks/{webhookId}/stats?window=24h|7d`: the webhook's deliveries by outcome and its attempts'
/// latency, bucket by bucket, for the dashboard's charts, with its health over the last 24 hours for the list.
/// Readable by whoever may read the delivery log.
struct StatisticsRoute: Sendable {
    let environment: APIEnvironment

    func register(on routes: APIRouter) {
        routes.on(.get, DeliveryRoutes.webhook + "/stats", access: .authenticated(portal: .ownChatbot)) { request, context, auth in
            let chatbotId = try Responses.id(context, "chatbotId", notFound: "Chatbot")
            let webhookId = try Responses.id(context, "webhookId", notFound: "Webhook")
            let window = try Self.window(request)
            let now = Date()
            let statistics = try environment.database.read { session in
                guard try session.webhooks.find(tenantId: auth.tenantId, chatbotId: chatbotId, id: webhookId) != nil else {
                    throw APIError.notFound("Webhook")
                }
                return try session.deliveryStatistics.statistics(tenantId: auth.tenantId, webhookId: webhookId,
                                                                 window: window, now: now)
            }
            return Responses.json(.ok, StatisticsRepresentation.json(statistics, window: window, now: now))
        }
    }

    /// The `window` query parameter, `24h` when absent; 400 `invalid_query` naming it otherwise.
    static func window(_ request: HTTPRequest) throws(APIError) -> StatisticsWindow {
        try Responses.query(request, "window").map { raw throws(APIError) in
            guard let window = StatisticsWindow(rawValue: raw) else {
                throw APIError(.badRequest, code: "invalid_query", message: "window must be 24h or 7d.", field: "window")
            }
            return window
        } ?? .day
    }
}
