import Foundation
import HTTPServer
import WebhookCore

/// `POST .../webhooks/{webhookId}/test`: sends a test delivery at once, with `X-Webhook-Test: true`, and answers with
/// the outcome. Logged in the delivery log; the webhook's counters are not touched. It is a `webhook.test` event,
/// except for the seed formats, which have no name for one: they get the first event the webhook subscribes to,
/// with the catalogue's example data (see `PayloadFormat.testEventType(subscriptions:)`).
struct TestRoute: Sendable {
    let environment: APIEnvironment

    func register(on routes: APIRouter) {
        routes.on(.post, DeliveryRoutes.webhook + "/test", access: .writer(portal: .ownChatbot)) { request, context, auth in
            let chatbotId = try Responses.id(context, "chatbotId", notFound: "Chatbot")
            let webhookId = try Responses.id(context, "webhookId", notFound: "Webhook")
            if !request.body.isEmpty {
                let body = try Responses.body(request)
                try body.rejectUnknownFields([])
            }
            guard let webhook = try environment.database.read({ session in
                try session.webhooks.find(tenantId: auth.tenantId, chatbotId: chatbotId, id: webhookId)
            }) else { throw APIError.notFound("Webhook") }
            let type = webhook.settings.payloadFormat.testEventType(subscriptions: webhook.settings.eventTypes)
            let data = type.name == "webhook.test"
                ? #"{"message":"This is a test delivery from your chatbot's webhooks.","webhookId":""#
                    + webhookId.uuidString.lowercased() + #""}"#
                : type.example
            guard let result = try environment.testSender.send(tenantId: auth.tenantId, webhookId: webhookId,
                                                               eventType: type.name, data: data)
            else { throw APIError.notFound("Webhook") }
            let outcome = result.outcome
            let succeeded = if case .succeeded = outcome.verdict { true } else { false }
            return Responses.json(.ok, [
                "message": .string(succeeded ? "Test delivery succeeded" : "Test delivery failed"),
                "success": .bool(succeeded),
                "deliveryId": .uuid(result.deliveryId),
                "statusCode": .int(outcome.statusCode),
                "durationMs": .int(outcome.durationMs),
                "error": .string(outcome.error),
                "responseBody": .string(outcome.responseBody),
            ])
        }
    }
}
