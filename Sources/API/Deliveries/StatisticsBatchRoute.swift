import Foundation
import HTTPServer
import Storage
import WebhookCore

/// `GET /api/v1/chatbots/{chatbotId}/webhooks/stats?window=24h|7d`: every webhook of the chatbot with its window's
/// deliveries by outcome, success rate and latency, in one request and one statement, for the webhooks list's health
/// badges. The literal `stats` segment wins over `{webhookId}` in the router (a webhook id is a UUID, never `stats`).
struct StatisticsBatchRoute: Sendable {
    let environment: APIEnvironment

    static let path = "/api/v1/chatbots/{chatbotId}/webhooks/stats"

    func register(on routes: APIRouter) {
        routes.on(.get, Self.path, access: .authenticated) { request, context, auth in
            let chatbotId = try Responses.id(context, "chatbotId", notFound: "Chatbot")
            let window = try StatisticsRoute.window(request)
            let now = Date()
            let summaries = try environment.database.read { session in
                guard try session.chatbots.find(tenantId: auth.tenantId, id: chatbotId) != nil else {
                    throw APIError.notFound("Chatbot")
                }
                return try session.deliveryStatistics.summaries(tenantId: auth.tenantId, chatbotId: chatbotId,
                                                                window: window, now: now)
            }
            return Responses.json(.ok, .object([
                ("window", .string(window.rawValue)),
                ("from", .date(window.range(now: now).start)),
                ("to", .date(now)),
                ("webhooks", .array(summaries.map { summary in
                    .object([
                        ("webhookId", .uuid(summary.webhookId)),
                        ("successRate", StatisticsRepresentation.rate(summary.successRate)),
                    ] + StatisticsRepresentation.members(summary.figures))
                })),
            ]))
        }
    }
}
